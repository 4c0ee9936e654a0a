/**
 * Similarity of two name tokens, 0..1. Numbers compare strictly; short tokens need to be equal;
 * longer ones may differ by a few edits only: a fuzzy pair counts when the Levenshtein ratio is at
 * least MIN_RATIO (one edit always counts), with a bound on the number of
 * edits that grows with length. Below MIN_TOKEN_SIM a pair counts as no match, so unrelated words
 * never add up to a match ("qavamin" is not "khavarmianeh").
 */
import { distance } from 'fastest-levenshtein';
import { jaroWinkler } from '@skyra/jaro-winkler';
import type { NameToken } from '../names/index.ts';

export const MIN_TOKEN_SIM = 0.8;
/** A fuzzy pair of two edits or more needs this Levenshtein ratio. */
const MIN_RATIO = 0.8;
/** Similarity of two words that sound alike (soundAlike). */
export const PHONETIC_SIM = 0.82;
/** Shortest words compared by Double Metaphone key (shorter keys collide too often: "wolf" / "alfa"). */
export const PHONETIC_MIN_LEN = 5;
/** …and only between spellings still half alike: a three-consonant key is shared by unrelated words ("hytera" / "hidri"). */
const PHONETIC_MIN_RATIO = 0.55;
export const SKELETON_FACTOR = 0.95;
/**
 * Spellings of one name differ in length by a few letters at most (Iouri/Yury, Khrushchev/Chruschtschow):
 * words further apart are not compared by skeleton or loose key, which fold runs of letters away
 * ("aiai" and a run of 400 a's both fold to "a").
 */
export const FOLDED_MAX_LEN_DIFF = 3;
/** Person-name words equal by the loose key (skeleton.ts). */
export const LOOSE_SIM = 0.82;
/** An initial against a full word from the same letter ("v" ~ "viktor", persons only). */
export const INITIAL_SIM = 0.8;
/** Shortest person-name words compared by the loose key. */
export const LOOSE_MIN_LEN = 4;
/** Two spellings of one given name, or patronymics of one (given-names.ts): "Dzmitry" ~ "Dmitriy", "Patty" ~ "Patricia". */
export const GIVEN_NAME_SIM = 0.9;

/** Edits allowed between two words whose shorter one has `min` letters. */
export function maxEdits(min: number): number {
  if (min <= 3) return 0;
  if (min <= 7) return 1;
  return Math.floor(min / 4);
}

/**
 * The highest `stringSimilarity` of two different strings whose longer one has `maxLen` letters:
 * one edit or more leave a ratio of at most 1 − 1/maxLen (a single edit is lifted to MIN_TOKEN_SIM).
 */
export function fuzzyCeiling(maxLen: number): number {
  return Math.max(1 - 1 / maxLen, MIN_TOKEN_SIM);
}

/** Whether two different strings are one edit apart (substitution, insertion or deletion), in one scan. */
export function oneEdit(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let p = 0;
  while (p < s.length && s.charCodeAt(p) === l.charCodeAt(p)) p++;
  // equal lengths: the rest after the first difference must agree; else skip one letter of the longer
  const skip = s.length === l.length ? 1 : l.length - s.length === 1 ? 0 : -1;
  if (skip < 0) return false;
  for (let i = p + skip, j = p + 1; j < l.length; i++, j++) if (s.charCodeAt(i) !== l.charCodeAt(j)) return false;
  return true;
}

