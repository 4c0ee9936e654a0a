/**
 * Validation of the raw pack records (pure: records in, typed entries out). Every failure is a
 * BAD_INPUT SightlineError naming the pack file, the line and the entry, so a curator can fix it at once.
 */
import type { EntityRef } from '../model/entity.ts';
import type { EvidenceSource } from '../graph/types.ts';
import { badInput, type SightlineError } from '../errors.ts';
import { hasSchema, isA, model } from '../model/ftm.ts';
import Type from 'typebox';
import type { LineOf, YamlRecord } from './pack-yaml.ts';
import { RELATION_ENDS, type PackKeptApart, type PackListing, type PackParty, type PackRelation, type PackRelationKind } from './pack-types.ts';

export interface PackContext {
  sourceIds: Set<string>;
  listCodes: Set<string>;
  /** Party id -> file it was defined in (for duplicate and reference checks). */
  partyFiles: Map<string, string>;
}

type Where = { file: string; line: number; record?: string | number };
type Obj = Record<string, unknown>;

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** Identifier properties a `sameAs: {identifier: "prop:value"}` may use. */
const IDENTIFIER_PROPS = new Set(['isinCode', 'uscCode', 'leiCode', 'registrationNumber', 'ticker', 'taxNumber', 'ogrnCode', 'innCode', 'swiftBic']);

const closed = { additionalProperties: false } as const;
const Text = Type.String({ pattern: '\\S', description: 'a non-empty string (quote numbers and dates)' });
/** A bare year (`date: 2021`) reads as a YAML integer; date() accepts it as the year. */
const PackDate = Type.Union([Type.String(), Type.Integer()], { description: 'an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)' });
const Ids = Type.Array(Type.String(), { description: 'a list of evidence ids' });

const PropValue = Type.String({ description: 'a string (quote numbers)' });

/** One entry of sources.yml. */
export const SourceEntry = Type.Object(
  {
    id: Text,
    title: Text,
    publisher: Type.Optional(Text),
    date: Type.Optional(PackDate),
    url: Type.Optional(Text),
    citation: Type.Optional(Text),
    read: Type.Optional(PackDate),
  },
  closed,
);

const ListingEntry = Type.Object(
  {
    list: Text,
    since: Type.Optional(PackDate),
    published: Type.Optional(PackDate),
    end: Type.Optional(PackDate),
    citation: Type.Optional(Text),
    program: Type.Optional(Text),
    url: Type.Optional(Text),
    entry: Type.Optional(Text),
    sources: Ids,
  },
  closed,
);

/** One party of entities/*.yml. Property values are strings: unquoted 002415 would silently become 2415. */
export const PartyEntry = Type.Object(
  {
    id: Text,
    schema: Text,
    sources: Ids,
    properties: Type.Optional(Type.Record(Type.String(), Type.Union([PropValue, Type.Array(PropValue)]))),
    sameAs: Type.Optional(
      Type.Array(Type.Object({ id: Type.Optional(Text), identifier: Type.Optional(Text), list: Type.Optional(Text), name: Type.Optional(Text) }, closed)),
    ),
    listings: Type.Optional(Type.Array(ListingEntry)),
    keptApart: Type.Optional(Type.Array(Type.Object({ list: Text, name: Text, because: Text }, closed))),
  },
  closed,
);

function fail(message: string, where: Where): SightlineError {
  return badInput(message, where);
}

function asObject(value: unknown, what: string, where: Where): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail(`${what} must be a mapping`, where);
  return value as Obj;
}

function onlyKeys(obj: Obj, allowed: readonly string[], what: string, where: Where): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw fail(`${what}: unknown key "${key}" (allowed: ${allowed.join(', ')})`, where);
  }
}

function str(obj: Obj, key: string, where: Where, required: true): string;
function str(obj: Obj, key: string, where: Where, required?: false): string | undefined;
function str(obj: Obj, key: string, where: Where, required = false): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) throw fail(`missing "${key}"`, where);
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) throw fail(`"${key}" must be a non-empty string (quote numbers and dates)`, where);
  return v.trim();
}

/** Valid calendar date, full or partial (FtM dates may be YYYY or YYYY-MM). */
export function isPackDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d !== undefined) {
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return false;
  }
  return true;
}

function date(obj: Obj, key: string, where: Where): string | undefined {
  let v = obj[key];
  if (v === undefined || v === null) return undefined;
  // A bare year (`date: 2021`) reads as a YAML integer; accept it as the year.
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 9999) v = String(v);
  if (typeof v !== 'string' || !isPackDate(v)) throw fail(`"${key}" must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got ${JSON.stringify(v)}`, where);
  return v;
}

