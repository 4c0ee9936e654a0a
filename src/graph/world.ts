/**
 * Builds the in-memory read model from FtM entities: merges pack entities with the list entries they
 * name (sameAs by identifier, id, or list + exact name), flattens Sanctions into listings and
 * Ownership/UnknownLink/Directorship into dated relations.
 */
import type { Entity } from '../model/entity.ts';
import { addValues } from '../model/entity.ts';
import { isA, hasSchema } from '../model/ftm.ts';
import { listByCode } from '../model/lists.ts';
import type { EvidenceSource, Listing, Relation, RelationKind, World } from './types.ts';
import type { WorldMaps } from './world-columns.ts';
import { inForce } from './types.ts';

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName', 'abbreviation'];
const ID_PROPS = ['isinCode', 'leiCode', 'uscCode', 'registrationNumber', 'ticker', 'imoNumber', 'swiftBic', 'taxNumber', 'innCode', 'ogrnCode'];
const RELATION_ROLES: Record<string, RelationKind> = {
  subsidiary: 'subsidiary',
  affiliate: 'affiliate',
  'joint-venture': 'joint-venture',
  brand: 'brand',
  oem: 'oem',
  linked: 'linked',
  'linked to': 'linked',
  supplier: 'supplier',
};

/** Lower-case, punctuation folded: the key used for exact-name lookups (not fuzzy matching). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

const partySchemas = new Map<string, boolean>();

/** Parties are what screening matches against: legal entities, people, vessels, aircraft. Memoised: FtM's isA walks the schema tree. */
export function isParty(schema: string): boolean {
  let known = partySchemas.get(schema);
  if (known === undefined) {
    known = hasSchema(schema) && (isA(schema, 'LegalEntity') || schema === 'Vessel' || schema === 'Airplane');
    partySchemas.set(schema, known);
  }
  return known;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string, prefer: (a: string, b: string) => string): void {
    const ra = this.find(a),
      rb = this.find(b);
    if (ra === rb) return;
    const root = prefer(ra, rb);
    this.parent.set(root === ra ? rb : ra, root);
  }
}

export interface MergedWorld extends World {
  /** The original entities merged into a canonical one (for per-fact sources). */
  members(id: string): Entity[];
  /** Every entity as given (parties, sanctions, links). */
  all(): Entity[];
  /** What the world was built into, for a snapshot (world-columns.ts); absent on a world opened from one. */
  maps?(): WorldMaps;
}

