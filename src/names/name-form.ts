/**
 * A name analysed once for comparison: Latin core tokens with weights (legal forms, stopwords and
 * weak words handled), numbers, phonetic keys, and for Chinese the Han core.
 */
import { doubleMetaphone } from 'double-metaphone';
import { cleanText, normaliseText, tokenize } from './normalise.ts';
import { toLatin } from './transliterate.ts';
import { hangulPersonName, hasHangul } from './scripts.ts';
import { hanRuns, hanToPinyin, hasHan, placeLatinNames, splitHanOrgName, toSimplified } from './chinese.ts';
import { stripLegalForms } from './legal-forms.ts';
import { tables } from './tables.ts';
import { looseKey, skeleton } from './skeleton.ts';
import { givenNameKey } from './given-names.ts';
import { repairerOf } from './typo-repair.ts';
import { numbersAsDigits } from './numbers.ts';

export type NameKind = 'person' | 'org';

export interface NameToken {
  text: string;
  /** 0..1: 1 for distinctive words, less for common words, places and initials. */
  weight: number;
  number: boolean;
  initial: boolean;
  /** Double Metaphone primary key ('' for short or numeric tokens). */
  phonetic: string;
  /** Transliteration-variant skeleton (skeleton.ts); equals `text` for short tokens. */
  skeleton: string;
  /** Looser person-name key (skeleton.ts `looseKey`). */
  loose: string;
  /** The given name the word is a spelling of, or the patronymic of (given-names.ts `givenNameKey`); '' for other words. */
  givenName: string;
  /** Letters a–z present in `text` and in `skeleton`, as bit sets (for quick upper bounds on similarity). */
  letters: number;
  skelLetters: number;
  /** A place name (city, province, country): two names that differ only in it are different branches. */
  place: boolean;
  /** The word as written, before abbreviation expansion or translation ("zavod" for "plant"), for acronyms. */
  source: string;
  /** One Han character in pinyin ("kang" of 海康): a letter off is another character, not a typo. */
  syllable: boolean;
}

export interface NameForm {
  raw: string;
  kind: NameKind;
  /** Whole name normalised (legal forms included), for the literal comparison. */
  literal: string;
  tokens: NameToken[];
  /** Core tokens joined by spaces, for explanations. */
  key: string;
  legal: string[];
  legalPhrases: string[];
  numbers: string[];
  /** Simplified Han core (place, industry words and legal form removed) when the name has Han. */
  hanCore?: string;
  /** The name had non-Latin text that was transliterated (pinyin or other). */
  transliterated: boolean;
  /** For an English reading of a Han name (chinese-english.ts): that name. */
  readingOf: string | undefined;
  /**
   * A person's name written "LAST, Given" whose first token is the first given name: lists write
   * names so, and the family members they list together differ there ("MORON HERNANDEZ, Ricardo
   * Jose" and "…, Santiago Jose"). False when the order is not known.
   */
  givenFirst: boolean;
  /**
   * What the matcher computes once per name for comparison (src/match/name-units.ts, name-signature.ts).
   * Present, undefined, from the start: every name keeps one object shape, so reading them stays fast.
   */
  matchInfo: unknown;
  signature: Int32Array | undefined;
}

const MAX_TOKENS = 24; // bounded work per name; longer "names" are addresses or notes

function phoneticKey(t: string): string {
  if (t.length < 3 || /\d/.test(t)) return '';
  return doubleMetaphone(t)[0];
}

// phonetic key and skeleton depend on the text only; vocabularies repeat, so remember them (bounded)
const keyCache = new Map<string, [string, string, string, number, number, string]>();
const KEY_CACHE_MAX = 200_000;

