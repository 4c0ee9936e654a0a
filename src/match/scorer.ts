/**
 * Pairwise scoring of a prepared query against a prepared candidate: the best name pair sets the
 * base, other features add or subtract their weight, a strong identifier sets a floor.
 * score = clamp01(w.name_match · name_match + Σ feature.weight · feature.score), then max(…, w.identifier_match) on an
 * identifier match. The weights are a parameter (weights.ts: the defaults, and per-query overrides from the API).
 * `scoreValue` is the same computation without the explanation (no strings): the index scores every
 * candidate with it and explains only the results it returns.
 */
import type { Entity } from '../model/entity.ts';
import { compareNames, nameScore } from './name-similarity.ts';
import { nameBound } from './name-bound.ts';
import { prepare, type Prepared } from './prepared.ts';
import { compatible } from './schemas.ts';
import { DEFAULT_WEIGHTS, type Weights } from './weights.ts';
import {
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

/**
 * The name floor for a score floor: less what the other features could add at most, over the name weight,
 * so it stays sound for any weights (0: no pruning when names cannot carry the score).
 */
export function nameFloor(q: Prepared, floor: number, w: Weights = DEFAULT_WEIGHTS): number {
  if (floor <= 0 || w.name_match <= 0) return 0;
  const pos = (x: number) => Math.max(0, x);
  // the default weights subtract the first two terms only, divided by 1: today's floor, bit for bit
  const rest =
    floor -
    (q.tickers.size ? pos(w.ticker_match) : 0) -
    (q.birthDates.length ? pos(w.birth_date_match) + pos(w.birth_date_mismatch) : 0) -
    pos(w.country_mismatch) -
    pos(w.number_mismatch) -
    pos(w.organisation_vs_person);
  return rest / w.name_match;
}

/**
 * The score of `scorePrepared` without its explanation. With `floor`, the score is exact when it is at
 * least `floor` and merely below `floor` otherwise (name pairs that cannot reach it are not aligned).
 */
export function scoreValue(q: Prepared, c: Prepared, names?: number[], floor = 0, w: Weights = DEFAULT_WEIGHTS): number {
  if (!compatible(q.schema, c.schema)) return 0;
  let total = bestNames(q, c, names, nameFloor(q, floor, w)) * w.name_match;
  if (bestQ >= 0 && numbersDiffer(q.names[bestQ], c.names[bestC])) total += w.number_mismatch;
  if (bestQ >= 0 && organisationWord(q, q.names[bestQ], c) !== undefined) total += w.organisation_vs_person;
  if (countriesDiffer(q, c)) total += w.country_mismatch;
  const born = birthDateAgreement(q, c);
  if (born === 1) total += w.birth_date_match;
  else if (born === -1) total += w.birth_date_mismatch;
  if (sharedTicker(q, c) !== undefined) total += w.ticker_match;
  let score = Math.min(1, Math.max(0, total));
  if (sharedIdentifier(q, c) !== undefined) score = Math.max(score, Math.min(1, w.identifier_match));
  // a score resting on a bound is below the floor, and must stay so once rounded (0.56249 → 0.5625)
  if (bestIsBound && score < floor) return Math.min(round(score), Math.ceil(floor * 10000 - 1) / 10000);
  return round(score);
}

/**
 * `names`: indices of the candidate's names to compare (default all), e.g. those the index retrieved.
 * `floor`: as in scoreValue; the index explains only results it scored at or above it, whose score and
 * best name pair are then exact.
 */
export function scorePrepared(q: Prepared, c: Prepared, names?: number[], floor = 0, w: Weights = DEFAULT_WEIGHTS): PairScore {
  const explanation: Record<string, FeatureScore> = {};
  if (!compatible(q.schema, c.schema)) {
    explanation.schema_mismatch = { score: 1, weight: 0, detail: `${q.schema} cannot be ${c.schema}` };
    return { score: 0, explanation };
  }
  const best = bestNames(q, c, names, nameFloor(q, floor, w));
  const qi = bestQ;
  const ci = bestC;
  const detail = qi >= 0 ? compareNames(q.names[qi], c.names[ci]).detail : 'no comparable names';
  explanation.name_match = { score: round(best), weight: w.name_match, detail };
  // same terms in the same order as scoreValue, so both give the same score
  let total = best * w.name_match;
  const add = (key: string, f: FeatureScore | undefined) => {
    if (!f) return;
    explanation[key] = f;
    total += f.score * f.weight;
  };
  if (qi >= 0) add('number_mismatch', numberMismatch(q.names[qi], c.names[ci], w));
  if (qi >= 0) add('organisation_vs_person', organisationVsPerson(q, q.names[qi], c, w));
  add('country_mismatch', countryMismatch(q, c, w));
  add('birth_date', birthDate(q, c, w));
  add('ticker_match', tickerMatch(q, c, w));
  let score = Math.min(1, Math.max(0, total));
  const id = identifierMatch(q, c, w);
  if (id) {
    explanation.identifier_match = id;
    score = Math.max(score, Math.min(1, w.identifier_match));
  }
  return { score: round(score), explanation };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Scores an example entity (the query) against one candidate entity, with the default weights or `w`. */
export function scorePair(query: MatchQuery, candidate: Entity, w: Weights = DEFAULT_WEIGHTS): PairScore {
  return scorePrepared(prepare(query, 'query'), prepare(candidate), undefined, 0, w);
}
