/**
 * The one Chinese normalisation, used by name matching and by document scanning alike: traditional →
 * simplified (opencc-js, Hong Kong and Taiwan variants included), Hanzi → toneless pinyin (pinyin-pro, ü
 * written v, with the name readings of data/names/chinese.yml), and the split of a company name into
 * leading place, distinctive core (字号), industry words and legal form.
 */
import { customPinyin, pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import { tables } from './tables.ts';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2a6df}]/u;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2a6df}\u3007]+/gu;

export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/** Maximal runs of Han characters in a string. */
export function hanRuns(s: string): string[] {
  return s.match(HAN_RUN) ?? [];
}

let t2s: ((s: string) => string) | undefined;
/**
 * Traditional → simplified. Other characters pass through. The `hk` converter is used: character by
 * character it folds everything `t` does and seven Hong Kong forms more (衞 枱 粧 …).
 */
export function toSimplified(s: string): string {
  const convert = (t2s ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return hasHan(s) ? convert(s) : s;
}

// pinyin-pro's custom readings are global to the library: set once here, so every caller reads alike.
let nameReadings = false;
function readingsReady(): void {
  if (!nameReadings) customPinyin(tables().namePinyin), (nameReadings = true);
}

const syllable = (p: string) => p.toLowerCase().replace(/[^a-z]/g, '');

/** Toneless pinyin syllables, one per Han character ("海康威视" → hai kang wei shi; 吕 → lv). Polyphones resolved in context. */
export function hanToPinyin(s: string): string[] {
  if (!s) return [];
  readingsReady();
  return pinyin(s, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).map(syllable).filter(Boolean);
}

/**
 * Readings of each character of an all-Han term: its reading in context first, then the other readings
 * of a polyphone, at most `max` (same syllables as `hanToPinyin`). One list per character.
 */
export function hanReadings(term: string, max = 3): string[][] {
  readingsReady();
  const inContext = pinyin(term, { toneType: 'none', type: 'array', v: true }) as string[];
  return [...term].map((ch, i) => {
    const all = pinyin(ch, { toneType: 'none', type: 'array', v: true, multiple: true }) as string[];
    return [...new Set([inContext[i] ?? '', ...all].map(syllable).filter(Boolean))].slice(0, max);
  });
}

export interface HanNameParts {
  /** Simplified text of the whole run. */
  full: string;
  places: string[];
  core: string;
  generic: string[];
  legal: string[]; // canonical legal forms found
}

export const PLACE_SUFFIX = /^(?:自治区|特别行政区|省|市|区|县)/;

/**
 * Splits a Han company name: "杭州海康威视数字技术股份有限公司" → places [杭州], core 海康威视,
 * generic [数字技术], legal [jsc]. Never strips the core below two characters.
 */
export function splitHanOrgName(text: string): HanNameParts {
  const t = tables();
  const full = toSimplified(text);
  const { rest: withoutLegal, legal } = stripHanLegalForms(full);
  let rest = withoutLegal;
  const places: string[] = [];
  const generic: string[] = [];
  // leading places, up to two ("浙江杭州…"), each optionally followed by 省/市/区
  for (let n = 0; n < 2; n++) {
    const p = t.places.find((pl) => rest.startsWith(pl) && rest.length - pl.length >= 2);
    if (!p) break;
    let cut = p.length;
    const suffix = rest.slice(cut).match(PLACE_SUFFIX);
    if (suffix && rest.length - cut - suffix[0].length >= 2) cut += suffix[0].length;
    places.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  // industry words at the end
  for (let again = true; again; ) {
    again = false;
    const g = t.generic.find((w) => rest.endsWith(w) && rest.length - w.length >= 2);
    if (g) {
      generic.unshift(g);
      rest = rest.slice(0, -g.length);
      again = true;
    }
  }
  return { full, places, core: rest, generic, legal };
}

/** Legal forms at the end of simplified Han text, repeatedly (集团股份有限公司 may come as 集团 + 股份有限公司). */
export function stripHanLegalForms(full: string): { rest: string; legal: string[] } {
  const legal: string[] = [];
  let rest = full;
  for (let again = true; again; ) {
    again = false;
    for (const lf of tables().legal.han) {
      if (rest.length > lf.form.length && rest.endsWith(lf.form)) {
        rest = rest.slice(0, -lf.form.length);
        legal.push(lf.canonical);
        again = true;
        break;
      }
    }
  }
  return { rest, legal };
}

/**
 * Latin (joined pinyin) spellings of the leading places, e.g. "hangzhou", "zhejiang": weak tokens in Latin names
 * too. Read from the table, not computed: pinyin-pro's dictionary takes a tenth of a second to load, which a
 * Latin name should not pay.
 */
export function placeLatinNames(): Set<string> {
  return tables().placesLatin;
}
