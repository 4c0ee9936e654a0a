/**
 * Turns one normalised list record (whatever the file format) into FtM entities: the party (Person, Company,
 * LegalEntity, Vessel, Airplane…), its Sanction, and — once the whole file is read — UnknownLinks for
 * "Linked To:" remarks. Owns the id rules, so ids are stable across list versions:
 *   OFAC entries `ofac-<num>`; others `<listcode>-<slug(name)>`, `-2`, `-3`… for repeated names in one file.
 */
import { badInput } from '../errors.ts';
import { INPUT_LIMITS } from '../io/limits.ts';
import { addValues, slug, type Entity, type Origin, type Properties } from '../model/entity.ts';
import { model, validateEntity } from '../model/ftm.ts';
import { listByCode } from '../model/lists.ts';
import { parseCitations } from './dates.ts';
import { parseRemarks, type RemarkInfo } from './remarks.ts';
import { splitEmbeddedName } from './embedded-names.ts';
import { countryCode, countryOfAddress, looksLikeCompany, identifierProp } from './tables.ts';

export type PartyKind = 'person' | 'vessel' | 'aircraft' | 'entity' | 'company' | 'organization';

export interface ListRecord {
  /** 1-based record number (or line) inside the file, for origin and errors. */
  record: number;
  listCode: string;
  /** OFAC entity number (ent_num / entity_number / FixedRef): gives the id `ofac-<num>`. */
  ofacId?: string;
  /** The entry's identifier in its list when it has one besides the OFAC number (CSL `_id`). */
  listId?: string;
  kind: PartyKind;
  name: string;
  aliases?: string[];
  weakAliases?: string[];
  previousNames?: string[];
  titles?: string[];
  /** Full address strings. */
  addresses?: string[];
  /** Country names or codes stated separately from the address text. */
  countries?: string[];
  nationalities?: string[];
  citizenships?: string[];
  birthDates?: string[];
  birthPlaces?: string[];
  ids?: { type: string; number: string; country?: string }[];
  remarks?: string;
  /** Identifier statements in remarks syntax ("Passport 836238033 (KP)", "Gender Male"), parsed but not kept as notes. */
  idRemarks?: string[];
  vessel?: { callSign?: string; type?: string; tonnage?: string; grt?: string; flag?: string; owner?: string };
  /** Already-mapped party properties (e.g. from SDN_ADVANCED features). */
  extra?: Properties;
  programs?: string[];
  sanction?: {
    authority?: string;
    startDate?: string;
    endDate?: string;
    /** Raw Federal Register / legal notice text (all notices). */
    notices?: string;
    provisions?: string[];
    sourceUrls?: string[];
    notes?: string[];
  };
}

const SCHEMA: Record<PartyKind, string> = {
  person: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
  entity: 'LegalEntity',
  company: 'Company',
  organization: 'Organization',
};

/** Properties only companies have; an "Entity" carrying them is a Company. */
const COMPANY_ONLY = ['isinCode', 'ticker'];

