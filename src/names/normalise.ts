/**
 * Text normalisation for names: pure, idempotent string functions. Scripts are kept here;
 * turning them into Latin is `toLatin` in transliterate.ts.
 */

/** Names longer than this are cut: real names are far shorter, and it bounds the work per query. */
export const MAX_NAME_LENGTH = 400;

// C0/C1 controls, zero-width and bidi marks, variation selectors, BOM: invisible, never part of a name.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists variation selectors on purpose, to strip them
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const ASCII = /^[\u0000-\u007f]*$/;

/** NFKC (full-width → half-width, ligatures, compatibility forms), invisible characters removed, whitespace collapsed. */
export function cleanText(input: string): string {
  let s = String(input ?? '');
  if (s.length > MAX_NAME_LENGTH * 4) s = s.slice(0, MAX_NAME_LENGTH * 4);
  // plain ASCII is its own NFKC form (most names in lists are): skip the normaliser
  if (!ASCII.test(s)) s = s.normalize('NFKC');
  s = s.replace(INVISIBLE, ' ').replace(SPACES, ' ').trim();
  if (s.length > MAX_NAME_LENGTH)
    s = s
      .slice(0, MAX_NAME_LENGTH)
      .replace(/[\ud800-\udbff]$/, '')
      .trim();
  return s;
}

/** Lower case and diacritics removed (é → e, ß → ss); other scripts are left as they are. */
export function foldCase(s: string): string {
  // ASCII has no marks to strip and decomposes to itself
  if (ASCII.test(s)) return s.toLowerCase();
  return s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/**
 * Punctuation to spaces, with the cases that carry meaning handled first: apostrophes vanish
 * ("people's" → "peoples"), dotted initialisms close up ("S.A." → "sa", "B.V." → "bv"),
 * digit group separators close up ("1,000" → "1000"), "&" in a short brand closes up ("AT&T" → "att"),
 * other "&" and "+" become "and", except that a "+" ending a word is read "plus" ("Canal+", "Face++").
 */
export function stripPunctuation(input: string): string {
  let s = input.replace(/['’‘`´ʼʻ′]/g, '');
  // the dot rules are costly Unicode expressions; most names have no dot
  if (s.includes('.') || s.includes(',')) s = s.replace(/(?<=\d)[.,](?=\d)/g, '');
  if (s.includes('.')) {
    s = s.replace(/(?<![\p{L}\p{N}])(\p{L})\.(?=\p{L}(?![\p{L}\p{N}]))/gu, '$1').replace(/(?<![\p{L}\p{N}])(\p{L})\.(?=\p{L}(?![\p{L}\p{N}]))/gu, '$1');
  }
  // an ampersand inside a short brand is part of it ("AT&T", "M&P", "P & G"), elsewhere it is "and";
  // "R&D" stands for two words ("research and development") and stays apart
  if (s.includes('&') || s.includes('＆')) {
    s = s
      .replace(/(?<![\p{L}\p{N}])(?![rR][&＆][dD](?![\p{L}\p{N}]))(\p{L}{1,3})[&＆](\p{L}{1,3})(?![\p{L}\p{N}])/gu, '$1$2')
      .replace(/(?<![\p{L}\p{N}])(\p{L}) [&＆] (\p{L})(?![\p{L}\p{N}])/gu, '$1$2');
  }
  // a plus ending a word is said "plus" ("Canal+" is Canal Plus, "Face++" not "Face and and")
  if (s.includes('+')) s = s.replace(/(?<=[\p{L}\p{N}]\+*)\+(?![\p{L}\p{N}])/gu, ' plus ');
  return s
    .replace(/[&+＆]/g, ' and ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** The full string normaliser used for comparison keys: clean, fold case, strip punctuation. Idempotent. */
export function normaliseText(input: string): string {
  const s = stripPunctuation(foldCase(cleanText(input)));
  // folding can lengthen text (ß → ss, & → and): cut again so a second pass changes nothing
  return s.length > MAX_NAME_LENGTH
    ? s
        .slice(0, MAX_NAME_LENGTH)
        .replace(/[\ud800-\udbff]$/, '')
        .trim()
    : s;
}

/** Splits on spaces, dropping empties. */
export function tokenize(normalised: string): string[] {
  return normalised ? normalised.split(' ').filter(Boolean) : [];
}
