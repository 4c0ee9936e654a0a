/**
 * Mixed Latin/Hanzi spellings of Chinese terms ("gong安", "ren脸识别", "shen份证"): writers swap
 * some characters for their pinyin to slip past keyword filters. For each term we generate the
 * spellings where one contiguous run of its characters (not all) is written in toneless pinyin,
 * using the readings of the names module (in context, plus other readings of polyphones, capped).
 */
import { hanReadings } from '../names/chinese.ts';

const MAX_READINGS = 3;
const MAX_PER_SPAN = 8;

// Readings write ü as v (lv); document text folds ü to u (lǚ → lu), so terms are spelt as text is folded.
function readings(term: string): string[][] {
  return hanReadings(term, MAX_READINGS).map((list) => [...new Set(list.map((s) => s.replace(/v/g, 'u')))]);
}

/** Mixed spellings of an all-Hanzi term of 2-6 characters (already normalised); [] otherwise. */
export function pinyinVariants(term: string): string[] {
  const chars = [...term];
  if (chars.length < 2 || chars.length > 6 || !chars.every((c) => /\p{Script=Han}/u.test(c))) return [];
  const r = readings(term);
  if (r.some((x) => x.length === 0)) return [];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j <= chars.length; j++) {
      if (j - i === chars.length) continue;
      let spans = [''];
      for (let k = i; k < j; k++) spans = spans.flatMap((p) => r[k].map((s) => p + s)).slice(0, MAX_PER_SPAN);
      for (const s of spans) out.add(chars.slice(0, i).join('') + s + chars.slice(j).join(''));
    }
  }
  return [...out];
}