export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class ListBuilder {
  private readonly used = new Map<string, number>();
  /** Links whose target is known by id (SDN_ADVANCED relationships); emitted by `finish`. */
  private readonly links: { subject: string; name: string; record: number; object?: string; role?: string }[] = [];

  constructor(private readonly opts: { source: string; file: string }) {}

  private uniqueId(base: string): string {
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  private origin(rec: ListRecord): Origin {
    const listId = rec.listId ?? rec.ofacId;
    return { source: this.opts.source, file: this.opts.file, record: rec.record, ...(listId ? { listId } : {}) };
  }

  /** Party, Sanction and "Linked To" entities for one record. */
  build(rec: ListRecord): Entity[] {
    const { party, remarks, links } = this.party(rec);
    return [party, this.sanction(rec, party.id, remarks.listingDates, remarks.sanctionNotes), ...links];
  }

  /** A link found outside remarks (SDN_ADVANCED ProfileRelationships); emitted by `finish`. */
  addLink(link: { subject: string; name: string; record: number; object?: string; role?: string }): void {
    this.links.push(link);
  }

  /**
   * The party entity of a record, its parsed remarks (for the Sanction), and an UnknownLink per
   * "Linked To: NAME" remark. The name is resolved to an entry later, by the world (graph/world.ts):
   * keeping no name index here keeps memory flat on large files.
   */
  party(record: ListRecord): { party: Entity; remarks: RemarkInfo; links: Entity[] } {
    const rec = withEmbeddedNamesSplit(record);
    const code = rec.listCode;
    const base = rec.ofacId ? `ofac-${rec.ofacId}` : `${code.toLowerCase()}-${slug(rec.name)}`;
    const id = this.uniqueId(base);
    const origin = this.origin(rec);
    const idInfo = parseRemarks((rec.idRemarks ?? []).join('; '));
    const idNotes = idInfo.props.notes ?? [];
    const remarks = mergeRemarks(parseRemarks(rec.remarks), { ...idInfo, props: { ...idInfo.props, notes: [] } });

    const p: Properties = {};
    addValues(p, 'name', rec.name);
    for (const a of [...(rec.aliases ?? []), ...(remarks.props.alias ?? [])]) if (a.trim() !== rec.name) addValues(p, 'alias', a);
    addValues(p, 'weakAlias', ...(rec.weakAliases ?? []), ...(remarks.props.weakAlias ?? []));
    addValues(p, 'previousName', ...(rec.previousNames ?? []), ...(remarks.props.previousName ?? []));
    for (const addr of rec.addresses ?? []) {
      addValues(p, 'address', addr);
      addValues(p, 'country', countryOfAddress(addr));
    }
    for (const c of rec.countries ?? []) addValues(p, 'country', countryCode(c));
    for (const c of rec.nationalities ?? []) addValues(p, 'nationality', countryCode(c));
    for (const c of rec.citizenships ?? []) addValues(p, 'citizenship', countryCode(c));
    addValues(p, 'birthDate', ...(rec.birthDates ?? []));
    addValues(p, 'birthPlace', ...(rec.birthPlaces ?? []));
    for (const idv of rec.ids ?? []) {
      const prop = identifierProp(idv.type);
      addValues(p, prop, prop === 'imoNumber' ? idv.number.replace(/^IMO\s*/i, '') : idv.number);
    }
    for (const [k, vs] of Object.entries(remarks.props)) {
      if (k === 'alias' || k === 'weakAlias' || k === 'previousName' || k === 'notes') continue;
      addValues(p, k, ...vs);
    }
    for (const [k, vs] of Object.entries(rec.extra ?? {})) addValues(p, k, ...vs);
    if (rec.kind === 'person') addValues(p, 'position', ...(rec.titles ?? []));
    else for (const t of rec.titles ?? []) addValues(p, 'notes', `Title: ${t}`);
    if (rec.vessel) {
      const v = rec.vessel;
      addValues(p, 'callSign', v.callSign);
      addValues(p, 'type', v.type);
      addValues(p, 'tonnage', v.tonnage);
      addValues(p, 'grossRegisteredTonnage', v.grt);
      addValues(p, 'flag', countryCode(v.flag));
      if (v.owner) addValues(p, 'notes', `Vessel owner: ${v.owner}`);
    }
    addValues(p, 'notes', rec.remarks?.replace(/\s+/g, ' '));
    addValues(p, 'notes', ...idNotes);
    for (const k of Object.keys(p)) if (p[k]!.length === 0) delete p[k];

    let schema = SCHEMA[rec.kind];
    if (schema === 'LegalEntity' && (looksLikeCompany(rec.name) || COMPANY_ONLY.some((k) => p[k]))) schema = 'Company';
    schema = fitSchema(schema, p);

    const party = validated({ id, schema, properties: p, origin }, origin);
    const links = new Map<string, Entity>();
    for (const name of remarks.linkedTo) {
      const link = linkEntity({ subject: id, name }, origin);
      links.set(link.id, link);
    }
    return { party, remarks, links: [...links.values()] };
  }

  /** The Sanction of a record: id `<partyId>-<listcode>`. */
  sanction(rec: ListRecord, partyId: string, listingDates: string[] = [], notes: string[] = []): Entity {
    const origin = this.origin(rec);
    const code = rec.listCode;
    const list = listByCode(code);
    const s = rec.sanction ?? {};
    const citations = parseCitations(s.notices);
    const start = s.startDate ?? citations.find((c) => c.date)?.date ?? listingDates[0];
    const p: Properties = {};
    addValues(p, 'entity', partyId);
    addValues(p, 'programId', code);
    addValues(p, 'authority', s.authority ?? list?.authority);
    addValues(p, 'program', ...(rec.programs ?? []));
    addValues(p, 'listingDate', listingDates[0] ?? start);
    addValues(p, 'startDate', start);
    addValues(p, 'endDate', s.endDate);
    addValues(p, 'summary', citations[0]?.citation ?? s.notices?.split(/\n|;/)[0]);
    if (s.notices) addValues(p, 'description', s.notices.replace(/\s*\n\s*/g, '; '));
    addValues(p, 'provisions', ...(s.provisions ?? []), ...notes, ...(s.notes ?? []));
    addValues(p, 'sourceUrl', ...(s.sourceUrls ?? []), list?.url);
    const id = `${partyId}-${code.toLowerCase()}`;
    return validated({ id, schema: 'Sanction', properties: p, origin }, origin);
  }

  /** UnknownLinks added with `addLink` (targets known by id). Call after the last record. */
  finish(): Entity[] {
    const out = new Map<string, Entity>();
    for (const l of this.links) {
      const link = linkEntity(l, { source: this.opts.source, file: this.opts.file, record: l.record });
      out.set(link.id, link);
    }
    return [...out.values()];
  }
}

/** `subject` is linked to `object` (an entry id) or, unresolved, to the entry named in `summary`. */
function linkEntity(l: { subject: string; name: string; object?: string; role?: string }, origin: Origin): Entity {
  const role = l.role ?? 'linked to';
  const id = `${l.subject}-${slug(role, 20)}-${l.object ?? slug(l.name)}`;
  const p: Properties = { subject: [l.subject], role: [role], summary: [l.name] };
  if (l.object && l.object !== l.subject) p.object = [l.object];
  return validated({ id, schema: 'UnknownLink', properties: p, origin }, origin);
}

// The FtM model's property lookups rebuild maps on every call; cache names per schema (hot path).
const propCache = new Map<string, Set<string>>();
function schemaProps(schema: string): Set<string> {
  let set = propCache.get(schema);
  if (!set) propCache.set(schema, (set = new Set(model.getSchema(schema).getProperties().keys())));
  return set;
}

/** Upgrades LegalEntity to Company when needed; moves values a schema cannot hold into `notes`. */
function fitSchema(schema: string, p: Properties): string {
  const props = schemaProps(schema);
  const misfits = Object.keys(p).filter((k) => !props.has(k));
  if (misfits.length && schema === 'LegalEntity' && misfits.every((k) => schemaProps('Company').has(k))) return 'Company';
  for (const k of misfits) {
    for (const v of p[k]!) addValues(p, 'notes', `${k}: ${v}`);
    delete p[k];
  }
  return schema;
}

/**
 * validateEntity for every entity, memoised on (schema, property names): the same shape validates the same
 * way, and the FtM lookups are the importer's hottest path otherwise.
 */
const validShapes = new Set<string>();
export function validated(entity: Entity, where: { file?: string; record?: number | string }): Entity {
  refuseLongNames(entity, where);
  const key = `${entity.schema}|${Object.keys(entity.properties).join(',')}`;
  if (validShapes.has(key)) return entity;
  validateEntity(entity, where);
  validShapes.add(key);
  return entity;
}

/** Properties holding a name: the matcher indexes every one, so each is capped (INPUT_LIMITS.nameChars). */
const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName', 'firstName', 'middleName', 'lastName', 'secondName', 'fatherName', 'motherName'];

function refuseLongNames(entity: Entity, where: { file?: string; record?: number | string }): void {
  const limit = INPUT_LIMITS.nameChars;
  for (const prop of NAME_PROPS) {
    for (const v of entity.properties[prop] ?? []) {
      if (v.length <= limit) continue;
      const start = v.slice(0, 40).replace(/\s+/g, ' ');
      throw badInput(
        `${prop} of ${v.length.toLocaleString('en')} characters ("${start}…") is over the ${limit.toLocaleString('en')} characters a name may have (nameChars limit); refused`,
        where,
      );
    }
  }
}

function mergeRemarks(a: RemarkInfo, b: RemarkInfo): RemarkInfo {
  for (const [k, vs] of Object.entries(b.props)) addValues(a.props, k, ...vs);
  a.linkedTo.push(...b.linkedTo);
  a.listingDates.push(...b.listingDates);
  a.sanctionNotes.push(...b.sanctionNotes);
  return a;
}

/** "Lukoil, OAO (a.k.a. Lukoil" becomes the name "Lukoil, OAO" with the alias "Lukoil" (see embedded-names.ts). */
function withEmbeddedNamesSplit(rec: ListRecord): ListRecord {
  const split = splitEmbeddedName(rec.name);
  if (split.name === rec.name) return rec;
  return {
    ...rec,
    name: split.name,
    aliases: [...(rec.aliases ?? []), ...split.aliases],
    previousNames: [...(rec.previousNames ?? []), ...split.previousNames],
  };
}
