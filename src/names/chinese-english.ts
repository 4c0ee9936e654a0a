/**
 * The English reading of a Chinese organisation name, written the way Chinese organisations write their
 * English names: descriptive words translated (chinese.yml `english`: "电信" → telecom, "航天" →
 * aerospace), places in their English spelling, the distinctive core (字号) in joined pinyin, the legal
 * form left out (the Han name still carries it). 中国电信股份有限公司 → "china telecom";
 * 长沙景嘉微电子股份有限公司 → "changsha jingjia microelectronics". It lets a name in Hanzi meet the English
 * name a list gives the same firm, which pinyin alone never does ("zhongguo dianxin" is not "China Telecom").
 */
import { hanRuns, hanToPinyin, hasHan, PLACE_SUFFIX, stripHanLegalForms, toSimplified } from './chinese.ts';
import { tables } from './tables.ts';
import { analyseName, type NameForm } from './name-form.ts';

/** Readings per name at most: a word with two glosses doubles them. */
export const MAX_READINGS = 4;
/** Han names only, with brackets and separators between runs ("中国联合网络通信(香港)"); a Latin part says what it says. */
const HAN_NAME = /^[\p{Script=Han}\s()（）·・、]+$/u;

let dictionary: { words: Map<string, string[] | undefined>; longest: number } | undefined;

/** Dictionary words and places (undefined: a place spelt in pinyin), with the longest length to bound the scan. */
function dict(): NonNullable<typeof dictionary> {
  if (dictionary) return dictionary;
  const t = tables();
  const words = new Map<string, string[] | undefined>();
  for (const p of t.places) words.set(p, undefined);
  for (const [han, en] of t.english) words.set(han, en);
  return (dictionary = { words, longest: Math.max(...[...words.keys()].map((w) => w.length)) });
}

export interface EnglishReading {
  text: string;
  /** Its words in pinyin (core and places): one letter off in them is another Han character, not a typo. */
  pinyin: string[];
  /** Its words translated from descriptions ("telecom", "aerospace"): they say what the firm does, not which it is. */
  descriptive: string[];
}

/** The English readings of a Han organisation name (none when no word of it is in the dictionary). */
export function englishReadings(text: string): EnglishReading[] {
  if (!hasHan(text) || !HAN_NAME.test(text)) return [];
  const { words, longest } = dict();
  const parts: string[][] = [];
  const pinyin: string[] = [];
  const descriptive: string[] = [];
  const names = tables().englishNames;
  let translated = false;
  const spell = (han: string) => {
    const p = hanToPinyin(han).join('');
    pinyin.push(p);
    return [p];
  };
  for (const run of hanRuns(stripHanLegalForms(toSimplified(text.trim())).rest)) {
    let pending = '';
    const flush = () => {
      if (pending) parts.push(spell(pending));
      pending = '';
    };
    for (let i = 0; i < run.length; ) {
      let hit = '';
      for (let n = Math.min(longest, run.length - i); n >= 2 && !hit; n--) if (words.has(run.slice(i, i + n))) hit = run.slice(i, i + n);
      if (!hit) {
        pending += run[i++];
        continue;
      }
      flush();
      const en = words.get(hit);
      if (en) translated = true;
      if (en && !names.has(hit)) for (const g of en) descriptive.push(...g.split(' '));
      parts.push(en ?? spell(hit));
      i += hit.length;
      // 深圳市 is 深圳: the administrative suffix of a place is not part of the next word
      if (!en) i += run.slice(i).match(PLACE_SUFFIX)?.[0].length ?? 0;
    }
    flush();
  }
  if (!translated) return [];
  let readings = [''];
  for (const glosses of parts) readings = readings.flatMap((r) => glosses.map((g) => (r ? `${r} ${g}` : g))).slice(0, MAX_READINGS);
  return readings.map((r) => ({ text: r, pinyin, descriptive }));
}

/** Weight at most of a reading's translated descriptive words: half a distinctive word. */
export const DESCRIPTIVE_WEIGHT = 0.5;

/**
 * The English readings of a Han organisation name, analysed for comparison: translated descriptions
 * weigh little ("中国石油化工" read "China Petroleum Chemical" names no firm by "petroleum": not "General
 * Petroleum Corporation"), and the pinyin words compare as spelt ("xingyu" 星宇 is not "xiangyu",
 * though their skeletons agree).
 */
export function englishReadingForms(text: string): NameForm[] {
  const out: NameForm[] = [];
  for (const reading of englishReadings(text)) {
    const f = analyseName(reading.text, 'org');
    if (!f) continue;
    f.readingOf = text;
    for (const t of f.tokens) {
      if (reading.descriptive.includes(t.source)) t.weight = Math.min(t.weight, DESCRIPTIVE_WEIGHT);
      if (!reading.pinyin.includes(t.text)) continue;
      t.syllable = true;
      t.skeleton = t.loose = t.text;
      t.skelLetters = t.letters;
    }
    out.push(f);
  }
  return out;
}
