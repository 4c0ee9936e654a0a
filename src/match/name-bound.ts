/**
 * A cheap upper bound of the alignment score of two names (name-similarity.ts), so an index can skip
 * the full alignment of candidates that cannot reach its reporting floor. Most retrieved candidates
 * share only a weak word with the query and score far below it.
 *
 * Sound by construction: a token can only be aligned if some comparison path could give it a non-zero
 * similarity, and every path (spelling, skeleton, joined units) needs the two words within a few edits
 * and, for a fuzzy pair, long enough to reach the path's minimum similarity. Letter sets, letter-pair
 * sets and the first and last letters show cheaply when two words are further apart than that
 * (mayBeClose). The bound then assumes every possibly aligned token is aligned at the highest
 * similarity a path that may align it can give (1 for the same spelling, at most 1 − 1/length for two
 * spellings an edit or more apart, SKELETON_FACTOR by skeleton, the fixed similarities of sound, given
 * names and initials) and gives the largest containment bonus and legal-form term the score allows.
 */
import type { NameForm } from '../names/index.ts';
import {
  F_EDGE_LEGAL,
  F_INITIAL,
  F_NUMBER,
  F_PLACE,
  F_SOURCE_WORD,
  H_ACRONYMS,
  H_LEGAL,
  H_PERSON,
  HEAD,
  S_FIRST,
  S_HASH,
  S_LAST,
  S_LEN,
  S_LETTERS,
  S_PAIRS,
  T_ACRONYM,
  T_ACRONYM_LEN,
  T_GIVEN,
  T_SOURCE_FIRST,
  signature,
  T_FLAGS,
  T_LOOSE,
  T_PHON,
  T_SKEL,
  T_TEXT,
  T_WEIGHT,
  TOKEN,
  U_SIZE,
  U_SKEL,
  U_START,
  U_TEXT,
  UNIT,
  WEIGHT_SCALE,
} from './name-signature.ts';
import {
  fuzzyCeiling,
  GIVEN_NAME_SIM,
  INITIAL_SIM,
  LOOSE_MIN_LEN,
  LOOSE_SIM,
  maxEdits,
  MIN_TOKEN_SIM,
  PHONETIC_MIN_LEN,
  PHONETIC_SIM,
  SKELETON_FACTOR,
} from './token-similarity.ts';
import { JOIN_LEN_DIFF } from './name-units.ts';
import { ACRONYM_SIM } from './align-candidates.ts';
import {
  CONTAINMENT_BONUS,
  FULL_COVER,
  JOIN_MIN_SIM,
  JOIN_SKELETON_MIN_LEN,
  JOIN_TEXT_SIM,
  LEGAL_SAME,
  PERSON_CONTAINMENT_BONUS,
  PLACE_CONFLICT,
  weakDamping,
} from './name-similarity.ts';

const ROUNDING_MARGIN = 1e-4;

/** The similarity each comparison path needs of two spellings before its factor (as token-similarity.ts, align-candidates.ts joinCands). */
const WORD_NEEDS = MIN_TOKEN_SIM;
const SKELETON_NEEDS = MIN_TOKEN_SIM / SKELETON_FACTOR;
const JOINED_NEEDS = JOIN_TEXT_SIM;
const JOINED_SKELETON_NEEDS = JOIN_MIN_SIM / SKELETON_FACTOR;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Whether two different spellings (fields at `p` of `a`, `q` of `b`) could be within the edits string
 * similarity allows and reach the similarity `needs`. Each test is necessary for that:
 * - lengths within the edits; the longer length high enough for `needs` (fuzzyCeiling);
 * - one edit changes at most two members of the letter set and removes at most two letter pairs
 *   (a swap of adjacent letters, one edit there, removes up to three but keeps letters and length);
 * - one edit leaves the first or the last letter in place.
 */
