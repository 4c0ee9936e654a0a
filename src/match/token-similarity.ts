/**
 * Similarity of two name tokens, 0..1. Numbers compare strictly; short tokens need to be equal;
 * longer ones blend Levenshtein ratio and Jaro-Winkler, with a phonetic floor; anything below
 * MIN_TOKEN_SIM counts as no match, so unrelated words never add up to a match.
 */
import { distance } from 'fastest-levenshtein';
import { jaroWinkler } from '@skyra/jaro-winkler';
import type { NameToken } from '../names/index.ts';

export const MIN_TOKEN_SIM = 0.75;
/** Equal Double Metaphone keys on tokens of 4+ letters ("qaddafi" / "kadhafi"). */
const PHONETIC_SIM = 0.82;
const SKELETON_FACTOR = 0.95;

/** Similarity of two plain strings (no token semantics). */
export function stringSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  if (max === 0) return 0;
  const min = Math.min(a.length, b.length);
  // short words: one edit is already a different word ("ali"/"alo" are different names)
  if (min <= 3) return 0;
  // the blend below cannot reach MIN_TOKEN_SIM when the Levenshtein ratio is under 0.5
  if (max - min > max / 2) return 0;
  const d = distance(a, b);
  if (min <= 5 && d > 1) return 0;
  const ratio = 1 - d / max;
  if (ratio < 2 * MIN_TOKEN_SIM - 1) return 0;
  return (ratio + jaroWinkler(a, b)) / 2;
}

/** Token similarity with number, initial and phonetic rules; `person` enables initials ("v" ~ "viktor"). */
export function tokenSimilarity(a: NameToken, b: NameToken, person: boolean): number {
  if (a.text === b.text) return 1;
  if (a.number || b.number) return 0;
  if (a.initial || b.initial) {
    if (!person || (a.initial && b.initial)) return 0;
    return a.text[0] === b.text[0] ? 0.8 : 0;
  }
  let s = stringSimilarity(a.text, b.text);
  if (s < 0.95 && (a.skeleton !== a.text || b.skeleton !== b.text)) {
    // transliteration variants (Aleksandr/Alexander): slightly below a direct match
    s = Math.max(s, SKELETON_FACTOR * stringSimilarity(a.skeleton, b.skeleton));
  }
  if (s < PHONETIC_SIM && a.phonetic && a.phonetic === b.phonetic && a.text.length >= 4 && b.text.length >= 4 && a.text[0] === b.text[0]) {
    s = PHONETIC_SIM;
  }
  return s >= MIN_TOKEN_SIM ? s : 0;
}
