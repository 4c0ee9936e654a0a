/**
 * OFAC SDN_ADVANCED.XML / CONS_ADVANCED.XML (namespace …/exports/ADVANCED_XML), streamed with saxes, and the
 * older sdn.xml / consolidated.xml (`sdnList > sdnEntry`, see ofac-sdn-xml.ts). Reference values (party sub
 * types, alias types, feature types, programs, lists, countries…) are resolved by ID from ReferenceValueSets,
 * which the schema puts first; Locations and IDRegDocuments come before DistinctParties and are indexed
 * (small); parties are emitted as they are read, Sanctions when SanctionsEntries arrive.
 */
import { badInput } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder, type ListRecord, type PartyKind } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { consListCode } from '../tables.ts';
import { findAll, kid, kids, kidText, type XmlNode } from '../../io/xml.ts';
import { xmlSubtrees } from './xml-stream.ts';
import { sdnXmlRecord } from './ofac-sdn-xml.ts';

export const ADVANCED_NS = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML';
const ROOTS = new Set(['ReferenceValueSets', 'Location', 'IDRegDocument', 'DistinctParty', 'ProfileRelationship', 'SanctionsEntry', 'sdnEntry']);

export const ofacAdvanced: ListFormat = {
  id: 'ofac-advanced',
  description: 'OFAC SDN_ADVANCED.XML / CONS_ADVANCED.XML, and the older sdn.xml / consolidated.xml',
  detect(files) {
    return (
      files.length > 0 &&
      files.every((f) => {
        const h = f.head.replace(/^\uFEFF/, '').trimStart();
        return h.startsWith('<') && (/<(\w+:)?Sanctions[\s>]/.test(h) || /<(\w+:)?sdnList[\s>]/.test(h) || h.includes(ADVANCED_NS));
      })
    );
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readXml(file);
  },
};

type Ref = { value: string; attrs: Record<string, string> };

/** Date from `<Year/><Month/><Day/>` children. */
function ymd(node: XmlNode | undefined): string | undefined {
  const y = kidText(node, 'Year');
  if (!y) return undefined;
  const m = kidText(node, 'Month');
  const d = kidText(node, 'Day');
  return [y, m?.padStart(2, '0'), m && d ? d.padStart(2, '0') : undefined].filter(Boolean).join('-');
}

/** OFAC list name ("SDN List", "Non-SDN CMIC List", "Sectoral Sanctions Identifications List"…) -> list code. */
export function listCodeFromName(name: string | undefined, programs: string[]): string {
  const n = (name ?? '').toUpperCase();
  if (/\bSDN LIST\b/.test(n) && !/NON-SDN/.test(n)) return 'SDN';
  if (/CMIC|CHINESE MILITARY/.test(n)) return 'CMIC';
  if (/SSI|SECTORAL/.test(n)) return 'SSI';
  if (/FSE|EVADERS/.test(n)) return 'FSE';
  if (/PLC|PALESTINIAN/.test(n)) return 'PLC';
  if (/CAPTA|561|CORRESPONDENT/.test(n)) return 'CAP';
  if (/MBS|MENU/.test(n)) return 'MBS';
  return consListCode(programs);
}

