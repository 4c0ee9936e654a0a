/**
 * The Xinjiang gazetteer (data/supply/xinjiang.yml) read once into match terms: every name of every place, in
 * its script, with the ambiguity that applies to it. Latin names are compared as folded word sequences
 * (diacritics dropped: Ürümqi = urumqi), Chinese names as substrings.
 */
import Type, { type Static } from 'typebox';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';

const Ambiguity = Type.Union([
  Type.Boolean(),
  Type.Object(
    {
      latin: Type.Optional(Type.Boolean()),
      han: Type.Optional(Type.Boolean()),
      abroad: Type.Optional(Type.Boolean()),
      suffixed: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
]);

const Place = Type.Object(
  {
    code: Type.String({ pattern: '^6[5-9]\\d{4}$' }),
    level: Type.Union(['city', 'district', 'county', 'prefecture', 'xpcc-city'].map((l) => Type.Literal(l))),
    division: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
    names: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    ambiguous: Type.Optional(Ambiguity),
    alsoIn: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const XinjiangFile = Type.Object(
  {
    source: Type.String({ minLength: 1 }),
    region: Type.Object({ code: Type.String(), names: Type.Array(Type.String()) }, { additionalProperties: false }),
    xpcc: Type.Object({ code: Type.String(), names: Type.Array(Type.String()), divisions: Type.Integer() }, { additionalProperties: false }),
    postalPrefixes: Type.Array(Type.String({ pattern: '^\\d{2}$' })),
    places: Type.Array(Place),
    otherProvinces: Type.Array(Type.Array(Type.String(), { minItems: 1 })),
    rule: Type.Object({ id: Type.String(), name: Type.String(), text: Type.String(), citation: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type XinjiangData = Static<typeof XinjiangFile>;

/** How a term may be ambiguous: never, always, or only when nothing says the address is in China. */
export type TermAmbiguity = 'none' | 'always' | 'abroad';

export interface PlaceTerm {
  /** The name as written in the gazetteer. */
  name: string;
  /** Folded form: Latin words joined by one space, or the Chinese text. */
  key: string;
  script: 'han' | 'latin';
  code: string;
  level: string;
  /** "阿克苏地区 Aksu": the place's first Chinese and first Latin name, for findings. */
  place: string;
  ambiguity: TermAmbiguity;
  alsoIn?: string;
}

export interface Gazetteer {
  source: string;
  han: PlaceTerm[];
  /** Latin terms by their first folded word. */
  latinByFirstWord: Map<string, PlaceTerm[]>;
  postalPrefixes: string[];
  provincesHan: string[];
  provincesLatin: string[][];
  rule: XinjiangData['rule'];
}

const HAN = /\p{Script=Han}/u;

/** Latin text as folded words: diacritics and apostrophes dropped, lower case, split on anything else. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SUFFIXED = /(?:市|县|区|地区|州)$|\b(?:county|city|district|prefecture)$/i;

function ambiguityOf(a: Static<typeof Ambiguity> | undefined, name: string, script: 'han' | 'latin'): TermAmbiguity {
  if (!a) return 'none';
  const suffixed = SUFFIXED.test(name);
  if (a === true) return suffixed ? 'none' : 'always';
  if (a[script] && (!suffixed || a.suffixed)) return 'always';
  return a.abroad ? 'abroad' : 'none';
}

function terms(names: string[], base: Omit<PlaceTerm, 'name' | 'key' | 'script' | 'ambiguity'>, ambiguous?: Static<typeof Ambiguity>): PlaceTerm[] {
  return names.map((name) => {
    const script = HAN.test(name) ? 'han' : 'latin';
    const key = script === 'han' ? name : foldWords(name).join(' ');
    return { ...base, name, key, script, ambiguity: ambiguityOf(ambiguous, name, script) };
  });
}

function caption(names: string[]): string {
  const han = names.find((n) => HAN.test(n));
  const latin = names.find((n) => !HAN.test(n));
  return [han, latin].filter(Boolean).join(' ');
}

export function buildGazetteer(data: XinjiangData): Gazetteer {
  const all: PlaceTerm[] = [
    ...terms(data.region.names, { code: data.region.code, level: 'region', place: caption(data.region.names) }),
    ...terms(data.xpcc.names, { code: data.xpcc.code, level: 'xpcc', place: caption(data.xpcc.names) }),
    ...data.places.flatMap((p) => terms(p.names, { code: p.code, level: p.level, place: caption(p.names), alsoIn: p.alsoIn }, p.ambiguous)),
  ];
  const latinByFirstWord = new Map<string, PlaceTerm[]>();
  for (const t of all.filter((x) => x.script === 'latin' && x.key)) {
    const first = t.key.split(' ')[0]!;
    latinByFirstWord.set(first, [...(latinByFirstWord.get(first) ?? []), t]);
  }
  return {
    source: data.source,
    han: all.filter((t) => t.script === 'han').sort((a, b) => b.key.length - a.key.length),
    latinByFirstWord,
    postalPrefixes: data.postalPrefixes,
    provincesHan: data.otherProvinces.flat().filter((n) => HAN.test(n)),
    provincesLatin: data.otherProvinces
      .flat()
      .filter((n) => !HAN.test(n))
      .map(foldWords),
    rule: data.rule,
  };
}

let cached: Gazetteer | undefined;

/** The shipped gazetteer; a code given twice is refused where it repeats. */
export function xinjiangGazetteer(path = dataPath('supply', 'xinjiang.yml')): Gazetteer {
  if (cached && path === dataPath('supply', 'xinjiang.yml')) return cached;
  const doc = readDataFile(path, XinjiangFile);
  const seen = new Set<string>();
  doc.value.places.forEach((p, i) => {
    if (seen.has(p.code)) throw doc.fail(['places', i, 'code'], `place code ${p.code} is given twice`);
    seen.add(p.code);
  });
  const g = buildGazetteer(doc.value);
  if (path === dataPath('supply', 'xinjiang.yml')) cached = g;
  return g;
}