/** The letters a–z of a word as a 26-bit set: one edit changes at most two members. */
export function letterSet(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

function makeToken(text: string, weight: number, place = false, source = text, syllable = false): NameToken {
  const number = /\d/.test(text);
  let keys = keyCache.get(text);
  if (!keys) {
    const skel = skeleton(text);
    keys = [phoneticKey(text), skel, looseKey(text), letterSet(text), letterSet(skel), givenNameKey(text)];
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(text, keys);
  }
  return {
    text,
    weight: number ? 1 : weight,
    number,
    initial: text.length === 1 && !number,
    phonetic: keys[0],
    skeleton: keys[1],
    loose: keys[2],
    givenName: keys[5],
    letters: keys[3],
    skelLetters: keys[4],
    place,
    source,
    syllable,
  };
}

/** Weight of a place word in an organisation name ("Hangzhou" in "Hangzhou Hikvision"). */
const PLACE_WEIGHT = 0.15;
/** Shortest common word read through a one-letter typo ("TErHNOLOGIES"): shorter ones one letter from a name are as likely the name. */
const COMMON_REPAIR_MIN = 8;
let countryWords: Set<string> | undefined;

/** Latin place words: Chinese places (joined pinyin) and the words of country names. */
function isPlace(word: string): boolean {
  countryWords ??= new Set(tables().countryWords);
  return placeLatinNames().has(word) || countryWords.has(word);
}

function weightOf(word: string, kind: NameKind): number {
  const w = tables().weak.get(word) ?? (kind === 'org' ? tables().weakOrg.get(word) : undefined);
  if (w !== undefined) return w;
  if (kind === 'org' && isPlace(word)) return PLACE_WEIGHT;
  // a legal word left inside the name ("… Company International") says little about identity
  if (kind === 'org' && tables().legal.words.has(word) && !tables().legal.nameWords.has(word)) return 0.1;
  if (word.length === 1) return kind === 'person' ? 0.3 : 0.2;
  return 1;
}

/**
 * Letters spelt out one by one in an organisation name are one word: "M D S THMORDA" is "MDS THMORDA",
 * "I B M" is "IBM", as "M.D.S." already is. Otherwise "a", "e", "s", "y", "z" would be dropped as
 * prepositions and the rest kept as stray initials.
 */
function joinSpelledLetters(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && /^[a-z]$/.test(words[j])) j++;
    if (j - i >= 2) out.push(words.slice(i, j).join('')), (i = j);
    else out.push(words[i++]);
  }
  return out;
}

/** "CHEN, Quanguo" → "Quanguo CHEN" (persons only, one comma, both sides non-empty). */
export function invertPersonName(s: string): string {
  return personNameParts(s)?.join(' ') ?? s;
}

/** "CHEN, Quanguo" → ["Quanguo", "CHEN"]; undefined unless one comma with text on both sides. */
function personNameParts(s: string): [given: string, last: string] | undefined {
  const parts = s.split(',');
  if (parts.length !== 2) return undefined;
  const [last, given] = parts.map((p) => p.trim());
  return last && given ? [given, last] : undefined;
}

/** Person-name words kept: stopwords go, except one-letter words and weak particles ("El"). */
function keptPersonWords(words: string[]): string[] {
  const t = tables();
  const kept = words.filter((w) => w.length === 1 || !t.stopwords.has(w) || t.weak.has(w));
  return kept.length ? kept : words;
}

function hanPersonTokens(run: string): NameToken[] {
  const simp = toSimplified(run);
  if (simp.length < 2 || simp.length > 4) return hanToPinyin(simp).map((p) => makeToken(p, 1, false, p, true));
  const sn = tables().compoundSurnames.find((c) => simp.startsWith(c) && simp.length > c.length) ?? simp[0];
  return [makeToken(hanToPinyin(sn).join(''), 1), makeToken(hanToPinyin(simp.slice(sn.length)).join(''), 1)];
}

function hanOrgTokens(run: string): { tokens: NameToken[]; core: string; legal: string[] } {
  const parts = splitHanOrgName(run);
  const tokens: NameToken[] = [];
  for (const p of parts.places) tokens.push(makeToken(hanToPinyin(p.replace(/[省市区县]$/, '')).join(''), PLACE_WEIGHT, true));
  for (const syl of hanToPinyin(parts.core)) tokens.push(makeToken(syl, 1, false, syl, true));
  for (const g of parts.generic) tokens.push(makeToken(hanToPinyin(g).join(''), 0.15));
  return { tokens, core: parts.core, legal: parts.legal };
}

/** Shortest stem of a place adjective read as the place ("Alagir" of "Alagirsky"): "Tomsk", "Russkiy", "Husky" stay as they are. */
const PLACE_STEM_MIN = 4;

/**
 * A Russian adjective of a place ("Kazanskii", "Alagirsky", "Izhevskii") or a town in -sk ("Izhevsk") as its stem
 * ("kazan", "alagir", "izhev"), so that "Kazanskii Zavod" is the Kazan Plant (tokens.yml `place_adjective_endings`).
 */
function placeStem(word: string): string {
  const m = tables().placeAdjective?.exec(word);
  return m && m[1].length >= PLACE_STEM_MIN && !tables().weakOrg.has(word) ? m[1] : word;
}

