/**
 * Normalised text with an offset map back to the original. Every normalised code unit i comes from
 * original[start[i]]; a match over normalised [a, b) is original [start[a], start[b-1] + 1).
 *
 * Steps, in one pass: the fold table (traditional → simplified, full-width → half-width, lower case,
 * tone marks off, dashes → space); zero-width characters dropped; whitespace runs collapse to one
 * space, or vanish next to a Hanzi (PDF line breaks, "人 脸 识 别" evasions, "Wi-Fi 探针"); inline pinyin
 * annotations after Hanzi are dropped (民(mín)族 reads 民族) when the parenthesis holds only pinyin
 * syllables, no more of them than the Hanzi just before it.
 */
import { DROP, SPACE, codeUnits, foldTable, isHan } from './fold-table.ts';

export interface Normalised {
  text: string;
  /** The code units of `text` (the automaton reads them). */
  units: Uint16Array;
  /** Original offset of each normalised code unit (each comes from exactly one original unit). */
  start: Int32Array;
}

const INITIAL = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?';
const FINAL = '(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|van|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)';
const SYLLABLE = new RegExp(`^${INITIAL}${FINAL}[1-5]?$`);
const OPEN = 0x28; // '(' and full-width '（' fold to it
const CLOSE = 0x29;

/** Fewest pinyin syllables `s` (folded, toneless; spaces/apostrophes allowed) splits into, or -1 if it is not pinyin. */
export function pinyinSyllables(s: string): number {
  let total = 0;
  for (const token of s.split(/['’\s]+/)) {
    if (!token) continue;
    // best[i]: fewest syllables covering token[0..i)
    const best = new Array<number>(token.length + 1).fill(Infinity);
    best[0] = 0;
    for (let i = 0; i < token.length; i++) {
      if (best[i] === Infinity) continue;
      for (let len = 1; len <= 7 && i + len <= token.length; len++) {
        if (SYLLABLE.test(token.slice(i, i + len))) best[i + len] = Math.min(best[i + len], best[i] + 1);
      }
    }
    if (best[token.length] === Infinity) return -1;
    total += best[token.length];
  }
  return total;
}

/** Length of an inline pinyin annotation starting at original[i] (an opening parenthesis), or 0. */
function annotationLength(src: string, i: number, hanRun: number, fold: Uint16Array): number {
  const limit = Math.min(src.length, i + 40);
  let j = i + 1;
  let folded = '';
  for (; j < limit; j++) {
    const c = src.charCodeAt(j);
    const f = fold[c];
    if (f === CLOSE) break;
    if ((f >= 0x61 && f <= 0x7a) || (f >= 0x31 && f <= 0x35) || f === SPACE || f === 0x27 || c === 0x2019) folded += String.fromCharCode(f);
    else return 0;
  }
  if (j >= limit || !folded.trim()) return 0;
  const n = pinyinSyllables(folded);
  return n > 0 && n <= hanRun ? j + 1 - i : 0;
}

export function normaliseText(src: string): Normalised {
  const fold = foldTable();
  const sourceUnits = codeUnits(src);
  const n = src.length;
  const out = new Uint16Array(n);
  const start = new Int32Array(n);
  let k = 0;
  let pendingSpace = -1; // original index of the first whitespace unit of a pending run
  let hanRun = 0; // Hanzi emitted since the last non-Hanzi
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    const c = fold[sourceUnits[i]!];
    if (c === DROP) continue;
    if (c === SPACE) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (c === OPEN && hanRun > 0) {
      const len = annotationLength(src, i, hanRun, fold);
      if (len > 0) {
        i += len - 1;
        continue;
      }
    }
    const han = isHan(c);
    if (pendingSpace >= 0) {
      if (k > 0 && !han && !isHan(out[k - 1])) {
        out[k] = SPACE;
        start[k] = pendingSpace;
        k++;
        hanRun = 0;
      }
      pendingSpace = -1;
    }
    out[k] = c;
    start[k] = i;
    k++;
    hanRun = han ? hanRun + 1 : 0;
    if ((c & 0xf800) === 0xd800) surrogates = true;
  }
  if (surrogates) replaceLoneSurrogates(out, k);
  const units = out.subarray(0, k);
  return { text: Buffer.from(out.buffer, 0, k * 2).toString('utf16le'), units, start: start.subarray(0, k) };
}

/**
 * Lone surrogates to U+FFFD, one unit for one unit (offsets stay aligned), as a UTF-16 decoder reads them; the
 * units are then copied into a string at once.
 */
function replaceLoneSurrogates(units: Uint16Array, length: number): void {
  for (let j = 0; j < length; j++) {
    const u = units[j]!;
    if (u < 0xd800 || u > 0xdfff) continue;
    const low = j + 1 < length ? units[j + 1]! : 0;
    if (u <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) j++;
    else units[j] = 0xfffd;
  }
}

/** Normalises a lexicon term or name exactly as document text is normalised (so they compare equal). */
export function normaliseTerm(s: string): string {
  return normaliseText(s).text;
}