function mayBeClose(a: Int32Array, p: number, b: Int32Array, q: number, needs: number): boolean {
  const la = a[p + S_LEN];
  const lb = b[q + S_LEN];
  const edits = maxEdits(la < lb ? la : lb);
  if (edits === 0) return false;
  if ((la > lb ? la - lb : lb - la) > edits) return false;
  if (fuzzyCeiling(la > lb ? la : lb) < needs - ROUNDING_MARGIN) return false;
  const ma = a[p + S_LETTERS];
  const mb = b[q + S_LETTERS];
  if (popcount(ma ^ mb) > 2 * edits) return false;
  if (edits === 1 && a[p + S_FIRST] !== b[q + S_FIRST] && a[p + S_LAST] !== b[q + S_LAST]) return false;
  const pa = a[p + S_PAIRS];
  const pb = b[q + S_PAIRS];
  const pairs = edits === 1 && ma === mb && la === lb ? 3 : 2 * edits;
  return popcount(pa & ~pb) <= pairs && popcount(pb & ~pa) <= pairs;
}

/** The most string similarity two different spellings (fields at `p` of `a`, `q` of `b`) allow: 1 − 1/length, at least MIN_TOKEN_SIM. */
function spellingCeiling(a: Int32Array, p: number, b: Int32Array, q: number): number {
  const la = a[p + S_LEN];
  const lb = b[q + S_LEN];
  return fuzzyCeiling(Math.max(la, lb));
}

/**
 * The most `tokenSimilarity(a, b, person)` can be (token fields at `x` of `a` and `y` of `b`), 0 when it
 * cannot be above zero: the highest of the paths that may apply (token-similarity.ts).
 */
function maySim(a: Int32Array, x: number, b: Int32Array, y: number, person: boolean): number {
  if (a[x + T_TEXT + S_HASH] === b[y + T_TEXT + S_HASH]) return 1;
  const fa = a[x + T_FLAGS];
  const fb = b[y + T_FLAGS];
  if ((fa | fb) & F_NUMBER) return 0;
  const firstA = a[x + T_TEXT + S_FIRST];
  const firstB = b[y + T_TEXT + S_FIRST];
  if ((fa | fb) & F_INITIAL) return person && (fa & fb & F_INITIAL) === 0 && firstA === firstB ? INITIAL_SIM : 0;
  let sim = mayBeClose(a, x + T_TEXT, b, y + T_TEXT, WORD_NEEDS) ? spellingCeiling(a, x + T_TEXT, b, y + T_TEXT) : 0;
  if (sim < SKELETON_FACTOR) {
    if (a[x + T_SKEL + S_HASH] === b[y + T_SKEL + S_HASH]) sim = SKELETON_FACTOR;
    else if (mayBeClose(a, x + T_SKEL, b, y + T_SKEL, SKELETON_NEEDS)) sim = Math.max(sim, SKELETON_FACTOR * spellingCeiling(a, x + T_SKEL, b, y + T_SKEL));
  }
  if (sim >= GIVEN_NAME_SIM) return sim;
  if (person && a[x + T_GIVEN] !== 0 && a[x + T_GIVEN] === b[y + T_GIVEN]) return GIVEN_NAME_SIM;
  if (sim >= PHONETIC_SIM) return sim;
  // sound-alike keys count only on words long enough, the phonetic one from the same first letter (as token-similarity.ts)
  const la = a[x + T_TEXT + S_LEN];
  const lb = b[y + T_TEXT + S_LEN];
  if (a[x + T_PHON] !== 0 && a[x + T_PHON] === b[y + T_PHON] && la >= PHONETIC_MIN_LEN && lb >= PHONETIC_MIN_LEN && firstA === firstB) return PHONETIC_SIM;
  if (person && a[x + T_LOOSE] === b[y + T_LOOSE] && la >= LOOSE_MIN_LEN && lb >= LOOSE_MIN_LEN) return LOOSE_SIM;
  return sim;
}

