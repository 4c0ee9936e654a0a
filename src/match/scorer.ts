/**
 * Pairwise scoring of a prepared query against a prepared candidate: the best name pair sets the
 * base, other features add or subtract their weight, a strong identifier sets a floor.
 * score = clamp01(name_match + Σ feature.weight · feature.score), then max(…, IDENTIFIER_FLOOR) on an identifier match.
 * `scoreValue` is the same computation without the explanation (no strings): the index scores every
 * candidate with it and explains only the results it returns.
 */
import type { Entity } from '../model/entity.ts';
import { compareNames, nameScore } from './name-similarity.ts';
import { nameBound } from './name-bound.ts';
import { prepare, type Prepared } from './prepared.ts';
import { compatible } from './schemas.ts';
import {
  IDENTIFIER_FLOOR,
  WEIGHTS,
  birthDate,
  birthDateAgreement,
  countriesDiffer,
  countryMismatch,
  identifierMatch,
  numberMismatch,
  numbersDiffer,
  organisationVsPerson,
  organisationWord,
  sharedIdentifier,
  sharedTicker,
  tickerMatch,
} from './features.ts';
import type { FeatureScore, MatchQuery, PairScore } from './types.ts';

/** The best name pair: its score and indices (-1 when no pair was compared). */
let bestQ = -1;
let bestC = -1;
/** The best pair's score is a bound standing in for it (below the floor), not the exact score. */
let bestIsBound = false;

/**
 * `floor` > 0: name pairs whose upper bound (name-bound.ts) stays below it are not aligned; the bound
 * stands in for their score, which is then below the floor too.
 */
function bestNames(q: Prepared, c: Prepared, names: number[] | undefined, floor = 0): number {
  let best = 0;
  bestQ = -1;
  bestC = -1;
  bestIsBound = false;
  const n = names ? names.length : c.names.length;
  for (let i = 0; i < q.names.length; i++) {
    for (let k = 0; k < n; k++) {
      const j = names ? names[k] : k;
      const qn = q.names[i];
      const cn = c.names[j];
      let s: number;
      if (floor > 0 && qn.literal !== cn.literal && !(qn.hanCore && cn.hanCore)) {
        const bound = nameBound(qn, cn);
        if (bound <= best) continue; // cannot beat the best pair so far
        if (bound < floor) {
          if (bound > best) (best = bound), (bestQ = i), (bestC = j), (bestIsBound = true);
          continue;
        }
        s = nameScore(qn, cn);
      } else s = nameScore(qn, cn);
      if (s > best) (best = s), (bestQ = i), (bestC = j), (bestIsBound = false);
      if (best === 1) return best;
    }
  }
  return best;
}

/** The name floor for a score floor: less what the other features could add at most, so it stays sound. */
export function nameFloor(q: Prepared, floor: number): number {
  if (floor <= 0) return 0;
  return floor - (q.tickers.size ? WEIGHTS.ticker_match : 0) - (q.birthDates.length ? WEIGHTS.birth_date_match : 0);
}

/**
 * The score of `scorePrepared` without its explanation. With `floor`, the score is exact when it is at
 * least `floor` and merely below `floor` otherwise (name pairs that cannot reach it are not aligned).
 */
export function scoreValue(q: Prepared, c: Prepared, names?: number[], floor = 0): number {
  if (!compatible(q.schema, c.schema)) return 0;
  let total = bestNames(q, c, names, nameFloor(q, floor));
  if (bestQ >= 0 && numbersDiffer(q.names[bestQ], c.names[bestC])) total += WEIGHTS.number_mismatch;
  if (bestQ >= 0 && organisationWord(q, q.names[bestQ], c) !== undefined) total += WEIGHTS.organisation_vs_person;
  if (countriesDiffer(q, c)) total += WEIGHTS.country_mismatch;
  const born = birthDateAgreement(q, c);
  if (born === 1) total += WEIGHTS.birth_date_match;
  else if (born === -1) total += WEIGHTS.birth_date_mismatch;
  if (sharedTicker(q, c) !== undefined) total += WEIGHTS.ticker_match;
  let score = Math.min(1, Math.max(0, total));
  if (sharedIdentifier(q, c) !== undefined) score = Math.max(score, IDENTIFIER_FLOOR);
  // a score resting on a bound is below the floor, and must stay so once rounded (0.56249 → 0.5625)
  if (bestIsBound && score < floor) return Math.min(round(score), Math.ceil(floor * 10000 - 1) / 10000);
  return round(score);
}

/**
 * `names`: indices of the candidate's names to compare (default all), e.g. those the index retrieved.
 * `floor`: as in scoreValue; the index explains only results it scored at or above it, whose score and
 * best name pair are then exact.
 */
export function scorePrepared(q: Prepared, c: Prepared, names?: number[], floor = 0): PairScore {
  const explanation: Record<string, FeatureScore> = {};
  if (!compatible(q.schema, c.schema)) {
    explanation.schema_mismatch = { score: 1, weight: 0, detail: `${q.schema} cannot be ${c.schema}` };
    return { score: 0, explanation };
  }
  const best = bestNames(q, c, names, nameFloor(q, floor));
  const qi = bestQ;
  const ci = bestC;
  const detail = qi >= 0 ? compareNames(q.names[qi], c.names[ci]).detail : 'no comparable names';
  explanation.name_match = { score: round(best), weight: 1, detail };
  // same terms in the same order as scoreValue, so both give the same score
  let total = best;
  const add = (key: string, f: FeatureScore | undefined) => {
    if (!f) return;
    explanation[key] = f;
    total += f.score * f.weight;
  };
  if (qi >= 0) add('number_mismatch', numberMismatch(q.names[qi], c.names[ci]));
  if (qi >= 0) add('organisation_vs_person', organisationVsPerson(q, q.names[qi], c));
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
