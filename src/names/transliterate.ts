/**
 * Any script → Latin: Han through pinyin (chinese.ts), Cyrillic, Arabic and Hangul by the lists'
 * spelling (scripts.ts), every other script through `any-ascii` (Greek, Hebrew, Thai, Khmer, Georgian,
 * Armenian, Devanagari, Bengali, Ethiopic, kana …: "ប៉ុល ពត" → "bol pt", "ዐቢይ" → "`abiy").
 */
import anyAscii from 'any-ascii';
import { hanToPinyin, hasHan, hanRuns, toSimplified } from './chinese.ts';
import { romaniseByTables } from './scripts.ts';

const ASCII = /^[\x00-\x7f]*$/;

/** Latin letters outside ASCII only (accents), which foldCase handles without a transliteration table. */
const LATIN_ONLY = /^[\x00-\x7f\u00a0-\u024f\u1e00-\u1eff]*$/;

/**
 * Latin form of a string. Han runs become space-separated pinyin syllables; Cyrillic, Arabic and Hangul
 * follow data/names/scripts.yml; other scripts go through `any-ascii`; accents on Latin letters are
 * left for foldCase.
 */
export function toLatin(s: string): string {
  if (ASCII.test(s) || LATIN_ONLY.test(s)) return s;
  let out = s;
  if (hasHan(out)) {
    for (const run of hanRuns(out)) out = out.replace(run, ` ${hanToPinyin(toSimplified(run)).join(' ')} `);
  }
  out = romaniseByTables(out);
  // letters only: any-ascii spells symbols and emoji out (🙂 → ":slightly_smiling_face:"), which are no name
  if (!LATIN_ONLY.test(out)) out = out.replace(/[\p{L}\p{M}]+/gu, (run) => anyAscii(run)).replace(/[^\x00-\x7f]/g, ' ');
  return out;
}

/** Script class of a name, for explanations. */
export function scriptOf(s: string): 'latin' | 'han' | 'other' | 'mixed' {
  const han = hasHan(s);
  const latin = /[A-Za-z\u00c0-\u024f]/.test(s);
  const other = /[^\x00-\x7f\u00a0-\u024f\u1e00-\u1eff\u2000-\u206f\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u.test(
    s.replace(/[\p{N}\p{P}\p{S}\s]/gu, ''),
  );
  const n = Number(han) + Number(latin) + Number(other);
  if (n > 1) return 'mixed';
  return han ? 'han' : other ? 'other' : 'latin';
}