function evidence(obj: Obj, ctx: PackContext, where: Where, required: boolean): string[] {
  const v = obj.sources;
  if (v === undefined || v === null) {
    if (required) throw fail('missing "sources" (evidence ids from sources.yml)', where);
    return [];
  }
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw fail('"sources" must be a list of evidence ids', where);
  if (required && v.length === 0) throw fail('"sources" must name at least one evidence id', where);
  for (const id of v as string[]) {
    if (!ctx.sourceIds.has(id)) throw fail(`unknown evidence id "${id}" (not in sources.yml)`, where);
  }
  return [...new Set(v as string[])];
}

export function validateSources(records: YamlRecord[], file: string): EvidenceSource[] {
  const seen = new Set<string>();
  return records.map(({ value, line }) => {
    const where: Where = { file, line };
    const o = value as Obj; // shape checked by SourceEntry
    const id = str(o, 'id', where, true);
    where.record = id;
    if (!ID_RE.test(id)) throw fail(`source id "${id}" must be lower-case letters, digits and dashes`, where);
    if (seen.has(id)) throw fail(`duplicate source id "${id}"`, where);
    seen.add(id);
    const url = str(o, 'url', where);
    if (url && !/^https?:\/\/\S+$/.test(url)) throw fail(`"url" must be an http(s) URL`, where);
    const src: EvidenceSource = { id, title: str(o, 'title', where, true) };
    const publisher = str(o, 'publisher', where);
    const d = date(o, 'date', where);
    const citation = str(o, 'citation', where);
    // A fact is only as good as the curator's ability to find its source again, and to know how old the reading is.
    if (!url && !citation && !(publisher && d))
      throw fail(`source "${id}" cannot be found again: give a "url", an official "citation", or its "publisher" and "date"`, where);
    const read = date(o, 'read', where);
    if (!read) throw fail(`source "${id}" needs "read": the date a curator read it`, where);
    Object.assign(src, publisher && { publisher }, d && { date: d }, url && { url }, citation && { citation }, { read });
    return src;
  });
}

function properties(o: Obj, schema: string, where: Where): Record<string, string[]> {
  const raw = (o.properties ?? {}) as Obj;
  const s = model.getSchema(schema);
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!s.hasProperty(name)) throw fail(`schema ${schema} has no FtM property "${name}"`, where);
    const list = Array.isArray(value) ? value : [value];
    const values: string[] = [];
    for (const v of list as string[]) {
      const t = v.trim();
      if (t && !values.includes(t)) values.push(t);
    }
    if (values.length) out[name] = values;
  }
  if (!out.name?.length) throw fail('properties.name is required', where);
  return out;
}

function sameAsRefs(o: Obj, ctx: PackContext, where: Where): EntityRef[] {
  return ((o.sameAs ?? []) as Obj[]).map((r) => {
    const ref: EntityRef = {};
    const identifier = str(r, 'identifier', where);
    const list = str(r, 'list', where);
    const name = str(r, 'name', where);
    const id = str(r, 'id', where);
    if (identifier) {
      const [prop, ...rest] = identifier.split(':');
      if (!prop || !IDENTIFIER_PROPS.has(prop) || !rest.join(':'))
        throw fail(`sameAs identifier "${identifier}" must be "<identifier property>:<value>"`, where);
      ref.identifier = identifier;
    }
    if (list) {
      if (!ctx.listCodes.has(list)) throw fail(`unknown list code "${list}" in sameAs (see data/lists.yml)`, where);
      if (!name) throw fail(`sameAs with list "${list}" needs the exact "name" on that list`, where);
      ref.list = list;
    }
    if (name) {
      if (!list) throw fail('sameAs "name" needs the "list" it is on', where);
      ref.name = name;
    }
    if (id) ref.id = id;
    if (!identifier && !list && !id) throw fail('sameAs entry needs an identifier, a list + name, or an id', where);
    return ref;
  });
}

function listings(o: Obj, ctx: PackContext, where: Where, lineOf: LineOf): PackListing[] {
  const seen = new Set<string>();
  return ((o.listings ?? []) as Obj[]).map((l, i) => {
    const list = str(l, 'list', where, true);
    if (!ctx.listCodes.has(list)) throw fail(`unknown list code "${list}" in listings (see data/lists.yml)`, where);
    // One listing per list and party keeps the Sanction id pack-<id>-<list> stable.
    if (seen.has(list)) throw fail(`duplicate listing on list ${list}`, where);
    seen.add(list);
    const listing: PackListing = { list, sources: evidence(l, ctx, where, true), line: lineOf(['listings', i]) };
    const since = date(l, 'since', where);
    const published = date(l, 'published', where);
    const end = date(l, 'end', where);
    if (since && end && end < since) throw fail(`listing on ${list} ends (${end}) before it starts (${since})`, where);
    const citation = str(l, 'citation', where);
    const program = str(l, 'program', where);
    const url = str(l, 'url', where);
    if (url && !/^https?:\/\/\S+$/.test(url)) throw fail(`listing "url" must be an http(s) URL`, where);
    const entry = str(l, 'entry', where);
    if (entry) listing.entry = entry;
    Object.assign(listing, since && { since }, published && { published }, end && { end }, citation && { citation }, program && { program }, url && { url });
    return listing;
  });
}

