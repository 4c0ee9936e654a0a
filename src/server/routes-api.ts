/** yente-compatible read API: /match/{dataset}, /search/{dataset}, /entities/{id}, /algorithms, /catalog. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { hasSchema, isA } from '../model/ftm.ts';
import { entityView } from '../graph/entity-view.ts';
import { nameKey } from '../graph/world.ts';
import { algorithmThreshold, isParty, type MatchResult } from '../match/index.ts';
import { algorithmsResponse, checkAlgorithm, checkScoring, ftmEntity, normaliseProperties, scoredEntity } from './yente.ts';
import { HttpError } from './http-errors.ts';
import { algorithmIndex, type WorldSnapshot } from './world-state.ts';
import { registerAdjacentRoutes } from './routes-adjacent.ts';
import { type CandidateFilters, candidateFilter, list } from './yente-filters.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { VersionInfo } from '../store/index.ts';
import { listByCode, listTopics } from '../model/lists.ts';
import {
  Algorithms,
  AsOfQuerystring,
  Catalog,
  DatasetParams,
  EntityParams,
  EntityResponse,
  MAX_LIMIT,
  MAX_QUERIES,
  type MatchExample,
  MatchQuerystring,
  MatchRequest,
  MatchResponse,
  SearchQuerystring,
  SearchResponse,
} from './schemas.ts';

export function datasetIds(snap: WorldSnapshot, dataset: string): Set<string> | undefined {
  if (dataset === 'default' || dataset === 'all') return undefined;
  const ids = snap.datasets.get(dataset) ?? snap.datasets.get(dataset.toUpperCase());
  if (!ids) throw new HttpError(404, `unknown dataset "${dataset}"; see /catalog`);
  return ids;
}

function num(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new HttpError(400, `${name} must be a number in ${min}..${max}`);
  return n;
}

/** What a /match request asks of the matcher besides the query; `ids`: the dataset's entities (undefined: all). */
interface RunOptions extends CandidateFilters {
  limit: number;
  threshold: number;
  cutoff?: number;
  dataset?: string;
  weights?: Readonly<Record<string, number | undefined>>;
  config?: Record<string, unknown>;
  /** `ofac-sls` or the default matcher (undefined). */
  algorithm?: string;
}

/** Runs the matcher with the dataset and exclusion filters applied inside retrieval, through the snapshot's cache. */
export function runMatch(snap: WorldSnapshot, query: { schema: string; properties: Record<string, string[]> }, o: RunOptions): MatchResult[] {
  const cacheable = !o.ids || o.dataset !== undefined;
  const key = cacheable
    ? JSON.stringify([
        query.schema,
        Object.entries(query.properties).sort(),
        o.limit,
        o.threshold,
        o.cutoff,
        o.dataset,
        o.excludeSchema,
        o.excludeIds,
        o.includeDatasets ?? null,
        o.excludeDatasets ?? null,
        o.topics ?? null,
        o.weights ?? null,
        o.config ?? null,
        o.algorithm ?? null,
      ])
    : '';
  const cached = cacheable ? snap.matchCache.get(key) : undefined;
  if (cached) return cached;
  const results = matchUncached(snap, query, o);
  if (cacheable) snap.matchCache.set(key, results);
  return results;
}

function matchUncached(snap: WorldSnapshot, query: { schema: string; properties: Record<string, string[]> }, o: RunOptions): MatchResult[] {
  const accept = candidateFilter(snap, o);
  return algorithmIndex(snap, o.algorithm).match(query, {
    limit: o.limit,
    threshold: o.threshold,
    cutoff: o.cutoff,
    weights: o.weights,
    config: o.config,
    accept,
  });
}

export function registerApiRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  registerMatchRoutes(fastify, ctx);
  registerEntityRoutes(fastify, ctx);
  registerAdjacentRoutes(fastify, ctx);
}

type MatchAnswer = Static<typeof MatchResponse>['responses'][string];

/** One query of a /match batch: its example checked, matched and answered in yente's shape. */
function matchExample(snap: WorldSnapshot, name: string, example: Static<typeof MatchExample>, options: Parameters<typeof runMatch>[2]): MatchAnswer {
  if (!hasSchema(example.schema)) throw new HttpError(400, `query "${name}": unknown schema "${example.schema}"`);
  if (!isParty(example.schema)) {
    throw new HttpError(400, `query "${name}": schema ${example.schema} is not matchable`);
  }
  const properties = normaliseProperties(example.properties);
  const results = runMatch(snap, { schema: example.schema, properties }, options);
  return {
    status: 200,
    results: results.map((r) => scoredEntity(snap, r)),
    total: { value: results.length, relation: 'eq' },
    query: { id: example.id ?? null, schema: example.schema, properties },
  };
}

