/**
 * One 64k-entry table folding every BMP code unit to the unit the detectors compare: traditional →
 * simplified (the names module's conversion, one-to-one mappings only, so offsets stay aligned), full-width → half-width,
 * Latin upper → lower, accented Latin → base letter (pinyin tone marks), dashes → space.
 * A table lookup per character keeps normalisation well above the 20 MB/s target.
 */
import { toSimplified } from '../names/chinese.ts';

/** Marks a code unit that is dropped from the normalised text (zero-width characters, soft hyphen). */
export const DROP = 0xffff;
export const SPACE = 0x20;

let table: Uint16Array | undefined;
let traditional: Uint8Array | undefined;

export function foldTable(): Uint16Array {
  if (!table) build();
  return table!;
}

/** 1 where the code unit is a traditional character that folds to a different simplified one. */
export function traditionalFlags(): Uint8Array {
  if (!traditional) build();
  return traditional!;
}

function build(): void {
  const t = new Uint16Array(65536);
  const trad = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  // Traditional → simplified, character by character (phrase tables could change lengths).
  for (const [lo, hi] of [
    [0x3400, 0x4dc0],
    [0x4e00, 0xa000],
    [0xf900, 0xfb00],
  ]) {
    for (let c = lo; c < hi; c++) {
      const ch = String.fromCharCode(c);
      const s = toSimplified(ch);
      if (s !== ch && s.length === 1) {
        t[c] = s.charCodeAt(0);
        trad[c] = 1;
      }
    }
  }
  // Full-width ASCII and the ideographic space.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0x3000] = SPACE;
  // Latin: lower case; accented letters (pinyin tones, ü) to their base letter.
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  for (let c = 0xc0; c <= 0x24f; c++) {
    if (c === 0xd7 || c === 0xf7) continue;
    const base = String.fromCharCode(c).normalize('NFD').charAt(0).toLowerCase();
    if (/^[a-z]$/.test(base)) t[c] = base.charCodeAt(0);
  }
  // Whitespace variants and dashes/underscore read as a space ("Hik-Connect" = "Hik Connect").
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f]) t[c] = SPACE;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = SPACE;
  for (const c of [0x2d, 0x5f, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xfe63]) t[c] = SPACE;
  // Invisible characters used to break up keywords.
  for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) t[c] = DROP;
  // Resolve chains (full-width hyphen → '-' → space; full-width 'Ａ' → 'A' → 'a').
  for (let c = 0; c < 65536; c++) if (t[c] !== c && t[c] !== DROP) t[c] = t[t[c]];
  table = t;
  traditional = trad;
}

/**
 * The code units of `s`, copied out at once: the scan's loops read a typed array faster than charCodeAt, above
 * all on the sliced strings of a chunked scan.
 */
export function codeUnits(s: string): Uint16Array {
  const bytes = Buffer.from(s, 'utf16le');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, s.length);
}

export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c < 0xa000) || (c >= 0x3400 && c < 0x4dc0) || (c >= 0xf900 && c < 0xfb00);
}

export function isLatinAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}
