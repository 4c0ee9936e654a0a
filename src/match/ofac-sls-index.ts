/**
 * The `ofac-sls` algorithm over a set of entities: every name and alias as OFAC's tool reads it, retrieved by the
 * tool's own prefilter (a part with the same first letter, at least 50 % alike by edit distance), then scored by
 * ofac-sls.ts. Same interface as the default matcher, so the API, the CLI and screening can run either.
 */
import type { Entity } from '../model/entity.ts';
import { caption } from '../model/entity.ts';
import { badInput } from '../errors.ts';
import { compatible, isParty } from './schemas.ts';
import { editSimilarity, OFAC_SLS, SLS_PARAMETERS, slsParts, slsScore } from './ofac-sls.ts';
import type { MatchIndex } from './match-index.ts';
import type { MatchOptions, MatchQuery, MatchResult } from './types.ts';

/** The names OFAC's tool searches: the primary name and every alias, weak ones included. */
const NAME_PROPERTIES = ['name', 'alias', 'previousName', 'weakAlias'];

interface IndexedEntity {
  id: string;
  caption: string;
  schema: string;
  names: string[];
}

/** `threshold` and `cutoff` are 0..1 (OFAC's 0–100 / 100); the default threshold is the slider's 80. */
export const SLS_THRESHOLD = SLS_PARAMETERS.shownAt / 100;

export class OfacSlsIndex implements MatchIndex {
  private readonly entities: IndexedEntity[] = [];
  /** first letter → name part → [entity, name] pairs holding it */
  private readonly parts = new Map<string, Map<string, number[]>>();

  constructor(entities: Iterable<Entity>) {
    for (const e of entities) {
      if (!isParty(e.schema)) continue;
      const names = [...new Set(NAME_PROPERTIES.flatMap((p) => e.properties[p] ?? []))];
      if (!names.length) continue;
      const slot = this.entities.push({ id: e.id, caption: caption(e), schema: e.schema, names }) - 1;
      names.forEach((n, k) => {
        for (const part of new Set(slsParts(n))) this.add(part, slot, k);
      });
    }
  }

  get size(): number {
    return this.entities.length;
  }

  private add(part: string, entity: number, name: number): void {
    let byPart = this.parts.get(part[0]);
    if (!byPart) this.parts.set(part[0], (byPart = new Map()));
    const refs = byPart.get(part);
    if (refs) refs.push(entity, name);
    else byPart.set(part, [entity, name]);
  }

  /** Names passing the prefilter for some entered part: entity → indices of its names. */
  private candidates(entered: string[]): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    for (const q of new Set(entered)) {
      for (const [part, refs] of this.parts.get(q[0]) ?? []) {
        // a length gap over half the longer length already puts the edit similarity below 50 %
        if (Math.abs(part.length - q.length) > Math.max(part.length, q.length) * (1 - SLS_PARAMETERS.minEditSimilarity)) continue;
        if (editSimilarity(q, part) < SLS_PARAMETERS.minEditSimilarity) continue;
        for (let x = 0; x < refs.length; x += 2) {
          let names = out.get(refs[x]);
          if (!names) out.set(refs[x], (names = new Set()));
          names.add(refs[x + 1]);
        }
      }
    }
    return out;
  }

  match(query: MatchQuery, opts?: MatchOptions): MatchResult[] {
    const { limit, threshold, cutoff } = slsOptions(opts);
    const entered = [...new Set([...(query.properties.name ?? []), ...(query.properties.alias ?? [])])].filter((n) => slsParts(n).length);
    const results: MatchResult[] = [];
    for (const [slot, nameIdx] of this.candidates(entered.flatMap(slsParts))) {
      const e = this.entities[slot];
      if (!compatible(query.schema, e.schema) || (opts?.accept && !opts.accept(e.id, e.schema))) continue;
      let best: { score: number; detail: string } | undefined;
      for (const k of nameIdx) {
        for (const q of entered) {
          const s = slsScore(q, e.names[k]);
          if (s && (!best || s.score > best.score)) {
            best = { score: s.score, detail: `"${q}" ~ "${e.names[k]}": whole name ${s.wholeName}, name parts ${s.nameParts}` };
          }
        }
      }
      if (!best || best.score / 100 < cutoff) continue;
      const score = best.score / 100;
      const explanation = { [OFAC_SLS]: { score, weight: 1, detail: best.detail } };
      results.push({ id: e.id, caption: e.caption, schema: e.schema, score, match: score >= threshold, explanation });
    }
    return results.sort((a, b) => b.score - a.score || a.caption.localeCompare(b.caption)).slice(0, limit);
  }
}

function slsOptions(opts: MatchOptions | undefined) {
  const limit = opts?.limit ?? 10;
  const threshold = opts?.threshold ?? SLS_THRESHOLD;
  if (!Number.isInteger(limit) || limit < 1) throw badInput(`limit must be a positive integer, got ${limit}`);
  if (!(threshold >= 0 && threshold <= 1)) throw badInput(`threshold must be in 0..1, got ${threshold}`);
  // as the default matcher: results down to 0.75 × threshold are returned (screening's review band needs them)
  const cutoff = opts?.cutoff ?? threshold * 0.75;
  if (opts?.weights && Object.keys(opts.weights).length) throw badInput(`the ${OFAC_SLS} algorithm has no feature weights to override`);
  return { limit, threshold, cutoff };
}

export function buildOfacSlsIndex(entities: Iterable<Entity>): OfacSlsIndex {
  return new OfacSlsIndex(entities);
}