async function* readXml(file: ListFile): AsyncGenerator<Entity> {
  const refs = new Map<string, Map<string, Ref>>();
  const ref = (set: string, id: string | undefined): Ref | undefined => (id ? refs.get(set)?.get(id) : undefined);
  const locations = new Map<string, { full?: string; country?: string }>();
  const idDocs = new Map<string, string[]>();
  const profiles = new Map<string, { partyId: string; name: string; record: number; listingDates: string[]; notes: string[] }>();
  const builder = new ListBuilder({ source: 'ofac-advanced', file: file.name });
  let root = '';
  let record = 0;
  const cons = /cons/i.test(file.name);

  const country = (id: string | undefined): string | undefined => {
    const c = ref('Country', id);
    return c ? c.attrs.ISO2 || c.value : undefined;
  };

  for await (const node of xmlSubtrees(file, ROOTS, (name) => {
    root = name;
    if (name !== 'Sanctions' && name !== 'sdnList') throw badInput(`XML document element <${name}> is not an OFAC list`, { file: file.name, line: 1 });
  })) {
    switch (node.name) {
      case 'ReferenceValueSets':
        addReferenceValues(node, refs);
        break;
      case 'Location': {
        const parts = findAll(node, 'Value')
          .map((v) => v.text.trim())
          .filter(Boolean);
        const c = country(kid(node, 'LocationCountry')?.attrs.CountryID);
        const full = [
          ...parts,
          ...(c && ref('Country', kid(node, 'LocationCountry')?.attrs.CountryID) ? [ref('Country', kid(node, 'LocationCountry')!.attrs.CountryID)!.value] : []),
        ].join(', ');
        if (node.attrs.ID) locations.set(node.attrs.ID, { full: parts.length ? full : undefined, country: c });
        break;
      }
      case 'IDRegDocument':
        addIdDocument(node, ref, idDocs);
        break;
      case 'DistinctParty': {
        record++;
        const rec = partyRecord(node, record, { ref, locations, idDocs, country });
        const { party, remarks, links } = builder.party(rec);
        const profileId = kid(node, 'Profile')?.attrs.ID ?? node.attrs.FixedRef!;
        profiles.set(profileId, { partyId: party.id, name: rec.name, record, listingDates: remarks.listingDates, notes: remarks.sanctionNotes });
        yield party;
        yield* links;
        break;
      }
      case 'ProfileRelationship': {
        const from = profiles.get(node.attrs['From-ProfileID'] ?? '');
        const to = profiles.get(node.attrs['To-ProfileID'] ?? '');
        if (!from || !to) break;
        const role = (ref('RelationType', node.attrs.RelationTypeID)?.value ?? 'linked to').toLowerCase();
        builder.addLink({ subject: from.partyId, object: to.partyId, name: to.name, record: from.record, role });
        break;
      }
      case 'SanctionsEntry': {
        const p = profiles.get(node.attrs.ProfileID ?? '');
        if (!p) throw badInput(`SanctionsEntry ${node.attrs.ID ?? ''} refers to unknown profile ${node.attrs.ProfileID ?? ''}`, { file: file.name });
        const { rec, dates } = sanctionsEntry(node, p, ref);
        yield builder.sanction(rec, p.partyId, p.listingDates.length ? p.listingDates : dates.slice(0, 1), p.notes);
        break;
      }
      case 'sdnEntry': {
        record++;
        yield* builder.build(sdnXmlRecord(node, record, cons));
        break;
      }
    }
  }
  if (!root) throw badInput('empty XML file', { file: file.name });
  yield* builder.finish();
}

/** The reference value sets (countries, document types, lists…) by set name and ID. */
function addReferenceValues(node: XmlNode, refs: Map<string, Map<string, Ref>>): void {
  for (const set of node.children) {
    for (const v of set.children) {
      let m = refs.get(v.name);
      if (!m) refs.set(v.name, (m = new Map()));
      if (v.attrs.ID) m.set(v.attrs.ID, { value: v.text.trim(), attrs: v.attrs });
    }
  }
}

/** An identity document as "type number (country)", kept under its identity for the party that cites it. */
function addIdDocument(node: XmlNode, ref: Lookups['ref'], idDocs: Map<string, string[]>): void {
  const type = ref('IDRegDocType', node.attrs.IDRegDocTypeID)?.value;
  const number = kidText(node, 'IDRegistrationNo');
  const c = ref('Country', node.attrs['IssuedBy-CountryID'])?.value;
  if (type && number && node.attrs.IdentityID) {
    const list = idDocs.get(node.attrs.IdentityID) ?? [];
    list.push(`${type} ${number}${c ? ` (${c})` : ''}`);
    idDocs.set(node.attrs.IdentityID, list);
  }
}

/** A sanctions entry as a list record of its profile's party: programmes, list code, and the entry dates. */
function sanctionsEntry(node: XmlNode, p: { name: string; record: number }, ref: Lookups['ref']): { rec: ListRecord; dates: string[] } {
  const programs = kids(node, 'SanctionsMeasure')
    .filter((m) => (ref('SanctionsType', m.attrs.SanctionsTypeID)?.value ?? 'Program') === 'Program')
    .map((m) => kidText(m, 'Comment'))
    .filter((x): x is string => !!x);
  const listCode = listCodeFromName(ref('List', node.attrs.ListID)?.value, programs);
  const dates = kids(node, 'EntryEvent')
    .map((e) => ymd(kid(e, 'Date')))
    .filter((x): x is string => !!x);
  return { rec: { record: p.record, listCode, kind: 'entity', name: p.name, programs, sanction: { startDate: dates[0] } }, dates };
}

interface Lookups {
  ref: (set: string, id: string | undefined) => Ref | undefined;
  locations: Map<string, { full?: string; country?: string }>;
  idDocs: Map<string, string[]>;
  country: (id: string | undefined) => string | undefined;
}

function partyKind(profile: XmlNode | undefined, l: Lookups): PartyKind {
  const sub = l.ref('PartySubType', profile?.attrs.PartySubTypeID);
  const subName = sub?.value.toLowerCase();
  if (subName === 'vessel') return 'vessel';
  if (subName === 'aircraft') return 'aircraft';
  const type = l.ref('PartyType', sub?.attrs.PartyTypeID)?.value.toLowerCase();
  return type === 'individual' ? 'person' : 'entity';
}

