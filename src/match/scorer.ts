/**
 * Pairwise scoring of a prepared query against a prepared candidate, by the declared model (weights.ts,
 * data/names/match-model.yml): the best pair of names gives the name features, the entities the others;
 *   score = 1 / (1 + e^-(intercept + Σ weight · feature)), then raised to the identifier floor on a shared identifier.
 * One computation (`evaluate`) serves the index (without explanation: no strings built), the CLI, screening,
 * the API and bench:match (with it).
 */
import type { Entity } from '../model/entity.ts';
import { compareNames, type LeftOver } from './name-similarity.ts';
import { BestPairAligner } from './best-pair.ts';
import { NOTHING_LEFT } from './left-over.ts';
import { nameBound } from './name-bound.ts';
import { prepare, type Prepared } from './prepared.ts';
import { compatible } from './schemas.ts';
import { DEFAULT_WEIGHTS, EVIDENCE_GATE, FEATURE_NAMES, NEAR_GATE, FLOORS, GATED, INTERCEPT, type FeatureName, type Weights } from './weights.ts';
import { logistic, logit } from './model.ts';
import {
  birthDate,
  birthDateAgreement,
  countriesDiffer,
  countryMismatch,
  identifierMatch,
  legalFormMismatch,
  legalFormsDiffer,
  numberMismatch,
  numbersDiffer,
  organisationVsPerson,
  organisationWord,
  sharedIdentifier,
  sharedTicker,
  tickerMatch,
} from './features.ts';
import type { FeatureScore, MatchQuery, PairScore } from './types.ts';

/** The best pair of names: its score and indices (-1 when no pair was compared). */
interface BestPair {
  score: number;
  q: number;
  c: number;
  /** The score is a bound standing in for the pair (below the floor), not the exact score. */
  isBound: boolean;
}

/** Sets the best pair in place (bestNames runs for every candidate: no object per pair). */
function setBest(best: BestPair, score: number, q: number, c: number, isBound: boolean): void {
  best.score = score;
  best.q = q;
  best.c = c;
  best.isBound = isBound;
}

/** The pairs of one candidate's names, aligned in turn; the best one's alignment kept for its left-over words. */
const ALIGNER = new BestPairAligner();

/**
 * `floor` > 0: name pairs whose upper bound (name-bound.ts) stays below it are not aligned; the bound
 * stands in for their score, which is then below the floor too. The best exact pair stays aligned in ALIGNER.
 */
function bestNames(q: Prepared, c: Prepared, names: number[] | undefined, floor: number): BestPair {
  const best: BestPair = { score: 0, q: -1, c: -1, isBound: false };
  const n = names ? names.length : c.names.length;
  for (let i = 0; i < q.names.length; i++) {
    for (let k = 0; k < n; k++) {
      const j = names ? names[k] : k;
      const qn = q.names[i];
      const cn = c.names[j];
      let s: number;
      if (floor > 0 && qn.key !== cn.key && !(qn.hanCore && cn.hanCore)) {
        const bound = nameBound(qn, cn);
        if (bound <= best.score) continue; // cannot beat the best pair so far
        if (bound < floor) {
          if (bound > best.score) setBest(best, bound, i, j, true);
          continue;
        }
        s = ALIGNER.score(qn, cn);
      } else s = ALIGNER.score(qn, cn);
      if (s > best.score) setBest(best, s, i, j, false), ALIGNER.keep();
      if (best.score === 1) return best;
    }
  }
  return best;
}

/** Largest value of each feature besides name_match, per query (features absent from the query cannot fire). */
function featureCeiling(q: Prepared, f: FeatureName): number {
  if (f === 'ticker_match') return q.tickers.size ? 1 : 0;
  if (f === 'birth_date_match' || f === 'birth_date_mismatch') return q.birthDates.length ? 1 : 0;
  if (f === 'country_mismatch') return q.countries.size ? 1 : 0;
  if (f === 'organisation_vs_person') return q.kind === 'org' ? 1 : 0;
  // an identical name is never pruned (index and bestNames align names of one key whatever the floor)
  return f === 'identifier_match' || f === 'name_match' || f === 'name_identical' ? 0 : 1;
}