/** yente's candidate filters of a /match query string. */
function queryFilters(q: Static<typeof MatchQuerystring>): CandidateFilters {
  return {
    excludeSchema: list(q.exclude_schema),
    excludeIds: list(q.exclude_entity_ids),
    includeDatasets: list(q.include_dataset),
    excludeDatasets: list(q.exclude_dataset),
    topics: list(q.topics),
  };
}

/** `POST /match/:dataset` and `GET /search/:dataset` (yente-compatible). */
function registerMatchRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/match/:dataset',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Match entities (yente-compatible batch)',
        description:
          "Scores each example entity in `queries` against the parties in `dataset` (`default` = everything loaded). Request and response follow yente's /match.",
        tags: ['matching'],
        params: DatasetParams,
        querystring: MatchQuerystring,
        body: MatchRequest,
        response: { 200: MatchResponse },
      },
    },
    async (req) => {
      const { dataset } = req.params;
      const q = req.query;
      const algorithm = checkAlgorithm(q.algorithm);
      const limit = num(q.limit, 'limit', 1, MAX_LIMIT, 5);
      const threshold = num(q.threshold, 'threshold', 0, 1, algorithmThreshold(algorithm));
      const cutoff = q.cutoff === undefined ? undefined : num(q.cutoff, 'cutoff', 0, 1, 0);
      const { weights, config } = checkScoring(req.body);
      const names = Object.keys(req.body.queries);
      if (names.length > MAX_QUERIES) throw new HttpError(400, `at most ${MAX_QUERIES} queries per request`);
      const snap = ctx.worlds.get();
      const ids = datasetIds(snap, dataset);
      const options = {
        limit,
        threshold,
        cutoff,
        ids,
        dataset,
        ...queryFilters(q),
        weights,
        config,
        algorithm,
      };
      const responses: Record<string, MatchAnswer> = {};
      for (const name of names) responses[name] = matchExample(snap, name, req.body.queries[name], options);
      return { responses, matcher: { name: algorithm, requested: q.algorithm ?? algorithm, threshold }, limit };
    },
  );

  app.get(
    '/search/:dataset',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Search entities by name',
        tags: ['matching'],
        params: DatasetParams,
        querystring: SearchQuerystring,
        response: { 200: SearchResponse },
      },
    },
    async (req) => {
      const { dataset } = req.params;
      const { q = '', schema = 'LegalEntity', limit = 10, offset = 0 } = req.query;
      if (!hasSchema(schema)) throw new HttpError(400, `unknown schema "${schema}"`);
      const snap = ctx.worlds.get();
      const filters = {
        ids: datasetIds(snap, dataset),
        includeDatasets: list(req.query.include_dataset),
        excludeDatasets: list(req.query.exclude_dataset),
        topics: list(req.query.topics),
      };
      const found = search(snap, q, schema, filters, offset + limit);
      return {
        results: found.slice(offset, offset + limit),
        total: { value: found.length, relation: found.length >= offset + limit ? ('gte' as const) : ('eq' as const) },
        limit,
        offset,
        facets: {},
      };
    },
  );
}

/** `GET /entities/:id`, `/algorithms` and `/catalog`. */
function registerEntityRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/entities/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One entity: names in all scripts, identifiers, listings, owners, subsidiaries, brands, sources',
        tags: ['entities'],
        params: EntityParams,
        querystring: AsOfQuerystring,
        response: { 200: EntityResponse },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const { as_of } = req.query;
      const snap = ctx.worlds.get();
      const e = snap.world.get(id);
      if (!e) throw new HttpError(404, `no entity with id "${id}"`);
      // yente redirects referents to the canonical id; we answer with the canonical entity directly.
      if (e.id !== id) reply.header('Content-Location', `/entities/${encodeURIComponent(e.id)}`);
      const view = entityView(snap.world, e.id, as_of)!;
      return { ...ftmEntity(snap, e), view };
    },
  );

  app.get(
    '/algorithms',
    {
      config: { role: 'public' },
      schema: { summary: 'Matching algorithms', tags: ['matching'], response: { 200: Algorithms } },
    },
    async () => algorithmsResponse(),
  );

  app.get(
    '/catalog',
    {
      config: { role: 'public' },
      schema: { summary: 'Datasets that /match and /search accept', tags: ['matching'], response: { 200: Catalog } },
    },
    async () => catalog(ctx.worlds.get()),
  );
}

