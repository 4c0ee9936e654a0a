/**
 * yente's wire shapes (https://www.opensanctions.org/docs/yente/api/): FtM entities with datasets,
 * referents, target and first/last seen, and scored results with `features` and `explanations`,
 * so clients written for yente read our answers unchanged. Pure functions over a world snapshot.
 */
import type { Entity } from '../model/entity.ts';
import { caption } from '../model/entity.ts';
import { listTopics } from '../model/lists.ts';
import {
  ALGORITHM,
  ALGORITHM_DESCRIPTION,
  ALGORITHM_NAMES,
  algorithmName,
  BEST_ALIAS,
  CONFIG,
  FEATURES,
  OFAC_SLS,
  OFAC_SLS_DESCRIPTION,
  resolveConfig,
  resolveWeights,
  type MatchResult,
} from '../match/index.ts';
import { datasetNames, type WorldSnapshot } from './world-state.ts';
import type { Static } from 'typebox';
import type { Algorithms, FtmEntity, ScoredEntity } from './schemas.ts';
import { HttpError } from './http-errors.ts';

export { ALGORITHM };

/**
 * The algorithm a request names: ours or yente's alias `best`. yente's own algorithms (logic-v1, logic-v2 …)
 * are refused rather than silently answered by another matcher: their scores and weights mean other things.
 */
export function checkAlgorithm(value: unknown): string {
  const a = value === undefined || value === '' ? ALGORITHM : String(value);
  if (!ALGORITHM_NAMES.includes(a)) throw new HttpError(400, `unknown algorithm "${a}"; known algorithms: ${ALGORITHM_NAMES.join(', ')} (see /algorithms)`);
  return algorithmName(a);
}

/** A /match request's `weights` and `config`, refused (400 naming the known keys) before any query runs. */
export function checkScoring<T extends { weights?: Record<string, number | undefined>; config?: Record<string, unknown> }>(body: T): T {
  resolveWeights(body.weights);
  resolveConfig(body.config);
  return body;
}

/** `GET /algorithms`: the matcher with its features (default weights) and tunables, as the matcher declares them. */
export function algorithmsResponse(): Static<typeof Algorithms> {
  return {
    algorithms: [
      { name: ALGORITHM, description: ALGORITHM_DESCRIPTION, features: FEATURES, config: CONFIG },
      {
        name: OFAC_SLS,
        description: OFAC_SLS_DESCRIPTION,
        features: { ofac_sls: { coefficient: 1, explained_as: OFAC_SLS, description: 'The Sanctions List Search score / 100; not weighted.' } },
        config: {},
      },
    ],
    default: ALGORITHM,
    best: ALGORITHM,
    aliases: [BEST_ALIAS],
  };
}

export type FtmEntityResponse = Static<typeof FtmEntity>;

export function ftmEntity(snap: WorldSnapshot, e: Entity): FtmEntityResponse {
  const { world, versions } = snap;
  const datasets = datasetNames(world, e);
  const listings = world.listings(e.id);
  const properties: Record<string, string[]> = { ...e.properties };
  if (listings.length && !properties.topics) {
    // FtM topics of the lists (data/lists.yml): sanction, export.control, debarment
    const topics = new Set(listings.flatMap((l) => listTopics(l.listCode)));
    properties.topics = [...topics].sort();
  }
  const seen = versions
    .filter((v) => datasets.includes(v.source))
    .map((v) => v.createdAt)
    .sort();
  return {
    id: e.id,
    caption: caption(e),
    schema: e.schema,
    properties,
    datasets,
    referents: world
      .members(e.id)
      .map((m) => m.id)
      .filter((id) => id !== e.id)
      .sort(),
    target: listings.length > 0,
    first_seen: seen[0] ?? null,
    last_seen: seen.at(-1) ?? null,
    last_change: seen.at(-1) ?? null,
  };
}

export function scoredEntity(snap: WorldSnapshot, r: MatchResult): Static<typeof ScoredEntity> {
  const e = snap.world.get(r.id);
  const base: FtmEntityResponse = e
    ? ftmEntity(snap, e)
    : {
        id: r.id,
        caption: r.caption,
        schema: r.schema,
        properties: {},
        datasets: [],
        referents: [],
        target: false,
        first_seen: null,
        last_seen: null,
        last_change: null,
      };
  const features: Record<string, number> = {};
  for (const [k, f] of Object.entries(r.explanation)) features[k] = f.score;
  return { ...base, score: r.score, match: r.match, features, explanations: r.explanation, token: null };
}

/** yente accepts a single string or a list per property; we normalise to string lists and drop empties. */
export function normaliseProperties(props: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    const values = (Array.isArray(v) ? v : [v])
      .filter((x) => typeof x === 'string' || typeof x === 'number')
      .map((x) => String(x).trim())
      .filter(Boolean);
    if (values.length) out[k] = values.slice(0, 50);
  }
  return out;
}