/** Official entries a party is deliberately kept apart from, each with the reason and the list it is on. */
function keptApart(o: Obj, ctx: PackContext, where: Where): PackKeptApart[] {
  return ((o.keptApart ?? []) as Obj[]).map((k) => {
    const list = str(k, 'list', where, true);
    if (!ctx.listCodes.has(list)) throw fail(`unknown list code "${list}" in keptApart (see data/lists.yml)`, where);
    return { list, name: str(k, 'name', where, true), because: str(k, 'because', where, true) };
  });
}

export function validateParties(records: YamlRecord[], file: string, ctx: PackContext): PackParty[] {
  return records.map(({ value, line, index, lineOf }) => {
    const where: Where = { file, line, record: index + 1 };
    const o = value as Obj; // shape checked by PartyEntry
    const id = str(o, 'id', where, true);
    where.record = id;
    if (!ID_RE.test(id)) throw fail(`entity id "${id}" must be lower-case letters, digits and dashes`, where);
    const previous = ctx.partyFiles.get(id);
    if (previous) throw fail(`duplicate entity id "${id}" (also in ${previous})`, where);
    ctx.partyFiles.set(id, file);
    const schema = str(o, 'schema', where, true);
    if (!hasSchema(schema)) throw fail(`unknown FtM schema "${schema}"`, where);
    if (!isA(schema, 'LegalEntity')) throw fail(`schema ${schema} is not a party (LegalEntity, Company, Organization, PublicBody, Person)`, where);
    return {
      id,
      schema,
      sources: evidence(o, ctx, where, true),
      properties: properties(o, schema, where),
      sameAs: sameAsRefs(o, ctx, where),
      listings: listings(o, ctx, where, lineOf),
      keptApart: keptApart(o, ctx, where),
      file,
      line,
    };
  });
}

export function validateRelations(records: YamlRecord[], file: string, ctx: PackContext): PackRelation[] {
  const seen = new Set<string>();
  return records.map(({ value, line, index }) => {
    const where: Where = { file, line, record: index + 1 };
    const o = asObject(value, 'relation', where);
    const kind = str(o, 'kind', where, true) as PackRelationKind;
    const ends = RELATION_ENDS[kind];
    if (!ends) throw fail(`unknown relation kind "${kind}" (one of ${Object.keys(RELATION_ENDS).join(', ')})`, where);
    const [fromKey, toKey] = ends;
    const extra = kind === 'ownership' ? ['percentage'] : [];
    onlyKeys(o, ['kind', fromKey, toKey, 'start', 'end', 'reported', 'note', 'sources', 'confidence', ...extra], `${kind} relation`, where);
    const from = str(o, fromKey, where, true);
    const to = str(o, toKey, where, true);
    where.record = `${kind} ${from} -> ${to}`;
    for (const ref of [from, to]) {
      if (!ctx.partyFiles.has(ref)) throw fail(`unknown entity id "${ref}" (not defined in entities/*.yml)`, where);
    }
    if (from === to) throw fail('a relation cannot link an entity to itself', where);
    const key = `${kind}|${from}|${to}`;
    if (seen.has(key)) throw fail('duplicate relation', where);
    seen.add(key);
    const rel: PackRelation = { kind, from, to, sources: evidence(o, ctx, where, true), file, line, index };
    const start = date(o, 'start', where);
    const end = date(o, 'end', where);
    if (start && end && end < start) throw fail(`relation ends (${end}) before it starts (${start})`, where);
    if (start) rel.start = start;
    if (end) rel.end = end;
    const reported = date(o, 'reported', where);
    if (reported) rel.reported = reported;
    const note = str(o, 'note', where);
    if (note) rel.note = note;
    for (const numKey of ['percentage', 'confidence'] as const) {
      const n = o[numKey];
      if (n === undefined || n === null) continue;
      const max = numKey === 'percentage' ? 100 : 1;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > max) throw fail(`"${numKey}" must be a number from 0 to ${max}`, where);
      rel[numKey] = n;
    }
    return rel;
  });
}
