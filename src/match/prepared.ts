/** An entity (or query) reduced once to what scoring reads: analysed names, identifiers, countries, dates. */
import { analyseName, englishReadingForms, listCountryNames, matchCountryNames, normaliseText, type NameForm, type NameKind } from '../names/index.ts';
import { caption as entityCaption, type Entity } from '../model/entity.ts';
import { nameKind } from './schemas.ts';
import type { MatchQuery } from './types.ts';

export interface Prepared {
  id: string;
  schema: string;
  caption: string;
  kind: NameKind;
  names: NameForm[];
  /** Strong identifiers: normalised value → property. */
  ids: Map<string, string>;
  tickers: Set<string>;
  countries: Set<string>;
  birthDates: string[];
}

/**
 * Names matched against. Not `weakAlias`: OFAC's low-quality a.k.a.s ("ABU MUHAMMAD", "EL GORDO", "TRO",
 * "CDG") are too broad to screen on, and FollowTheMoney marks them unmatchable for that reason. They
 * stay on the entity, shown in `sightline entity` and the UI, to help a reviewer confirm a hit.
 */
const NAME_PROPS = ['name', 'alias', 'previousName', 'abbreviation'];
const MAX_NAMES = 64; // aliases beyond this are address fragments or noise
/** Identifier properties that name one entity: a match is strong evidence. */
export const ID_PROPS = [
  'leiCode',
  'isinCode',
  'uscCode',
  'registrationNumber',
  'taxNumber',
  'innCode',
  'ogrnCode',
  'okpoCode',
  'swiftBic',
  'imoNumber',
  'idNumber',
  'passportNumber',
  'vatCode',
  'dunsCode',
  'cageCode',
  'permId',
  'cikCode',
  'mmsi',
  'callSign',
  'uniqueEntityId',
  'bikCode',
  'kppCode',
];
const COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry', 'flag', 'registrationCountry'];
const ID_ORDER = new Map(ID_PROPS.map((p, i) => [p, i]));
const COUNTRY_ORDER = new Map(COUNTRY_PROPS.map((p, i) => [p, i]));

/**
 * The properties of `props` that are in `order`, in that order. An entity has a few of some thirty
 * identifier and country properties: one pass over its keys beats a lookup of each.
 */
function present(props: Record<string, string[]>, order: Map<string, number>): string[] {
  const found: string[] = [];
  for (const p in props) if (order.has(p)) found.push(p);
  return found.length > 1 ? found.sort((a, b) => order.get(a)! - order.get(b)!) : found;
}

/** Country name (normalised) → code: every ISO country as the lists write it, then matching's own variants in any script. */
let countryNames: ReadonlyMap<string, string> | undefined;
function countryCodes(): ReadonlyMap<string, string> {
  if (countryNames) return countryNames;
  const map = new Map<string, string>();
  for (const table of [listCountryNames(), matchCountryNames()]) for (const [code, names] of table) for (const n of names) map.set(normaliseText(n), code);
  countryNames = map;
  return map;
}

/** Country name or code → lower-case ISO alpha-2 where known, else the normalised text. */
export function normaliseCountry(v: string): string {
  const n = normaliseText(v);
  if (/^[a-z]{2}$/.test(n)) return n;
  return countryCodes().get(n) ?? n;
}