/** The most a joined unit (fields at `x` of `u`) can be alike a single word (token fields at `y` of `o`), as joinCands, loosened; 0: not at all. */
function unitMaySim(u: Int32Array, x: number, o: Int32Array, y: number): number {
  if (o[y + T_FLAGS] & F_NUMBER) return 0;
  const d = o[y + T_TEXT + S_LEN] - u[x + U_TEXT + S_LEN];
  if (d > JOIN_LEN_DIFF || d < -JOIN_LEN_DIFF) return 0;
  if (u[x + U_TEXT + S_FIRST] !== o[y + T_TEXT + S_FIRST] && u[x + U_SKEL + S_FIRST] !== o[y + T_SKEL + S_FIRST]) return 0;
  if (u[x + U_TEXT + S_HASH] === o[y + T_TEXT + S_HASH]) return 1;
  let sim = mayBeClose(u, x + U_TEXT, o, y + T_TEXT, JOINED_NEEDS) ? spellingCeiling(u, x + U_TEXT, o, y + T_TEXT) : 0;
  if (u[x + U_TEXT + S_LEN] < JOIN_SKELETON_MIN_LEN || sim >= SKELETON_FACTOR) return sim;
  if (u[x + U_SKEL + S_HASH] === o[y + T_SKEL + S_HASH]) return SKELETON_FACTOR;
  if (mayBeClose(u, x + U_SKEL, o, y + T_SKEL, JOINED_SKELETON_NEEDS)) sim = Math.max(sim, SKELETON_FACTOR * spellingCeiling(u, x + U_SKEL, o, y + T_SKEL));
  return sim;
}

/** Per token of each name: the most similarity it may be aligned at (0: it cannot be aligned). */
let markQ = new Float64Array(64);
let markC = new Float64Array(64);

/** Units of `us` (signature at `ub`) against the tokens of `os` (at `ob`): marks both sides where a match is possible, with its most similarity. */
function markUnits(us: Int32Array, ub: number, uMarks: Float64Array, os: Int32Array, ob: number, oMarks: Float64Array): void {
  const units = us[ub + 1];
  const tokens = os[ob];
  const base = ub + HEAD + us[ub] * TOKEN;
  for (let k = 0; k < units; k++) {
    const x = base + k * UNIT;
    const start = us[x + U_START];
    const end = start + us[x + U_SIZE];
    for (let j = 0; j < tokens; j++) {
      const sim = unitMaySim(us, x, os, ob + HEAD + j * TOKEN);
      if (sim === 0) continue;
      if (sim > oMarks[j]) oMarks[j] = sim;
      for (let i = start; i < end; i++) if (sim > uMarks[i]) uMarks[i] = sim;
    }
  }
}

/** Acronym tokens of `a` (signature at `ab`) against the initials of consecutive words of `b` (at `bb`), as align-candidates.ts acronymCands, every place. */
function markAcronyms(a: Int32Array, ab: number, aMarks: Float64Array, b: Int32Array, bb: number, bMarks: Float64Array): void {
  const na = a[ab];
  const nb = b[bb];
  for (let i = 0; i < na; i++) {
    const x = ab + HEAD + i * TOKEN;
    const n = a[x + T_ACRONYM_LEN];
    if (n === 0) continue;
    const letters = a[x + T_ACRONYM];
    for (let j = 0; j + n <= nb; j++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const y = bb + HEAD + (j + k) * TOKEN;
        ok = (b[y + T_FLAGS] & (F_NUMBER | F_SOURCE_WORD)) === F_SOURCE_WORD && b[y + T_SOURCE_FIRST] === ((letters >>> (5 * k)) & 31) + 96;
      }
      if (!ok) continue;
      if (aMarks[i] < ACRONYM_SIM) aMarks[i] = ACRONYM_SIM;
      for (let k = j; k < j + n; k++) if (bMarks[k] < ACRONYM_SIM) bMarks[k] = ACRONYM_SIM;
    }
  }
}

/** Marks the edge words of a signature (at `b`) that may be misspelt legal forms: set aside, as if aligned in full. */
function markEdgeLegal(s: Int32Array, b: number, marks: Float64Array): void {
  const n = s[b];
  for (let i = 0; i < n; i++) if (s[b + HEAD + i * TOKEN + T_FLAGS] & F_EDGE_LEGAL) marks[i] = 1;
}

/** An upper bound of the alignment score of `q` and `c` (not of the Chinese core comparison: callers skip Han pairs). */
export function nameBound(q: NameForm, c: NameForm): number {
  return signatureBound(signature(q), 0, signature(c), 0);
}

/**
 * `nameBound` of two signatures: the query's in `qs` at `qb`, the candidate's in `cs` at `cb` (an index
 * passes its packed pool and an offset, so scanning candidates touches no name object).
 */
