/**
 * Why the index's `match` missed a result that exhaustive scoring finds (bench-scale-index --misses):
 * the first of these that explains it, tried in order (issue #29).
 *   early-stop        found once every retrieved candidate is scored (stop_early false): the batches ended too soon
 *   cap               found when retrieval keeps 10,000 names instead of the default: more near-ties than the cap
 *   no-shared-key     no name of the hit shares a key (word, skeleton, code, joined words, neighbour) with a query name
 *   common-keys       every key shared is one skipped as common (COMMON_SHARE) because the query has rarer ones
 *   floor             shares rare keys but its key score is below KEEP_SHARE of the best
 *   scoring           retrieved and scored, but only its retrieved names (or the bound pre-check) kept it under the threshold
 * A diagnostic for the bench: it reads the index's private parts, which no caller of the library may.
 */
import { forEachNameKey } from '../src/match/candidate-index.ts';
import type { InMemoryMatchIndex } from '../src/match/index.ts';
import type { MatchQuery } from '../src/match/types.ts';
import type { NameForm } from '../src/names/index.ts';

const WIDE = 10_000;

/** The private parts of the index and its candidate index that the diagnosis reads. */
interface Internals {
  entityIds: string[];
  nameBase: Int32Array;
  entity(n: number): { names: NameForm[] };
  prepareQuery(q: MatchQuery): { names: NameForm[] };
  names: {
    refEntity: Int32Array;
    candidates(names: NameForm[], limit: number, keep: undefined, shares: number[]): number[];
    isCommonKey(key: string): boolean;
    neighbours(word: string): number[];
    vocab: { at(id: number): string };
  };
}

/** Keys a query name reaches: its own keys and the neighbours its words look up (as CandidateIndex.ranked). */
function reachedKeys(x: Internals, f: NameForm): Set<string> {
  const keys = new Set<string>();
  forEachNameKey(f, (k) => keys.add(k));
  for (const t of f.tokens) {
    if (t.text.length === 3 && !t.number) keys.add(`s:${t.skeleton}`);
    for (const n of x.names.neighbours(t.text)) keys.add(x.names.vocab.at(n));
    if (t.text.length >= 4 && !t.number) for (const n of x.names.neighbours(`s:${t.skeleton}`)) keys.add(x.names.vocab.at(n));
  }
  return keys;
}

export function diagnoseMiss(index: InMemoryMatchIndex, q: MatchQuery, id: string): Record<string, unknown> {
  const x = index as unknown as Internals;
  const found = (config: Record<string, unknown>) => index.match(q, { limit: 1000, config }).some((r) => r.id === id);
  const n = x.entityIds.indexOf(id);
  const qNames = x.prepareQuery(q).names;
  const shares: number[] = [];
  const refs = x.names.candidates(qNames, WIDE * 100, undefined, shares);
  const rank = refs.findIndex((ref) => x.names.refEntity[ref] === n);
  // the pre-scores at the cut of the first batch and at the hit (shares of the best)
  const share = { first: +(shares[9] ?? 0).toFixed(4), hit: rank < 0 ? 0 : +shares[rank].toFixed(4) };
  const common = new Set<string>();
  const rare = new Set<string>();
  for (const qf of qNames) {
    const reached = reachedKeys(x, qf);
    for (const f of x.entity(n).names) {
      forEachNameKey(f, (k) => {
        if (reached.has(k)) (x.names.isCommonKey(k) ? common : rare).add(k);
      });
    }
  }
  const facts = { rank, share, rare_keys: [...rare].slice(0, 8), common_keys: [...common].slice(0, 8), hit_names: x.entity(n).names.map((f) => f.raw) };
  if (found({ stop_early: false })) return { why: 'early-stop', ...facts };
  if (found({ stop_early: false, candidate_names: WIDE })) return { why: 'cap', ...facts };
  if (!rare.size && !common.size) return { why: 'no-shared-key', ...facts };
  if (!rare.size) return { why: 'common-keys', ...facts };
  if (rank < 0) return { why: 'floor', ...facts };
  return { why: 'scoring', ...facts };
}