export function createWorld(entities: Entity[], evidence: EvidenceSource[] = []): MergedWorld {
  const byId = new Map<string, Entity[]>();
  for (const e of entities) {
    const list = byId.get(e.id);
    if (list) list.push(e);
    else byId.set(e.id, [e]);
  }
  const partyIds = [...byId.keys()].filter((id) => byId.get(id)!.some((e) => isParty(e.schema)));

  const uf = sameAsUnion(entities, byId, partyIds);

  // Merge members into canonical entities.
  const members = new Map<string, Entity[]>();
  for (const id of partyIds) {
    const root = uf.find(id);
    const list = members.get(root) ?? members.set(root, []).get(root)!;
    list.push(...byId.get(id)!.filter((e) => isParty(e.schema)));
  }
  const canonical = new Map<string, Entity>();
  const canonicalOf = new Map<string, string>();
  for (const [root, group] of members) {
    canonical.set(root, mergeEntities(root, group));
    for (const m of group) canonicalOf.set(m.id, root);
  }
  const resolve = (id: string) => canonicalOf.get(id) ?? id;

  const byName = new Map<string, string[]>();
  for (const [id, e] of canonical) {
    for (const p of NAME_PROPS)
      for (const v of e.properties[p] ?? []) {
        const k = nameKey(v);
        if (k && !(byName.get(k) ?? []).includes(id)) push(byName, k, id);
      }
  }
  // "Linked To: NAME" links from list remarks name their target; resolve it to a party of the same source.
  const resolveName = (name: string, source?: string): string | undefined => {
    const ids = byName.get(nameKey(name)) ?? [];
    return ids.find((id) => members.get(id)?.some((m) => m.origin?.source === source)) ?? ids[0];
  };

  const listings = new Map<string, Listing[]>();
  const relFrom = new Map<string, Relation[]>();
  const relTo = new Map<string, Relation[]>();
  for (const e of entities) {
    if (e.schema === 'Sanction') {
      for (const target of e.properties.entity ?? []) {
        const l = toListing(e, resolve(target));
        push(listings, l.entityId, l);
      }
      continue;
    }
    const rel = toRelation(e, resolve, resolveName);
    if (rel) {
      push(relFrom, rel.from, rel);
      push(relTo, rel.to, rel);
    }
  }

  for (const [id, ls] of listings) listings.set(id, mergeListings(ls));

  const evidenceById = new Map(evidence.map((s) => [s.id, s]));
  const parties = [...canonical.values()];

  return {
    get: (id) => canonical.get(resolve(id)),
    canonicalId: (id) => (canonicalOf.has(id) ? canonicalOf.get(id) : undefined),
    parties: () => parties,
    listings: (id, asOf) => (listings.get(resolve(id)) ?? []).filter((l) => inForce(l, asOf)),
    relationsFrom: (id, asOf) => (relFrom.get(resolve(id)) ?? []).filter((r) => inForce(r, asOf)),
    relationsTo: (id, asOf) => (relTo.get(resolve(id)) ?? []).filter((r) => inForce(r, asOf)),
    findByName: (name) => (byName.get(nameKey(name)) ?? []).map((id) => canonical.get(id)!),
    evidence: (id) => evidenceById.get(id),
    members: (id) => members.get(resolve(id)) ?? [],
    all: () => entities,
    maps: () => ({ entities, parties, members, canonicalOf, listings, relFrom, relTo, byName, evidence }),
  };
}