/** Identifier → upper-case letters and digits only ("CNE1000 00PM8" → "CNE100000PM8"). */
export function normaliseIdentifier(v: string): string {
  return String(v)
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

function values(props: Record<string, string[]>, name: string): string[] {
  const v = props[name];
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}

/** Person names from parts when no full name is given. */
function personNameFromParts(props: Record<string, string[]>): string[] {
  const first = values(props, 'firstName')[0] ?? '';
  const middle = values(props, 'middleName')[0] ?? '';
  const last = values(props, 'lastName')[0] ?? '';
  const full = [first, middle, last].filter(Boolean).join(' ');
  return full ? [full] : [];
}

/** ISIN prefixes that are no country: international (XS), EU institutions, and codes ISO 6166 reserves. */
const NON_COUNTRY_ISIN = new Set(['xs', 'xa', 'xb', 'xc', 'xd', 'eu', 'qs', 'qt', 'qz']);

/** The country of an ISIN's issuer, '' when it names none. */
export function isinCountry(isin: string): string {
  const m = /^([a-z]{2})[a-z0-9]{9}\d$/.exec(normaliseIdentifier(isin).toLowerCase());
  return m && !NON_COUNTRY_ISIN.has(m[1]) ? m[1] : '';
}

/** The names an entity or query is matched on, as written: its name properties, and a person's name from parts. */
function rawNames(props: Record<string, string[]>, kind: NameKind): string[] {
  const raw: string[] = [];
  for (const p of NAME_PROPS) raw.push(...values(props, p));
  if (kind === 'person') raw.push(...personNameFromParts(props));
  return raw;
}

/**
 * Where an analysed name comes from: the position of its raw name, plus READING · (k + 1) for the k-th
 * English reading of it (englishReadingForms). An index keeps it per name so that it can analyse one
 * name of an entity again without the others (nameFrom).
 */
const READING = 1 << 20;

/** The analysed names of raw names, with the origin of each (as READING describes). */
function analyseNames(raw: string[], kind: NameKind): { names: NameForm[]; origins: number[] } {
  const names: NameForm[] = [];
  const origins: number[] = [];
  const seen = new Set<string>();
  const add = (f: NameForm | undefined, origin: number) => {
    if (!f || seen.has(f.literal) || names.length >= MAX_NAMES) return;
    seen.add(f.literal);
    names.push(f);
    origins.push(origin);
  };
  for (let i = 0; i < raw.length; i++) add(analyseName(raw[i], kind), i);
  // a Han organisation name is also read as its English name would be written ("中国电信" → "China Telecom")
  if (kind === 'org') for (let i = 0; i < raw.length; i++) for (const [k, f] of englishReadingForms(raw[i]).entries()) add(f, i + READING * (k + 1));
  return { names, origins };
}

/** The name of `origin` (from analyseNames) analysed again: the same form as in the whole entity's analysis. */
function nameFrom(raw: string[], kind: NameKind, origin: number): NameForm {
  const r = raw[origin % READING];
  const reading = Math.floor(origin / READING);
  const f = reading ? englishReadingForms(r)[reading - 1] : analyseName(r, kind);
  if (!f) throw new Error(`prepared: no name at origin ${origin}`);
  return f;
}

export function prepare(e: Entity | MatchQuery, id = '', captionText?: string): Prepared {
  return prepareWithOrigins(e, id, captionText).prepared;
}

/** `prepare`, with the origin of each name (an index keeps them to analyse names one by one later). */
export function prepareWithOrigins(e: Entity | MatchQuery, id = '', captionText?: string): { prepared: Prepared; origins: number[] } {
  const kind = nameKind(e.schema);
  const { names, origins } = analyseNames(rawNames(e.properties ?? {}, kind), kind);
  return { prepared: facts(e, kind, names, id, captionText), origins };
}

/**
 * An entity prepared but for its names: `names` has a place for each of the `count` names of the whole
 * analysis (prepareWithOrigins), empty until `fillNames` analyses it. Scoring a candidate on the names
 * retrieval found reads those only, and most of the cost of preparing an entity is analysing its names.
 */
export function preparePartly(e: Entity, count: number): { prepared: Prepared; raw: string[] } {
  const kind = nameKind(e.schema);
  const raw = rawNames(e.properties ?? {}, kind);
  return { prepared: facts(e, kind, new Array<NameForm>(count), ''), raw };
}

/** Analyses the names at `wanted` of a partly prepared entity that are not yet; returns those it analysed. */
export function fillNames(p: Prepared, raw: string[], origins: ArrayLike<number>, wanted: Iterable<number>): NameForm[] {
  const added: NameForm[] = [];
  for (const j of wanted) {
    if (p.names[j]) continue;
    p.names[j] = nameFrom(raw, p.kind, origins[j]);
    added.push(p.names[j]);
  }
  return added;
}

/** Everything but the names: identifiers, tickers, countries, birth dates, caption. */
function facts(e: Entity | MatchQuery, kind: NameKind, names: NameForm[], id: string, captionText?: string): Prepared {
  const props = e.properties ?? {};
  const ids = new Map<string, string>();
  for (const p of present(props, ID_ORDER)) {
    for (const v of values(props, p)) {
      const n = normaliseIdentifier(v);
      if (n.length >= 4 && /\d/.test(n)) ids.set(n, p);
    }
  }
  const tickers = new Set(values(props, 'ticker').map(normaliseIdentifier).filter(Boolean));
  const countries = new Set<string>();
  // a country not known by name cannot be compared: it is left out rather than counted as a disagreement
  for (const p of present(props, COUNTRY_ORDER)) for (const v of values(props, p)) countries.add(normaliseCountry(v));
  for (const c of countries) if (!/^[a-z]{2}$/.test(c)) countries.delete(c);
  // an ISIN starts with the issuer's country (ISO 6166); XS and other non-country prefixes name none
  if (!countries.size) for (const v of values(props, 'isinCode')) countries.add(isinCountry(v));
  countries.delete('');
  const birthDates = values(props, 'birthDate')
    .map((d) => d.trim())
    .filter((d) => /^\d{4}/.test(d));
  const cap = captionText ?? ('id' in e ? entityCaption(e as Entity) : (names[0]?.raw ?? ''));
  return { id: 'id' in e ? (e as Entity).id : id, schema: e.schema, caption: cap, kind, names, ids, tickers, countries, birthDates };
}