/**
 * The name score below which a pair cannot reach the score `floor`: log-odds of the floor less the
 * intercept and the most every other feature of the table could add, over the name weight (0: no
 * pruning when names cannot carry the score).
 */
export function nameFloor(q: Prepared, floor: number, w: Weights = DEFAULT_WEIGHTS): number {
  if (floor <= 0 || w.name_match <= 0) return 0;
  let ungated = logit(Math.min(floor, 1 - 1e-9)) - INTERCEPT;
  let gated = 0;
  for (const f of FEATURE_NAMES) {
    const most = Math.max(0, w[f]) * featureCeiling(q, f);
    if (GATED.includes(f)) gated += most;
    else ungated -= most;
  }
  // below the gates the gated features add nothing; from the lower (words_near's) on they may add all they can
  const withGated = Math.max(NEAR_GATE, (ungated - gated) / w.name_match);
  return Math.max(0, Math.min(ungated / w.name_match, withGated));
}

/**
 * Whether a compared name of `c` is a name of `q` once normalised (case, accents, punctuation, script, legal
 * forms folded) and their legal forms do not disagree: "Hytera Communications" / "HYTERA COMMUNICATIONS LIMITED".
 */
function identicalName(q: Prepared, c: Prepared, names: number[] | undefined): boolean {
  const n = names ? names.length : c.names.length;
  for (const qn of q.names) {
    if (!qn.key) continue;
    for (let k = 0; k < n; k++) {
      const cn = c.names[names ? names[k] : k];
      if (cn.key === qn.key && !legalFormsDiffer(qn, cn)) return true;
    }
  }
  return false;
}

/** The feature values of a pair (0..1 each), the best name pair and its left-over words. */
export interface PairFeatures {
  values: Record<FeatureName, number>;
  best: BestPair;
  left: LeftOver;
}

function pairFeatures(q: Prepared, c: Prepared, names: number[] | undefined, nameFloorValue: number): PairFeatures {
  const best = bestNames(q, c, names, nameFloorValue);
  const left: LeftOver = {
    near: 0,
    unrelated: 0,
    looseShort: 0,
    looseOther: 0,
    looseOrganisation: 0,
    placeQualifier: 0,
    placeMismatch: 0,
    weakOnly: 0,
    acronymOnly: 0,
    extra: 0,
    middleNames: 0,
    extraOneWord: 0,
    nearLong: false,
    places: NOTHING_LEFT,
    words: NOTHING_LEFT,
  };
  const has = best.q >= 0;
  // the best pair's alignment, kept by bestNames (a bound stands in for a pair not aligned: nothing to read)
  if (has && !best.isBound) ALIGNER.leftOver(left);
  const qn = has ? q.names[best.q] : undefined;
  const cn = has ? c.names[best.c] : undefined;
  const born = birthDateAgreement(q, c);
  const values: Record<FeatureName, number> = {
    name_match: best.score,
    name_identical: identicalName(q, c, names) ? 1 : 0,
    words_near: best.score >= (left.nearLong ? NEAR_GATE : EVIDENCE_GATE) ? left.near : 0,
    words_unrelated: left.unrelated,
    loose_short: best.score >= EVIDENCE_GATE ? left.looseShort : 0,
    loose_other: best.score >= EVIDENCE_GATE ? left.looseOther : 0,
    loose_organisation: left.looseOrganisation,
    place_qualifier: left.placeQualifier,
    place_mismatch: left.placeMismatch,
    weak_words_only: left.weakOnly,
    acronym_only: left.acronymOnly,
    words_extra: left.extra,
    extra_one_word: left.extraOneWord,
    middle_names: best.score >= EVIDENCE_GATE ? left.middleNames : 0,
    legal_form_mismatch: qn && cn && legalFormsDiffer(qn, cn) ? 1 : 0,
    number_mismatch: qn && cn && numbersDiffer(qn, cn) ? 1 : 0,
    organisation_vs_person: qn && organisationWord(q, qn, c) !== undefined ? 1 : 0,
    country_mismatch: countriesDiffer(q, c) ? 1 : 0,
    birth_date_match: born === 1 ? 1 : 0,
    birth_date_mismatch: born === -1 ? 1 : 0,
    ticker_match: sharedTicker(q, c) !== undefined ? 1 : 0,
    identifier_match: sharedIdentifier(q, c) !== undefined ? 1 : 0,
  };
  return { values, best, left };
}