/**
 * The words of an organisation name's core (legal forms stripped) that count; `firstWritten`: the name's first word
 * as written, legal forms included. An article that is also a name particle ("El" in "Abou El-Khir", like "Al")
 * stays, weak, so it can join its word again ("Elkhir"); a letter that opens a two-word organisation name is part of
 * the brand ("Z Axis", "A Plus"), not a preposition; in longer names it is usually an initial ("V. Tikhomirov
 * Research Institute"); a surname particle that opens the name is the brand's ("Del Bros Overseas" is not "Brother
 * Industries", "De Beers"); a designation of the firm's kind spelt as a country that opens the name as written ("UK",
 * the Russian management company) goes, as a legal form does; after a legal form it is the country ("Ltd (UK)
 * Development & Research Huawei").
 */
function keptOrgWords(core: string[], firstWritten: string | undefined): string[] {
  const t = tables();
  const kept = core.filter(
    (w, i) =>
      (i > 0 || core.length < 2 || w !== firstWritten || !t.leadingDesignations.has(w)) &&
      (!t.stopwords.has(w) || t.weak.has(w) || (i === 0 && core.length >= 2 && (t.leadingParticles.has(w) || (w.length === 1 && core.length === 2)))),
  );
  return kept.length ? kept : core;
}

/** Analyses one name. Returns undefined when nothing comparable is left (empty, only punctuation/emoji). */
export function analyseName(raw: string, kind: NameKind): NameForm | undefined {
  let text = cleanText(raw);
  if (!text) return undefined;
  const personParts = kind === 'person' ? personNameParts(text) : undefined;
  if (personParts) text = personParts.join(' ');
  const t = tables();
  const tokens: NameToken[] = [];
  const legal: string[] = [];
  const legalPhrases: string[] = [];
  let hanCore: string | undefined;
  let transliterated = false;
  let rest = text;
  if (hasHan(text)) {
    transliterated = true;
    const cores: string[] = [];
    for (const run of hanRuns(text)) {
      rest = rest.replace(run, ' ');
      if (kind === 'person') tokens.push(...hanPersonTokens(run));
      else {
        const h = hanOrgTokens(run);
        tokens.push(...h.tokens);
        legal.push(...h.legal);
        if (h.core) cores.push(h.core);
      }
    }
    hanCore = kind === 'person' ? toSimplified(hanRuns(text).join('')) : cores.join('');
  }
  // a Korean person's name is the family name and the given name's syllables ("김정은" → "kim jong un")
  const latin = toLatin(kind === 'person' && hasHangul(rest) ? hangulPersonName(rest) : rest);
  if (latin !== rest) transliterated = true;
  let words = tokenize(normaliseText(latin));
  if (kind === 'org') {
    words = numbersAsDigits(words);
    const split = stripLegalForms(words);
    legal.push(...split.forms);
    legalPhrases.push(...split.phrases);
    words = keptOrgWords(joinSpelledLetters(split.core), words[0]);
  } else {
    // as for firms (keptOrgWords): "El" stays as a weak particle
    words = keptPersonWords(words);
  }
  for (const word of words) {
    const full = kind === 'org' ? (t.abbreviations.get(word) ?? placeStem(repairerOf(t.weakOrg, COMMON_REPAIR_MIN).repair(word))) : word;
    // an abbreviation of two words ("ME": Middle East) is both words
    for (const w of full.includes(' ') ? full.split(' ') : [full]) {
      // …and as distinctive as a word: "Z Axis" is not "Axis"
      const lead = kind === 'org' && tokens.length === 0 && words.length === 2 && /^[a-z]$/.test(w);
      tokens.push(makeToken(w, lead ? 1 : weightOf(w, kind), kind === 'org' && isPlace(w), word));
    }
  }
  if (tokens.length === 0) return undefined;
  const core = tokens.slice(0, MAX_TOKENS);
  // the first token is the first given name when the given part, analysed alone, starts with it
  const given = personParts && !hanCore ? keptPersonWords(tokenize(normaliseText(toLatin(personParts[0]))))[0] : undefined;
  const literal = normaliseText(`${hasHan(text) ? toSimplified(text) : ''} ${latin}`);
  return {
    raw,
    kind,
    literal,
    tokens: core,
    key: core.map((x) => x.text).join(' '),
    legal,
    legalPhrases,
    numbers: core.filter((x) => x.number).map((x) => x.text),
    hanCore,
    transliterated,
    readingOf: undefined,
    givenFirst: given !== undefined && core[0].source === given,
    matchInfo: undefined,
    signature: undefined,
  };
}
