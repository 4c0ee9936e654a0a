/**
 * Textbook string-distance primitives as OFAC describes its Sanctions List Search: Jaro-Winkler
 * (Winkler's prefix scale 0.1 over at most four letters) and American Soundex. Written out here rather
 * than taken from a library because the match window and prefix rules vary between implementations,
 * and parity with the regulator's tool depends on them.
 */

/** Jaro similarity 0..1: matching characters within half the longer length, less half the transpositions. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = new Uint8Array(a.length);
  const matchedB = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(b.length, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (matchedB[j] || a[i] !== b[j]) continue;
      matchedA[i] = matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transposed = 0;
  for (let i = 0, k = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transposed++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - transposed / 2) / matches) / 3;
}

/** Jaro-Winkler: Jaro raised by 0.1 per letter of common prefix, up to four. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

const SOUNDEX_DIGITS: Record<string, string> = {
  B: '1',
  F: '1',
  P: '1',
  V: '1',
  C: '2',
  G: '2',
  J: '2',
  K: '2',
  Q: '2',
  S: '2',
  X: '2',
  Z: '2',
  D: '3',
  T: '3',
  L: '4',
  M: '5',
  N: '5',
  R: '6',
};

/** American Soundex of an upper-case word ("ROBERT" → R163); letters other than A–Z are ignored; "" for none. */
export function soundex(word: string): string {
  const letters = word.replace(/[^A-Z]/g, '');
  if (!letters) return '';
  let code = letters[0];
  let previous = SOUNDEX_DIGITS[letters[0]] ?? '';
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const digit = SOUNDEX_DIGITS[letters[i]] ?? '';
    if (digit && digit !== previous) code += digit;
    // H and W do not separate letters of one code; vowels do
    if (letters[i] !== 'H' && letters[i] !== 'W') previous = digit;
  }
  return code.padEnd(4, '0');
}