/** `/catalog`: each dataset with its current version, update time and entity count (yente's catalog, in brief). */
function catalog(snap: WorldSnapshot): Static<typeof Catalog> {
  const latest = new Map<string, VersionInfo>();
  for (const v of snap.versions) if ((latest.get(v.source)?.id ?? -1) < v.id) latest.set(v.source, v);
  // the sources each list's entries came from: a list dataset is as current as the newest of them
  const listSources = new Map<string, Set<string>>();
  for (const e of snap.world.parties())
    for (const l of snap.world.listings(e.id))
      for (const o of l.origins ?? [l.origin])
        if (o?.source) (listSources.get(l.listCode) ?? listSources.set(l.listCode, new Set()).get(l.listCode)!).add(o.source);
  const newest = (sources: Iterable<string>) =>
    [...sources].map((s) => latest.get(s)).reduce<VersionInfo | undefined>((a, v) => (v && (!a || v.createdAt > a.createdAt) ? v : a), undefined);
  const everything = newest(latest.keys());
  const datasets: Static<typeof Catalog>['datasets'] = [
    {
      name: 'default',
      title: 'Everything loaded',
      type: 'collection',
      version: everything ? String(everything.id) : null,
      updated_at: everything?.createdAt ?? null,
      entity_count: snap.world.parties().length,
      topics: [],
    },
  ];
  for (const [name, ids] of [...snap.datasets].sort((a, b) => a[0].localeCompare(b[0]))) {
    const isList = listSources.has(name) && !latest.has(name);
    const v = isList ? newest(listSources.get(name)!) : latest.get(name);
    const title = isList ? (listByCode(name)?.name ?? name) : name === 'pack' ? 'Sightline knowledge pack' : name;
    datasets.push({
      name,
      title,
      type: isList ? 'list' : 'source',
      version: v ? String(v.id) : null,
      updated_at: v?.createdAt ?? null,
      entity_count: ids.size,
      topics: isList ? listTopics(name) : [],
    });
  }
  return { datasets, current: snap.versions.map((v) => ({ source: v.source, version: v.id, created_at: v.createdAt, sha256: v.sha256 })) };
}

/** Name search: whole-word name/alias matches first, then fuzzy matcher results. */
/** Fuzzy search results score at least this; looser than screening (0.75), since a person reads the list. */
export const SEARCH_THRESHOLD = 0.6;

export function search(snap: WorldSnapshot, q: string, schema: string, filters: CandidateFilters, max: number) {
  const accept = candidateFilter(snap, filters);
  const key = nameKey(q);
  if (!key) return [];
  const out = new Map<string, ReturnType<typeof scoredEntity>>();
  const words = key.split(' ');
  for (const e of snap.world.parties()) {
    if (out.size >= max) break;
    if (accept && !accept(e.id, e.schema)) continue;
    if (schema !== 'LegalEntity' && !isA(e.schema, schema)) continue;
    const names = ['name', 'alias', 'weakAlias', 'previousName'].flatMap((p) => e.properties[p] ?? []).map(nameKey);
    if (names.some((n) => words.every((w) => ` ${n} `.includes(` ${w} `) || (/\p{Script=Han}/u.test(w) && n.includes(w))))) {
      out.set(e.id, { ...scoredEntity(snap, { id: e.id, caption: '', schema: e.schema, score: 1, match: true, explanation: {} }) });
    }
  }
  if (out.size < max) {
    const fuzzy = runMatch(snap, { schema, properties: { name: [q] } }, { limit: max, threshold: SEARCH_THRESHOLD, ...filters });
    // The matcher also returns near-misses (down to 3/4 of the threshold); a search shows only names close enough, so nonsense finds nothing.
    for (const r of fuzzy) if (r.match && !out.has(r.id)) out.set(r.id, scoredEntity(snap, r));
  }
  return [...out.values()].slice(0, max);
}