/** "LAST, First Middle" for people (as OFAC prints them), parts in order otherwise. */
function documentedName(dn: XmlNode, groups: Map<string, string>): { name: string; latin: boolean; script?: string } {
  const parts = findAll(dn, 'NamePartValue').map((v) => ({
    type: groups.get(v.attrs.NamePartGroupID ?? '') ?? '',
    value: v.text.trim(),
    script: v.attrs.ScriptID,
  }));
  const last = parts.filter((p) => p.type === 'Last Name').map((p) => p.value);
  const rest = parts.filter((p) => p.type !== 'Last Name').map((p) => p.value);
  const name = last.length && rest.length ? `${last.join(' ')}, ${rest.join(' ')}` : parts.map((p) => p.value).join(' ');
  return { name, latin: !/[^\u0000-\u024f\s]/.test(name), script: parts[0]?.script };
}

function partyRecord(dp: XmlNode, record: number, l: Lookups): ListRecord {
  const profile = kid(dp, 'Profile');
  const rec: ListRecord = {
    record,
    listCode: 'SDN',
    ofacId: dp.attrs.FixedRef,
    kind: partyKind(profile, l),
    name: '',
    aliases: [],
    weakAliases: [],
    previousNames: [],
    titles: [],
    addresses: [],
    countries: [],
    nationalities: [],
    citizenships: [],
    birthDates: [],
    birthPlaces: [],
    idRemarks: [],
    extra: {},
    vessel: {},
    remarks: kidText(dp, 'Comment') ?? kidText(profile, 'Comment'),
  };
  for (const identity of kids(profile, 'Identity')) {
    const groups = new Map<string, string>();
    for (const g of findAll(identity, 'NamePartGroup')) groups.set(g.attrs.ID ?? '', l.ref('NamePartType', g.attrs.NamePartTypeID)?.value ?? '');
    for (const alias of kids(identity, 'Alias')) {
      const type = (l.ref('AliasType', alias.attrs.AliasTypeID)?.value ?? '').toUpperCase();
      const names = kids(alias, 'DocumentedName')
        .map((dn) => documentedName(dn, groups))
        .filter((n) => n.name);
      if (alias.attrs.Primary === 'true' && identity.attrs.Primary !== 'false' && !rec.name) {
        const main = names.find((n) => n.latin) ?? names[0];
        if (main) rec.name = main.name;
        rec.aliases!.push(...names.filter((n) => n !== main).map((n) => n.name));
      } else if (type === 'F.K.A.') rec.previousNames!.push(...names.map((n) => n.name));
      else if (alias.attrs.LowQuality === 'true') rec.weakAliases!.push(...names.map((n) => n.name));
      else rec.aliases!.push(...names.map((n) => n.name));
    }
    rec.idRemarks!.push(...(l.idDocs.get(identity.attrs.ID ?? '') ?? []));
  }
  if (!rec.name) throw badInput(`DistinctParty ${dp.attrs.FixedRef ?? ''} has no primary name`, { record });
  for (const f of kids(profile, 'Feature')) feature(f, rec, l);
  return rec;
}

function feature(f: XmlNode, rec: ListRecord, l: Lookups): void {
  const type = l.ref('FeatureType', f.attrs.FeatureTypeID)?.value ?? '';
  for (const v of kids(f, 'FeatureVersion')) {
    const start = kid(kid(v, 'DatePeriod'), 'Start');
    const date = ymd(kid(start, 'From'));
    const loc = l.locations.get(kid(v, 'VersionLocation')?.attrs.LocationID ?? '');
    const detailNode = kid(v, 'VersionDetail');
    const detail = detailNode?.text.trim() || l.ref('DetailReference', detailNode?.attrs.DetailReferenceID)?.value;
    const value = date ?? detail ?? loc?.full ?? loc?.country;
    const t = type.toLowerCase();
    if (t === 'birthdate') rec.birthDates!.push(...(date ? [date] : []));
    else if (t === 'place of birth') rec.birthPlaces!.push(...[detail ?? loc?.full].filter((x): x is string => !!x));
    else if (t === 'nationality country') rec.nationalities!.push(...[loc?.country ?? detail].filter((x): x is string => !!x));
    else if (t === 'citizenship country') rec.citizenships!.push(...[loc?.country ?? detail].filter((x): x is string => !!x));
    else if (t === 'location' || t === 'address') {
      if (loc?.full) rec.addresses!.push(loc.full);
      else if (loc?.country) rec.countries!.push(loc.country);
    } else if (t === 'gender' && detail) (rec.extra!.gender ??= []).push(detail.toLowerCase());
    else if (t === 'title' && detail) rec.titles!.push(detail);
    else if (t === 'vessel call sign') rec.vessel!.callSign = detail;
    else if (t === 'vessel type') rec.vessel!.type = detail;
    else if (t === 'vessel flag') rec.vessel!.flag = loc?.country ?? detail;
    else if (t === 'vessel tonnage') rec.vessel!.tonnage = detail;
    else if (t === 'vessel gross registered tonnage') rec.vessel!.grt = detail;
    else if (t === 'vessel owner') rec.vessel!.owner = detail;
    else if (value) rec.idRemarks!.push(`${type} ${value}`);
  }
}