/** Parties joined by their sameAs references (by id, by identifier, by list and name); pack entities give the root. */
function sameAsUnion(entities: Entity[], byId: Map<string, Entity[]>, partyIds: string[]): UnionFind {
  // Indexes used to resolve sameAs references.
  const byIdentifier = new Map<string, string[]>();
  const listOf = new Map<string, Set<string>>();
  for (const e of entities) {
    if (e.schema !== 'Sanction') continue;
    for (const target of e.properties.entity ?? []) {
      for (const code of e.properties.programId ?? []) {
        (listOf.get(target) ?? listOf.set(target, new Set()).get(target)!).add(code);
      }
    }
  }
  const byListName = new Map<string, string[]>();
  for (const id of partyIds) {
    for (const e of byId.get(id)!) {
      for (const p of ID_PROPS) for (const v of e.properties[p] ?? []) push(byIdentifier, `${p}:${v.toUpperCase()}`, id);
      for (const code of listOf.get(id) ?? []) {
        for (const p of NAME_PROPS) for (const v of e.properties[p] ?? []) push(byListName, `${code}|${nameKey(v)}`, id);
      }
    }
  }

  const uf = new UnionFind();
  const isPack = (id: string) => byId.get(id)?.some((e) => e.origin?.source === 'pack') ?? false;
  const prefer = (a: string, b: string) => (isPack(a) !== isPack(b) ? (isPack(a) ? a : b) : a < b ? a : b);
  for (const id of partyIds) {
    for (const e of byId.get(id)!) {
      for (const ref of e.sameAs ?? []) {
        const targets: string[] = [];
        if (ref.id && byId.has(ref.id)) targets.push(ref.id);
        if (ref.identifier) {
          const [p, ...rest] = ref.identifier.split(':');
          targets.push(...(byIdentifier.get(`${p}:${rest.join(':').toUpperCase()}`) ?? []));
        }
        if (ref.list && ref.name) targets.push(...(byListName.get(`${ref.list}|${nameKey(ref.name)}`) ?? []));
        for (const t of targets) uf.union(id, t, prefer);
      }
    }
  }
  return uf;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Most specific schema wins (Company over LegalEntity); properties are unioned; the canonical keeps its origin. */
function mergeEntities(root: string, group: Entity[]): Entity {
  const head = group.find((e) => e.id === root) ?? group[0];
  let schema = head.schema;
  for (const e of group) if (e.schema !== schema && isA(e.schema, schema)) schema = e.schema;
  const properties: Record<string, string[]> = {};
  for (const e of [head, ...group.filter((g) => g !== head)]) {
    for (const [k, vs] of Object.entries(e.properties)) addValues(properties, k, ...vs);
  }
  return { id: root, schema, properties, origin: head.origin, sameAs: head.sameAs };
}

function toListing(e: Entity, entityId: string): Listing {
  const p = e.properties;
  const code = p.programId?.[0] ?? 'UNKNOWN';
  const info = listByCode(code);
  return {
    sanctionId: e.id,
    entityId,
    listCode: code,
    list: info?.name ?? code,
    authority: p.authority?.[0] ?? info?.authority,
    program: p.program?.[0],
    since: p.listingDate?.[0] ?? p.startDate?.[0],
    end: p.endDate?.[0],
    citation: p.summary?.[0],
    sourceUrl: p.sourceUrl?.[0] ?? info?.url,
    goods: p.reason?.[0],
    region: p.provisions?.find((v) => v.startsWith('Region: '))?.slice(8),
    status: p.status?.[0],
    origin: e.origin,
  };
}

/**
 * One listing per list: the pack and an imported list often state the same membership. The earliest
 * date wins, citations and origins are kept from every source.
 */
export function mergeListings(listings: Listing[]): Listing[] {
  const byList = new Map<string, Listing[]>();
  for (const l of listings) push(byList, l.listCode, l);
  const out: Listing[] = [];
  for (const group of byList.values()) {
    if (group.length === 1) {
      out.push({ ...group[0], origins: group[0].origin ? [group[0].origin] : [] });
      continue;
    }
    const dated = group.filter((l) => l.since).sort((a, b) => a.since!.localeCompare(b.since!));
    const head = dated[0] ?? group[0];
    const citations = [...new Set(group.map((l) => l.citation).filter(Boolean))];
    const ends = group.map((l) => l.end);
    out.push({
      ...head,
      program: head.program ?? group.find((l) => l.program)?.program,
      citation: citations.join('; ') || undefined,
      goods: [...new Set(group.map((l) => l.goods).filter(Boolean))].join('; ') || undefined,
      sourceUrl: head.sourceUrl ?? group.find((l) => l.sourceUrl)?.sourceUrl,
      end: ends.some((e) => !e) ? undefined : ends.sort().at(-1),
      origins: group.map((l) => l.origin).filter((o): o is NonNullable<typeof o> => Boolean(o)),
    });
  }
  return out.sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
}

function toRelation(e: Entity, resolve: (id: string) => string, resolveName: (name: string, source?: string) => string | undefined): Relation | undefined {
  const p = e.properties;
  const dates = { start: p.startDate?.[0], end: p.endDate?.[0] };
  const base = { id: e.id, note: p.summary?.[0], origin: e.origin, confidence: e.confidence, ...dates };
  if (e.schema === 'Ownership' && p.owner?.[0] && p.asset?.[0]) {
    const pct = parseFloat(p.percentage?.[0] ?? '');
    return { ...base, kind: 'ownership', from: resolve(p.owner[0]), to: resolve(p.asset[0]), percentage: Number.isFinite(pct) ? pct : undefined };
  }
  if (e.schema === 'Directorship' && p.director?.[0] && p.organization?.[0]) {
    return { ...base, kind: 'directorship', from: resolve(p.director[0]), to: resolve(p.organization[0]) };
  }
  if (e.schema === 'UnknownLink' && p.subject?.[0]) {
    const to = p.object?.[0] ? resolve(p.object[0]) : p.summary?.[0] ? resolveName(p.summary[0], e.origin?.source) : undefined;
    const from = resolve(p.subject[0]);
    if (!to || to === from) return undefined;
    const kind = RELATION_ROLES[(p.role?.[0] ?? 'linked').toLowerCase()] ?? 'linked';
    return { ...base, kind, from, to };
  }
  return undefined;
}
