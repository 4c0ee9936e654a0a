/** The name tables in data/names/*.yml, loaded and validated once, then read-only. */
import Type, { type Static, type TSchema } from 'typebox';
import { dataPath } from '../paths.ts';
import { readDataFile, type DataDocument } from '../io/data-file.ts';
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
  /** Canonical forms that name no legal form, only "a company" ("Co.", "Company", 公司): they disagree with none. */
  generic: Set<string>;
  /** Canonical form → the class of forms that are one legal form under several names (`same_form`); absent: its own. */
  sameForm: Map<string, string>;
  /** Latin phrase → the `transformed` group (index) of one country's forms a company is converted between keeping its name. */
  transformed: Map<string, number>;
}

export interface NameTables {
  legal: LegalFormTable;
  stopwords: Set<string>;
  /** Stopwords that are kept when they open an organisation name: surname particles of the brand ("Del Monte"). */
  leadingParticles: Set<string>;
  /** Words that, opening an organisation name of two words or more, say what kind of firm it is, as a legal form does, though spelt as a country ("UK"): dropped there. */
  leadingDesignations: Set<string>;
  /** A Russian place adjective or a town in -sk ("kazanskii", "izhevsk") → its stem (tokens.yml `place_adjective_endings`); undefined: none. */
  placeAdjective: RegExp | undefined;
  weak: Map<string, number>;
  weakOrg: Map<string, number>;
  abbreviations: Map<string, string>;
  places: string[]; // Han, longest first
  /** The places' Latin spellings (joined pinyin, chinese.yml), read in Latin names as weak place words. */
  placesLatin: Set<string>;
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

const closed = { additionalProperties: false } as const;
/** Words of a name table: strings, not empty. */
export const Words = Type.Array(Type.String({ minLength: 1, description: 'a word (quote numbers)' }));
const Gloss = Type.String({ pattern: "^[a-z' ]+$", description: 'lower-case English words' });
const Glosses = Type.Union([Gloss, Type.Array(Gloss, { minItems: 1 })], { description: 'lower-case English words, or a list of them' });

/** data/names/legal-forms.yml */
export const LegalFormsFile = Type.Object(
  {
    source: Type.String(),
    forms: Type.Array(
      Type.Object(
        { canonical: Type.String({ minLength: 1 }), latin: Type.Optional(Words), han: Type.Optional(Words), generic: Type.Optional(Type.Boolean()) },
        closed,
      ),
    ),
    name_words: Type.Optional(Words),
    same_form: Type.Optional(
      Type.Array(Type.Object({ forms: Type.Array(Type.String({ minLength: 1 }), { minItems: 2 }), source: Type.String({ minLength: 1 }) }, closed)),
    ),
    transformed: Type.Optional(
      Type.Array(Type.Object({ phrases: Type.Array(Type.String({ minLength: 1 }), { minItems: 2 }), source: Type.String({ minLength: 1 }) }, closed)),
    ),
  },
  closed,
);

/** data/names/tokens.yml: word lists, and weight (0..1) → words. */
export const TokensFile = Type.Object(
  {
    source: Type.String(),
    stopwords: Type.Optional(Words),
    leading_particles: Type.Optional(Words),
    leading_designations: Type.Optional(Words),
    place_adjective_endings: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+$' }))),
    weak: Type.Optional(Type.Record(Type.String(), Words)),
    weak_org: Type.Optional(Type.Record(Type.String(), Words)),
    abbreviations: Type.Optional(Type.Record(Type.String(), Type.String())),
    translations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  closed,
);

/** data/names/chinese.yml */
export const ChineseFile = Type.Object(
  {
    source: Type.String(),
    places: Type.Optional(Type.Record(Type.String(), Type.String())),
    generic: Type.Optional(Words),
    compound_surnames: Type.Optional(Words),
    name_pinyin: Type.Optional(Type.Record(Type.String(), Type.String())),
    english: Type.Optional(Type.Record(Type.String(), Glosses)),
    english_names: Type.Optional(Type.Record(Type.String(), Glosses)),
  },
  closed,
);

/** A YAML file of data/names, validated; errors name the file, line and key. */
export function readNameTable<S extends TSchema>(file: string, schema: S): DataDocument<Static<S>> {
  return readDataFile(dataPath('names', file), schema);
}

export function loadTables(): NameTables {
  return { ...readLegalForms(), ...readTokens(), ...readChinese(), countryWords: countryWords() };
}

export function readLegalForms(doc = readNameTable('legal-forms.yml', LegalFormsFile)): Pick<NameTables, 'legal'> {
  const legal: LegalFormTable = {
    latin: new Map(),
    maxTokens: 1,
    han: [],
    words: new Set(),
    nameWords: new Set(),
    generic: new Set(),
    sameForm: new Map(),
    transformed: new Map(),
  };
  for (const g of doc.value.forms) {
    if (g.generic) legal.generic.add(g.canonical);
    for (const phrase of g.latin ?? []) {
      const toks = tokenize(normaliseText(phrase));
      const key = toks.join(' ');
      for (const w of toks) legal.words.add(w);
      if (!key || legal.latin.has(key)) continue; // first group wins on duplicates
      legal.latin.set(key, { canonical: g.canonical, size: toks.length });
      legal.maxTokens = Math.max(legal.maxTokens, toks.length);
    }
    for (const form of g.han ?? []) legal.han.push({ form, canonical: g.canonical });
  }
  legal.han.sort((a, b) => b.form.length - a.form.length);
  for (const w of doc.value.name_words ?? []) legal.nameWords.add(normaliseText(w));
  const canonicals = new Set(doc.value.forms.map((g) => g.canonical));
  (doc.value.same_form ?? []).forEach((group, g) => {
    group.forms.forEach((form, f) => {
      // a typo here would silently keep two forms apart: fail on load instead
      if (!canonicals.has(form)) throw doc.fail(['same_form', g, 'forms', f], `'${form}' is no canonical form`);
      if (legal.sameForm.has(form)) throw doc.fail(['same_form', g, 'forms', f], `'${form}' is in two groups`);
      legal.sameForm.set(form, group.forms[0]);
    });
  });
  (doc.value.transformed ?? []).forEach((group, g) => {
    group.phrases.forEach((phrase, f) => {
      const key = tokenize(normaliseText(phrase)).join(' ');
      // a phrase the forms do not list would never be read from a name: fail on load instead
      if (!legal.latin.has(key)) throw doc.fail(['transformed', g, 'phrases', f], `'${phrase}' is no legal-form phrase of the forms above`);
      if (legal.transformed.has(key)) throw doc.fail(['transformed', g, 'phrases', f], `'${phrase}' is in two groups`);
      legal.transformed.set(key, g);
    });
  });
  return { legal };
}

type TokenTables = Pick<NameTables, 'stopwords' | 'leadingParticles' | 'leadingDesignations' | 'placeAdjective' | 'weak' | 'weakOrg' | 'abbreviations'>;

export function readTokens(doc = readNameTable('tokens.yml', TokensFile)): TokenTables {
  const tk = doc.value;
  const weights = (key: 'weak' | 'weak_org'): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [w, words] of Object.entries(tk[key] ?? {})) {
      const weight = Number(w);
      if (!(weight >= 0 && weight <= 1)) throw doc.fail([key, w], `weight ${w} not in 0..1`);
      for (const word of words) out.set(normaliseText(word), weight);
    }
    return out;
  };
  const abbreviations = new Map<string, string>();
  // translations of generic words work like abbreviations: one word in, its English word out
  for (const key of ['abbreviations', 'translations'] as const) {
    for (const [k, v] of Object.entries(tk[key] ?? {})) abbreviations.set(normaliseText(k), normaliseText(v));
  }
  return {
    stopwords: new Set(tk.stopwords ?? []),
    leadingParticles: new Set((tk.leading_particles ?? []).map(normaliseText)),
    leadingDesignations: new Set((tk.leading_designations ?? []).map(normaliseText)),
    // the stem, lazily, then "sk" and an ending or none: "kazan|sk|ii", "izhev|sk"
    placeAdjective: tk.place_adjective_endings?.length ? new RegExp(`^([a-z]+?)sk(?:${tk.place_adjective_endings.join('|')})?$`) : undefined,
    weak: weights('weak'),
    weakOrg: weights('weak_org'),
    abbreviations,
  };
}

