/**
 * Pairwise scoring of a prepared query against a prepared candidate: the best name pair sets the
 * base, other features add or subtract their weight, a strong identifier sets a floor.
 * score = clamp01(name_match + Σ feature.weight · feature.score), then max(…, IDENTIFIER_FLOOR) on an identifier match.
 */
import type { Entity } from '../model/entity.ts';
import { compareNames } from './name-similarity.ts';
import { prepare, type Prepared } from './prepared.ts';
import { compatible } from './schemas.ts';
import { IDENTIFIER_FLOOR, birthDate, countryMismatch, identifierMatch, numberMismatch, tickerMatch } from './features.ts';
import type { FeatureScore, MatchQuery, PairScore } from './types.ts';

/** `names`: indices of the candidate's names to compare (default all), e.g. those the index retrieved. */
export function scorePrepared(q: Prepared, c: Prepared, names?: number[]): PairScore {
  const explanation: Record<string, FeatureScore> = {};
  if (!compatible(q.schema, c.schema)) {
    explanation.schema_mismatch = { score: 1, weight: 0, detail: `${q.schema} cannot be ${c.schema}` };
    return { score: 0, explanation };
  }
  let best = { score: 0, detail: 'no comparable names', qi: -1, ci: -1 };
  const cn = names ?? c.names.map((_, j) => j);
  for (let i = 0; i < q.names.length; i++) {
    for (const j of cn) {
      const r = compareNames(q.names[i], c.names[j]);
      // prefer the pair without a number conflict when scores tie
      if (r.score > best.score) best = { score: r.score, detail: r.detail, qi: i, ci: j };
      if (best.score === 1) break;
    }
    if (best.score === 1) break;
  }
  explanation.name_match = { score: round(best.score), weight: 1, detail: best.detail };
  let total = best.score;
  const add = (key: string, f: FeatureScore | undefined) => {
    if (!f) return;
    explanation[key] = f;
    total += f.score * f.weight;
  };
  if (best.qi >= 0) add('number_mismatch', numberMismatch(q.names[best.qi], c.names[best.ci]));
  add('country_mismatch', countryMismatch(q, c));
  add('birth_date', birthDate(q, c));
  add('ticker_match', tickerMatch(q, c));
  let score = Math.min(1, Math.max(0, total));
  const id = identifierMatch(q, c);
  if (id) {
    explanation.identifier_match = id;
    score = Math.max(score, IDENTIFIER_FLOOR);
  }
  return { score: round(score), explanation };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Scores an example entity (the query) against one candidate entity. */
export function scorePair(query: MatchQuery, candidate: Entity): PairScore {
  return scorePrepared(prepare(query, 'query'), prepare(candidate));
}