/** The feature values of a pair as the model sees them, every name pair aligned (for fitting: fit-match.ts). */
export function featureValues(q: Prepared, c: Prepared): Record<FeatureName, number> {
  return pairFeatures(q, c, undefined, 0).values;
}

/** The least score feature values allow whatever the sum: a shared identifier's weight (capped at 1), else 0. */
export function floorOf(values: Readonly<Record<FeatureName, number>>, w: Weights = DEFAULT_WEIGHTS): number {
  return values.identifier_match ? Math.min(1, w.identifier_match) : 0;
}

/** The model's score of feature values under weights `w`. */
export function combine(values: Readonly<Record<FeatureName, number>>, w: Weights = DEFAULT_WEIGHTS): number {
  let total = INTERCEPT;
  for (const f of FEATURE_NAMES) if (!FLOORS.includes(f)) total += w[f] * values[f];
  // names with nothing in common are no evidence of a match, whatever the intercept says of compared pairs
  const score = values.name_match > 0 ? logistic(total) : 0;
  return Math.max(score, floorOf(values, w));
}

/** The least score a query asks for, and the name score below which a pair cannot reach it (`nameFloor`): one per query. */
export interface ScoreFloor {
  score: number;
  names: number;
}

export function scoreFloor(q: Prepared, score: number, w: Weights = DEFAULT_WEIGHTS): ScoreFloor {
  return { score, names: nameFloor(q, score, w) };
}

/** A candidate's score and the feature values it comes from (undefined: schemas incompatible), to explain it if it is returned. */
export interface CandidateScore {
  score: number;
  features: PairFeatures | undefined;
}

/**
 * The score of a pair. `names`: indices of the candidate's names to compare (default all), e.g. those the
 * index retrieved. `floor`: the score is exact when it is at least `floor.score` and merely below it
 * otherwise (name pairs that cannot reach it are not aligned).
 */
export function scoreCandidate(q: Prepared, c: Prepared, names: number[] | undefined, floor: ScoreFloor, w: Weights): CandidateScore {
  if (!compatible(q.schema, c.schema)) return { score: 0, features: undefined };
  const pf = pairFeatures(q, c, names, floor.names);
  let score = round(combine(pf.values, w));
  // a score resting on a bound is below the floor (unless a shared identifier's floor lifts it), and must stay
  // so once rounded: 0.56249 → 0.5625 is no longer below a floor of 0.5625
  if (pf.best.isBound && floorOf(pf.values, w) < floor.score) score = Math.min(score, below(floor.score));
  return { score, features: pf };
}

/** The largest score of four decimals strictly below `x` (0.3894 * 10000 is 3894.0000000000005: no ceil(x·10⁴ − 1)). */
function below(x: number): number {
  let k = Math.ceil(x * 10000) - 1;
  while (k / 10000 >= x) k--;
  return k / 10000;
}

/** A scored candidate with its explanation: each feature that fired with its weight and why. */
export function explainCandidate(q: Prepared, c: Prepared, scored: CandidateScore, w: Weights): PairScore {
  if (!scored.features) return { score: 0, explanation: { schema_mismatch: { score: 1, weight: 0, detail: `${q.schema} cannot be ${c.schema}` } } };
  return { score: scored.score, explanation: explanationOf(q, c, scored.features, w) };
}

