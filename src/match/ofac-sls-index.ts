/**
 * The `ofac-sls` algorithm over a set of entities: every name and alias as OFAC's tool reads it, retrieved by the
 * tool's own prefilter (a part with the same first letter, at least 50 % alike by edit distance), then scored by
 * ofac-sls.ts. Same interface as the default matcher, so the API, the CLI and screening can run either.
 */
import type { Entity } from '../model/entity.ts';
import { caption } from '../model/entity.ts';
import { badInput } from '../errors.ts';
import { compatible, isParty } from './schemas.ts';
import { editSimilarity, OFAC_SLS, partScore, SLS_PARAMETERS, scoredParts, slsNormalise, slsParts, normalisedWholeNameBound } from './ofac-sls.ts';
import { jaroWinkler } from './string-distance.ts';
import type { MatchIndex } from './match-index.ts';
import type { MatchOptions, MatchQuery, MatchResult } from './types.ts';

/** The names OFAC's tool searches: the primary name and every alias, weak ones included. */
const NAME_PROPERTIES = ['name', 'alias', 'previousName', 'weakAlias'];

interface IndexedEntity {
  id: string;
  caption: string;
  schema: string;
  names: string[];
  /** Per name: as the tool reads it (slsNormalise) and its parts. */
  normal: string[];
  parts: string[][];
}

/** An entered name read once per query; `memo`: list part → its score against each scored part. */
interface EnteredName {
  entered: string;
  scored: string[];
  normal: string;
  memo: Map<string, number[]>;
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
      const normal = names.map(slsNormalise);
      const parts = normal.map((n) => (n ? n.split(' ') : []));
      const slot = this.entities.push({ id: e.id, caption: caption(e), schema: e.schema, names, normal, parts }) - 1;
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

  /**
   * Names passing the prefilter for some part of `entered`: entity → name index → mask of the scored parts
   * (scoredParts) that have a comparable part in that name; technique (b) is at most their share.
   */
  private candidates(entered: string): Map<number, Map<number, number>> {
    const scored = scoredParts(entered);
    const out = new Map<number, Map<number, number>>();
    for (const q of new Set(slsParts(entered))) {
      // every position the part holds among the scored parts ("KIM KIM" scores KIM twice)
      const bit = scored.reduce((m, p, i) => (p === q && i < 31 ? m | (1 << i) : m), 0);
      for (const [part, refs] of this.parts.get(q[0]) ?? []) {
        // a length gap over half the longer length already puts the edit similarity below 50 %
        if (Math.abs(part.length - q.length) > Math.max(part.length, q.length) * (1 - SLS_PARAMETERS.minEditSimilarity)) continue;
        if (editSimilarity(q, part) < SLS_PARAMETERS.minEditSimilarity) continue;
        for (let x = 0; x < refs.length; x += 2) {
          let names = out.get(refs[x]);
          if (!names) out.set(refs[x], (names = new Map()));
          names.set(refs[x + 1], (names.get(refs[x + 1]) ?? 0) | bit);
        }
      }
    }
    return out;
  }

  /**
   * The entity's best score for one entered name, or undefined when no name can reach `cutoff` (0–100). The same
   * score as slsScore (ofac-sls.ts), with the names read once and part pairs scored once per query (`memo`).
   */
  private best(q: EnteredName, e: IndexedEntity, names: Map<number, number>, cutoff: number) {
    const { entered, scored, normal, memo } = q;
    const bounded = scored.length <= 31;
    let best: { score: number; detail: string } | undefined;
    for (const [k, mask] of names) {
      const floor = Math.max(cutoff, best?.score ?? 0);
      // both techniques bounded below the floor: not worth the Jaro-Winkler
      const partsBound = bounded ? Math.round((100 * popcount(mask)) / scored.length) : 100;
      if (partsBound < floor && Math.round(100 * normalisedWholeNameBound(normal, e.normal[k])) < floor) continue;
      const wholeName = Math.round(100 * jaroWinkler(normal, e.normal[k]));
      let total = 0;
      for (let i = 0; i < scored.length; i++) {
        let top = 0;
        for (const lp of e.parts[k]) {
          let row = memo.get(lp);
          if (!row) memo.set(lp, (row = scored.map((p) => partScore(p, lp))));
          if (row[i] > top) top = row[i];
        }
        total += top;
      }
      const nameParts = scored.length && e.parts[k].length ? Math.round((100 * total) / scored.length) : 0;
      const score = Math.max(wholeName, nameParts);
      if (!best || score > best.score) best = { score, detail: `"${entered}" ~ "${e.names[k]}": whole name ${wholeName}, name parts ${nameParts}` };
    }
    return best;
  }

  match(query: MatchQuery, opts?: MatchOptions): MatchResult[] {
    const { limit, threshold, cutoff } = slsOptions(opts);
    const entered = [...new Set([...(query.properties.name ?? []), ...(query.properties.alias ?? [])])].filter((n) => slsParts(n).length);
    const found = new Map<number, { score: number; detail: string }>();
    for (const text of entered) {
      const q: EnteredName = { entered: text, scored: scoredParts(text), normal: slsNormalise(text), memo: new Map() };
      for (const [slot, names] of this.candidates(text)) {
        const e = this.entities[slot];
        if (!compatible(query.schema, e.schema) || (opts?.accept && !opts.accept(e.id, e.schema))) continue;
        const best = this.best(q, e, names, Math.max(cutoff * 100, found.get(slot)?.score ?? 0));
        if (best && (!found.has(slot) || best.score > found.get(slot)!.score)) found.set(slot, best);
      }
    }
    const results: MatchResult[] = [];
    for (const [slot, best] of found) {
      const e = this.entities[slot];
      const score = best.score / 100;
      if (score < cutoff) continue;
      const explanation = { [OFAC_SLS]: { score, weight: 1, detail: best.detail } };
      results.push({ id: e.id, caption: e.caption, schema: e.schema, score, match: score >= threshold, explanation });
    }
    return results.sort((a, b) => b.score - a.score || a.caption.localeCompare(b.caption)).slice(0, limit);
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
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
