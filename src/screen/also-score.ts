/**
 * A second score column (`--also-score ofac-sls`): each screened row scored again by another algorithm, so a
 * team can show the regulator's score beside Sightline's. For a row with a match, the other algorithm's score of
 * that same party (null when its prefilter drops it); for a row without one, the party it would show first.
 */
import type { Entity } from '../model/entity.ts';
import { algorithmName, algorithmThreshold, buildAlgorithmIndex, type MatchIndex } from '../match/index.ts';
import type { RowResult } from './types.ts';

export interface AlsoScore {
  algorithm: string;
  /** 0..1, null: the algorithm does not show the party (or, for a row without a match, shows nothing). */
  score: number | null;
  /** The party scored: the row's match, or the algorithm's first result. */
  id?: string;
  caption?: string;
}

function scoreRow(index: MatchIndex, algorithm: string, r: RowResult): AlsoScore {
  const name = r.input.name?.trim();
  if (!name) return { algorithm, score: null };
  const query = { schema: 'LegalEntity', properties: { name: [name] } };
  const matched = r.match;
  if (matched) {
    const [same] = index.match(query, { limit: 1, threshold: 0, cutoff: 0, accept: (id) => id === matched.id });
    return { algorithm, score: same?.score ?? null, id: matched.id, caption: matched.caption };
  }
  const [first] = index.match(query, { limit: 1, threshold: algorithmThreshold(algorithm) });
  return first ? { algorithm, score: first.score, id: first.id, caption: first.caption } : { algorithm, score: null };
}

/** Each row's scores by `algorithms` (checked names), in order; an unknown name is a BAD_INPUT error naming the known ones. */
export function alsoScores(parties: Entity[], results: RowResult[], algorithms: string[]): void {
  for (const requested of algorithms) {
    const algorithm = algorithmName(requested);
    const index = buildAlgorithmIndex(algorithm, parties);
    for (const r of results) (r.also ??= []).push(scoreRow(index, algorithm, r));
  }
}