type ChineseTables = Pick<NameTables, 'places' | 'placesLatin' | 'generic' | 'compoundSurnames' | 'english' | 'englishNames' | 'namePinyin'>;

export function readChinese(doc = readNameTable('chinese.yml', ChineseFile)): ChineseTables {
  const zh = doc.value;
  const byLen = (a: string, b: string) => b.length - a.length;
  const english = new Map<string, string[]>();
  const englishNames = new Set<string>();
  for (const key of ['english', 'english_names'] as const) {
    for (const [han, en] of Object.entries(zh[key] ?? {})) {
      english.set(han, Array.isArray(en) ? en : [en]);
      if (key === 'english_names') englishNames.add(han);
    }
  }
  return {
    places: Object.keys(zh.places ?? {}).sort(byLen),
    placesLatin: new Set(Object.values(zh.places ?? {})),
    generic: [...(zh.generic ?? [])].sort(byLen),
    compoundSurnames: zh.compound_surnames ?? [],
    namePinyin: { ...zh.name_pinyin },
    english,
    englishNames,
  };
}

/** Country names of one word (3+ letters), as name words: place words in organisation names. */
function countryWords(): string[] {
  const countryWords: string[] = [];
  for (const names of matchCountryNames().values()) {
    for (const n of names) {
      const toks = tokenize(normaliseText(n));
      if (toks.length === 1 && toks[0].length >= 3 && /^[a-z]+$/.test(toks[0])) countryWords.push(toks[0]);
    }
  }
  return countryWords;
}

let cached: NameTables | undefined;
/** The bundled tables (loaded on first use). */
export function tables(): NameTables {
  return (cached ??= loadTables());
}
