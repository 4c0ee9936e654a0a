/** The name tables in data/names/*.yml, loaded and validated once, then read-only. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import { normaliseText, tokenize } from './normalise.ts';
import { matchCountryNames } from './countries.ts';

export interface LegalFormTable {
  /** Latin phrases (normalised tokens joined by space) → canonical form. */
  latin: Map<string, { canonical: string; size: number }>;
  /** Longest phrase length in tokens, to bound the scan. */
  maxTokens: number;
  /** Every word of the Latin phrases, for typo repair and for weighting stray legal words. */
  words: Set<string>;
  /** Words of the phrases that are ordinary name words when they stand alone ("budget"): not weighted as stray legal words. */
  nameWords: Set<string>;
  /** Han suffixes, longest first. */
  han: { form: string; canonical: string }[];
}

export interface NameTables {
  legal: LegalFormTable;
  stopwords: Set<string>;
  /** Stopwords that are kept when they open an organisation name: surname particles of the brand ("Del Monte"). */
  leadingParticles: Set<string>;
  weak: Map<string, number>;
  weakOrg: Map<string, number>;
  abbreviations: Map<string, string>;
  places: string[]; // Han, longest first
  generic: string[]; // Han, longest first
  compoundSurnames: string[];
  /** Han word → its English renderings in organisation names (chinese.yml `english`), first the commonest. */
  english: Map<string, string[]>;
  /** Han words of `english` that are names written in English ("长城" Great Wall), not descriptions. */
  englishNames: Set<string>;
  /** Polyphonic characters → their reading in names (pinyin with tone mark). */
  namePinyin: Record<string, string>;
  /** One-word country names ("germany", "iran"), Latin: place words in organisation names. */
  countryWords: string[];
}

/** A YAML file of data/names, parsed; a clear CONFIG error naming it when it cannot be read. */
export function load(file: string): any {
  const path = dataPath('names', file);
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SightlineError('CONFIG', `cannot read name table: ${(e as Error).message}`, { file: `data/names/${file}` });
  }
}

export function stringList(v: unknown, file: string, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    throw new SightlineError('CONFIG', `${what} must be a list of strings`, { file: `data/names/${file}` });
  }
  return v.map(String);
}

export function loadTables(): NameTables {
  const lf = load('legal-forms.yml');
  const legal: LegalFormTable = { latin: new Map(), maxTokens: 1, han: [], words: new Set(), nameWords: new Set() };
  for (const [i, g] of (lf?.forms ?? []).entries()) {
    if (typeof g?.canonical !== 'string') throw new SightlineError('CONFIG', 'legal form without canonical', { file: 'data/names/legal-forms.yml', record: i });
    for (const phrase of stringList(g.latin ?? [], 'legal-forms.yml', 'latin')) {
      const toks = tokenize(normaliseText(phrase));
      const key = toks.join(' ');
      for (const w of toks) legal.words.add(w);
      if (!key || legal.latin.has(key)) continue; // first group wins on duplicates
      legal.latin.set(key, { canonical: g.canonical, size: toks.length });
      legal.maxTokens = Math.max(legal.maxTokens, toks.length);
    }
    for (const form of stringList(g.han ?? [], 'legal-forms.yml', 'han')) legal.han.push({ form, canonical: g.canonical });
  }
  legal.han.sort((a, b) => b.form.length - a.form.length);
  for (const w of stringList(lf?.name_words ?? [], 'legal-forms.yml', 'name_words')) legal.nameWords.add(normaliseText(w));

  const tk = load('tokens.yml');
  const stopwords = new Set(stringList(tk?.stopwords ?? [], 'tokens.yml', 'stopwords'));
  const leadingParticles = new Set(stringList(tk?.leading_particles ?? [], 'tokens.yml', 'leading_particles').map(normaliseText));
  const weights = (key: string): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [w, words] of Object.entries(tk?.[key] ?? {})) {
      const weight = Number(w);
      if (!(weight >= 0 && weight <= 1)) throw new SightlineError('CONFIG', `${key} weight ${w} not in 0..1`, { file: 'data/names/tokens.yml' });
      for (const word of stringList(words, 'tokens.yml', `${key}.${w}`)) out.set(normaliseText(word), weight);
    }
    return out;
  };
  const weak = weights('weak');
  const weakOrg = weights('weak_org');
  const abbreviations = new Map<string, string>();
  // translations of generic words work like abbreviations: one word in, its English word out
  for (const key of ['abbreviations', 'translations']) {
    for (const [k, v] of Object.entries(tk?.[key] ?? {})) abbreviations.set(normaliseText(k), normaliseText(String(v)));
  }

  const zh = load('chinese.yml');
  const byLen = (a: string, b: string) => b.length - a.length;
  const places = stringList(zh?.places ?? [], 'chinese.yml', 'places').sort(byLen);
  const generic = stringList(zh?.generic ?? [], 'chinese.yml', 'generic').sort(byLen);
  const compoundSurnames = stringList(zh?.compound_surnames ?? [], 'chinese.yml', 'compound_surnames');
  const namePinyin: Record<string, string> = {};
  for (const [han, py] of Object.entries(zh?.name_pinyin ?? {})) namePinyin[han] = String(py);
  const english = new Map<string, string[]>();
  const englishNames = new Set<string>();
  for (const key of ['english', 'english_names']) {
    for (const [han, en] of Object.entries(zh?.[key] ?? {})) {
      const glosses = stringList(Array.isArray(en) ? en : [en], 'chinese.yml', `${key}.${han}`);
      if (!glosses.length || glosses.some((g) => !/^[a-z' ]+$/.test(g))) throw new SightlineError('CONFIG', `${key}.${han}: lower-case English words expected`, { file: 'data/names/chinese.yml' });
      english.set(han, glosses);
      if (key === 'english_names') englishNames.add(han);
    }
  }
  const countryWords: string[] = [];
  for (const names of matchCountryNames().values()) {
    for (const n of names) {
      const toks = tokenize(normaliseText(n));
      if (toks.length === 1 && toks[0].length >= 3 && /^[a-z]+$/.test(toks[0])) countryWords.push(toks[0]);
    }
  }
  return { legal, stopwords, leadingParticles, weak, weakOrg, abbreviations, places, generic, compoundSurnames, english, englishNames, namePinyin, countryWords };
}

let cached: NameTables | undefined;
/** The bundled tables (loaded on first use). */
export function tables(): NameTables {
  return (cached ??= loadTables());
}