/** Whether two different strings of equal length differ by two adjacent letters swapped ("dahua" / "dahau"). */
export function oneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let p = 0;
  while (p < a.length && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p + 1 >= a.length || a[p] !== b[p + 1] || a[p + 1] !== b[p]) return false;
  for (let i = p + 2; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Similarity of two plain strings (no token semantics); 0 when they are not close enough to count. */
export function stringSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  const min = Math.min(a.length, b.length);
  const edits = maxEdits(min);
  if (edits === 0 || max - min > edits) return 0;
  // one edit allowed (words up to 7 letters, most pairs): decided without a full Levenshtein
  // a swap of two adjacent letters, the commonest typing error, counts as one edit
  const d = edits === 1 ? (oneEdit(a, b) || oneSwap(a, b) ? 1 : 2) : Math.min(distance(a, b), oneSwap(a, b) ? 1 : Infinity);
  if (d > edits) return 0;
  const ratio = 1 - d / max;
  // one edit in a four-letter word ("kish"/"ktsh") is a typo worth a weak match
  if (d === 1) return Math.max(ratio, MIN_TOKEN_SIM);
  // two or more edits need the ratio ("petropars" is not "petroplus")
  if (ratio < MIN_RATIO) return 0;
  return (ratio + jaroWinkler(a, b)) / 2;
}

/** Equal Double Metaphone keys on words long enough, from the same first letter, with spellings still half alike. */
function soundAlike(a: NameToken, b: NameToken): boolean {
  if (!a.phonetic || a.phonetic !== b.phonetic || a.text[0] !== b.text[0]) return false;
  if (a.text.length < PHONETIC_MIN_LEN || b.text.length < PHONETIC_MIN_LEN) return false;
  return 1 - distance(a.text, b.text) / Math.max(a.text.length, b.text.length) >= PHONETIC_MIN_RATIO;
}

/** Token similarity with number, initial and phonetic rules; `person` enables initials ("v" ~ "viktor"). */
export function tokenSimilarity(a: NameToken, b: NameToken, person: boolean): number {
  if (a.text === b.text) return 1;
  if (a.number || b.number) return 0;
  if (a.initial || b.initial) {
    if (!person || (a.initial && b.initial)) return 0;
    return a.text[0] === b.text[0] ? INITIAL_SIM : 0;
  }
  // a pinyin syllable is one Han character: one letter off is another character ("kang" is not "wang"),
  // and only another spelling of the same sound counts ("zhou" ~ "chou" by the skeleton)
  if (a.syllable || b.syllable) return a.skeleton === b.skeleton ? SKELETON_FACTOR : 0;
  let s = stringSimilarity(a.text, b.text);
  const comparable = Math.abs(a.text.length - b.text.length) <= FOLDED_MAX_LEN_DIFF;
  if (s < 0.95 && comparable && (a.skeleton !== a.text || b.skeleton !== b.text)) {
    // transliteration variants (Aleksandr/Alexander): slightly below a direct match
    s = Math.max(s, SKELETON_FACTOR * stringSimilarity(a.skeleton, b.skeleton));
  }
  if (s < PHONETIC_SIM && soundAlike(a, b)) s = PHONETIC_SIM;
  if (s < GIVEN_NAME_SIM && person && a.givenName !== '' && a.givenName === b.givenName) s = GIVEN_NAME_SIM;
  if (
    s < LOOSE_SIM &&
    person &&
    comparable &&
    a.loose === b.loose &&
    a.text.length >= LOOSE_MIN_LEN &&
    b.text.length >= LOOSE_MIN_LEN &&
    a.loose[0] === b.loose[0]
  )
    s = LOOSE_SIM;
  return s >= MIN_TOKEN_SIM ? s : 0;
}

/** Two Chinese core names (海康威视 / 海康威视数字): containment, else character-bigram Dice. */
export function hanSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  // a core inside a longer one is the same firm written shorter ("海康威视" in "海康威视数字"), but two
  // characters are too little against four or more: 东方 ("the East") is not 东方网力 (NetPosa)
  if (s.length >= 2 && l.includes(s) && (s.length >= 3 || l.length <= 3)) return 0.9 + 0.05 * (s.length / l.length);
  // character bigram Dice
  const grams = (x: string) => new Set(Array.from({ length: Math.max(0, x.length - 1) }, (_, i) => x.slice(i, i + 2)));
  const ga = grams(a);
  const gb = grams(b);
  if (!ga.size || !gb.size) return 0;
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return (2 * common) / (ga.size + gb.size);
}