/** Each feature that fired, with its weight and what decided it. */
function explanationOf(q: Prepared, c: Prepared, pf: PairFeatures, w: Weights): Record<string, FeatureScore> {
  const out: Record<string, FeatureScore> = {};
  const { best, left, values } = pf;
  const qn = best.q >= 0 ? q.names[best.q] : undefined;
  const cn = best.q >= 0 ? c.names[best.c] : undefined;
  const detail = qn && cn ? compareNames(qn, cn).detail : 'no comparable names';
  out.name_match = { score: round(values.name_match), weight: w.name_match, detail };
  if (values.name_identical) out.name_identical = { score: 1, weight: w.name_identical, detail: 'the same name on both sides once normalised' };
  const [lq, lc] = left.words.map((ws) => ws.map((x) => `'${x}'`).join(' '));
  if (values.words_near) out.words_near = { score: round(values.words_near), weight: w.words_near, detail: `left-over words alike: ${lq} ~ ${lc}` };
  if (values.words_unrelated)
    out.words_unrelated = { score: round(values.words_unrelated), weight: w.words_unrelated, detail: `left-over words unlike: ${lq} vs ${lc}` };
  if (values.loose_short) out.loose_short = { score: 1, weight: w.loose_short, detail: 'the names agree in one short word only, one letter apart' };
  if (values.loose_other)
    out.loose_other = { score: 1, weight: w.loose_other, detail: 'the names agree in one word only, alike from another first letter or in sound only' };
  if (values.loose_organisation)
    out.loose_organisation = { score: 1, weight: w.loose_organisation, detail: 'two firms whose names agree in one word only, loosely: a name-alike' };
  if (values.place_qualifier)
    out.place_qualifier = { score: 1, weight: w.place_qualifier, detail: `one name adds a place the other lacks: ${lq || lc || 'a place word'}` };
  if (values.words_extra)
    out.words_extra = { score: round(values.words_extra), weight: w.words_extra, detail: `one name adds words the other lacks: ${lq || lc}` };
  if (values.middle_names) out.middle_names = { score: 1, weight: w.middle_names, detail: `one name adds middle names the other lacks: ${lq || lc}` };
  if (values.extra_one_word) out.extra_one_word = { score: 1, weight: w.extra_one_word, detail: `words added to a name of one distinctive word: ${lq || lc}` };
  if (values.weak_words_only)
    out.weak_words_only = { score: 1, weight: w.weak_words_only, detail: 'the names agree in generic words, places or initials only' };
  if (values.acronym_only)
    out.acronym_only = { score: 1, weight: w.acronym_only, detail: 'the names agree only through an acronym and the words it stands for' };
  if (values.place_mismatch)
    out.place_mismatch = {
      score: 1,
      weight: w.place_mismatch,
      detail: `each name has a place the other lacks: ${left.places[0].join(' ')} vs ${left.places[1].join(' ')}`,
    };
  const add = (key: string, f: FeatureScore | undefined) => {
    if (f) out[key] = f;
  };
  if (qn && cn) {
    add('legal_form_mismatch', legalFormMismatch(qn, cn, w));
    add('number_mismatch', numberMismatch(qn, cn, w));
    add('organisation_vs_person', organisationVsPerson(q, qn, c, w));
  }
  add('country_mismatch', countryMismatch(q, c, w));
  add('birth_date', birthDate(q, c, w));
  add('ticker_match', tickerMatch(q, c, w));
  add('identifier_match', identifierMatch(q, c, w));
  return out;
}

/** The score of `scorePrepared` without its explanation: the index scores every candidate with it. */
export function scoreValue(q: Prepared, c: Prepared, names?: number[], floor = 0, w: Weights = DEFAULT_WEIGHTS): number {
  return scoreCandidate(q, c, names, scoreFloor(q, floor, w), w).score;
}

/** The score with its explanation (the index explains only the results it returns). */
export function scorePrepared(q: Prepared, c: Prepared, names?: number[], floor = 0, w: Weights = DEFAULT_WEIGHTS): PairScore {
  return explainCandidate(q, c, scoreCandidate(q, c, names, scoreFloor(q, floor, w), w), w);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Scores an example entity (the query) against one candidate entity, with the default weights or `w`. */
export function scorePair(query: MatchQuery, candidate: Entity, w: Weights = DEFAULT_WEIGHTS): PairScore {
  return scorePrepared(prepare(query, 'query'), prepare(candidate), undefined, 0, w);
}