export function signatureBound(qs: Int32Array, qb: number, cs: Int32Array, cb: number): number {
  const person = qs[qb + H_PERSON] === 1 && cs[cb + H_PERSON] === 1;
  const nq = qs[qb];
  const nc = cs[cb];
  if (markQ.length < nq) markQ = new Float64Array(nq * 2);
  if (markC.length < nc) markC = new Float64Array(nc * 2);
  for (let i = 0; i < nq; i++) markQ[i] = 0;
  for (let j = 0; j < nc; j++) markC[j] = 0;
  const qt = qb + HEAD;
  const ct = cb + HEAD;
  for (let i = 0; i < nq; i++) {
    const x = qt + i * TOKEN;
    for (let j = 0; j < nc; j++) {
      if (markQ[i] === 1 && markC[j] === 1) continue;
      const sim = maySim(qs, x, cs, ct + j * TOKEN, person);
      if (sim > markQ[i]) markQ[i] = sim;
      if (sim > markC[j]) markC[j] = sim;
    }
  }
  markUnits(qs, qb, markQ, cs, cb, markC);
  markUnits(cs, cb, markC, qs, qb, markQ);
  if (!person) {
    if (qs[qb + H_ACRONYMS]) markAcronyms(qs, qb, markQ, cs, cb, markC);
    if (cs[cb + H_ACRONYMS]) markAcronyms(cs, cb, markC, qs, qb, markQ);
    // a misspelt legal form at an edge is set aside against a name with a legal form (legal-typos.ts):
    // counting it aligned bounds the score of the name without it
    if (cs[cb + H_LEGAL]) markEdgeLegal(qs, qb, markQ);
    if (qs[qb + H_LEGAL]) markEdgeLegal(cs, cb, markC);
  }
  let qTotal = 0;
  let cTotal = 0;
  // the weight that may be aligned (for the damping, which counts aligned weight) and that times its most similarity (the rest)
  let qMax = 0;
  let cMax = 0;
  let qSim = 0;
  let cSim = 0;
  // a place word that cannot be aligned on each side: different branches (× PLACE_CONFLICT in align)
  let qPlace = false;
  let cPlace = false;
  for (let i = 0; i < nq; i++) {
    const w = qs[qt + i * TOKEN + T_WEIGHT];
    qTotal += w;
    if (markQ[i]) (qMax += w), (qSim += w * markQ[i]);
    else if (qs[qt + i * TOKEN + T_FLAGS] & F_PLACE) qPlace = true;
  }
  for (let j = 0; j < nc; j++) {
    const w = cs[ct + j * TOKEN + T_WEIGHT];
    cTotal += w;
    if (markC[j]) (cMax += w), (cSim += w * markC[j]);
    else if (cs[ct + j * TOKEN + T_FLAGS] & F_PLACE) cPlace = true;
  }
  qTotal = qTotal / WEIGHT_SCALE || 1;
  cTotal = cTotal / WEIGHT_SCALE || 1;
  qMax /= WEIGHT_SCALE;
  cMax /= WEIGHT_SCALE;
  qSim /= WEIGHT_SCALE;
  cSim /= WEIGHT_SCALE;
  const dice = (qSim + cSim) / (qTotal + cTotal);
  const hi = Math.min(1, Math.max(qSim / qTotal, cSim / cTotal));
  const lo = Math.min(1, qSim / qTotal, cSim / cTotal);
  const bonus = person ? Math.max(PERSON_CONTAINMENT_BONUS, CONTAINMENT_BONUS * lo) : CONTAINMENT_BONUS * lo;
  let score = dice + (1 - dice) * bonus * hi ** 4;
  // the aligned distinctive mass is at most the smaller possibly aligned mass: a name not explained
  // almost fully that rests on less than that is damped for resting on weak words (as align)
  if (lo < FULL_COVER - ROUNDING_MARGIN) score *= weakDamping(Math.min(qMax, cMax));
  if (qPlace && cPlace) score *= PLACE_CONFLICT;
  // + a margin for weights rounded to millionths
  return Math.min(1, score + LEGAL_SAME + ROUNDING_MARGIN);
}
