/**
 * The merged world as columns (string lists and typed arrays) and back, for a snapshot file: opening
 * a world reads these instead of merging every entity again. Entities, listings and relations are
 * kept as JSON text, one string each, parsed on first use: a command reads a handful of them.
 */
import type { Entity } from '../model/entity.ts';
import type { EvidenceSource, Listing, Relation } from './types.ts';
import { inForce } from './types.ts';
import { nameKey, type MergedWorld } from './world.ts';

/** A list of strings (an array, or a snapshot's list read on demand). */
export interface Texts {
  readonly length: number;
  at(i: number): string | undefined;
}

/** Columns read on demand when a snapshot is opened: JSON texts, parsed one at a time. */
export const LAZY_COLUMNS = ['all', 'parties', 'listings', 'relations'];

export interface WorldColumns {
  /** every entity as given, JSON */
  all: Texts;
  /** the merged parties in order, JSON, and their ids */
  parties: Texts;
  partyIds: string[];
  /** per party: its members, as positions in `all` */
  memberStart: Int32Array;
  members: Int32Array;
  /** member id → position of its party */
  memberIds: string[];
  memberParty: Int32Array;
  /** listings by (resolved) entity id, JSON lists */
  listingIds: string[];
  listings: Texts;
  /** relations, JSON, and by (resolved) id the relations from and to it */
  relations: Texts;
  fromIds: string[];
  fromStart: Int32Array;
  from: Int32Array;
  toIds: string[];
  toStart: Int32Array;
  to: Int32Array;
  /** exact-name key → parties */
  nameKeys: string[];
  nameStart: Int32Array;
  nameParties: Int32Array;
  evidence: string;
}

/** What createWorld holds, as it holds it: the maps a world's columns are read from. */
export interface WorldMaps {
  entities: Entity[];
  parties: Entity[];
  members: Map<string, Entity[]>;
  canonicalOf: Map<string, string>;
  listings: Map<string, Listing[]>;
  relFrom: Map<string, Relation[]>;
  relTo: Map<string, Relation[]>;
  byName: Map<string, string[]>;
  evidence: EvidenceSource[];
}

function runs(keys: string[], lists: (key: string) => number[]): { start: Int32Array; values: Int32Array } {
  const start = new Int32Array(keys.length + 1);
  const all: number[] = [];
  keys.forEach((k, i) => {
    for (const v of lists(k)) all.push(v);
    start[i + 1] = all.length;
  });
  return { start, values: Int32Array.from(all) };
}

export function worldColumns(m: WorldMaps): WorldColumns {
  const position = new Map(m.entities.map((e, i) => [e, i]));
  const partyAt = new Map(m.parties.map((e, i) => [e.id, i]));
  const partyIds = m.parties.map((e) => e.id);
  const members = runs(partyIds, (id) => (m.members.get(id) ?? []).map((e) => position.get(e)!));
  const relations = [...new Set([...m.relFrom.values()].flat())];
  const relAt = new Map(relations.map((r, i) => [r, i]));
  const fromIds = [...m.relFrom.keys()];
  const toIds = [...m.relTo.keys()];
  const from = runs(fromIds, (id) => m.relFrom.get(id)!.map((r) => relAt.get(r)!));
  const to = runs(toIds, (id) => m.relTo.get(id)!.map((r) => relAt.get(r)!));
  const nameKeys = [...m.byName.keys()];
  const names = runs(nameKeys, (k) => m.byName.get(k)!.map((id) => partyAt.get(id)!));
  const memberIds = [...m.canonicalOf.keys()];
  return {
    all: m.entities.map((e) => JSON.stringify(e)),
    parties: m.parties.map((e) => JSON.stringify(e)),
    partyIds,
    memberStart: members.start,
    members: members.values,
    memberIds,
    memberParty: Int32Array.from(memberIds, (id) => partyAt.get(m.canonicalOf.get(id)!)!),
    listingIds: [...m.listings.keys()],
    listings: [...m.listings.values()].map((l) => JSON.stringify(l)),
    relations: relations.map((r) => JSON.stringify(r)),
    fromIds,
    fromStart: from.start,
    from: from.values,
    toIds,
    toStart: to.start,
    to: to.values,
    nameKeys,
    nameStart: names.start,
    nameParties: names.values,
    evidence: JSON.stringify(m.evidence),
  };
}

/** A list of JSON texts parsed one at a time, on first use. */
function lazyList<T>(texts: Texts): (i: number) => T {
  const parsed: (T | undefined)[] = new Array(texts.length);
  return (i) => (parsed[i] ??= JSON.parse(texts.at(i)!) as T);
}

function positions(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) out.set(keys[i], i);
  return out;
}

/** The world of `columns`: the same answers as the world they were taken from. */
export function worldFromColumns(c: WorldColumns): MergedWorld & { party(position: number): Entity } {
  const entity = lazyList<Entity>(c.all);
  const party = lazyList<Entity>(c.parties);
  const relation = lazyList<Relation>(c.relations);
  const listingList = lazyList<Listing[]>(c.listings);
  const partyOf = new Map<string, number>();
  for (let i = 0; i < c.memberIds.length; i++) partyOf.set(c.memberIds[i], c.memberParty[i]);
  const partyAt = positions(c.partyIds);
  const listingAt = positions(c.listingIds);
  const fromAt = positions(c.fromIds);
  const toAt = positions(c.toIds);
  let nameAt: Map<string, number> | undefined;
  let evidence: Map<string, EvidenceSource> | undefined;
  let allParties: Entity[] | undefined;
  let allEntities: Entity[] | undefined;
  const resolve = (id: string) => (partyOf.has(id) ? c.partyIds[partyOf.get(id)!] : id);
  const edges = (at: Map<string, number>, start: Int32Array, list: Int32Array, id: string, asOf?: string): Relation[] => {
    const k = at.get(resolve(id));
    if (k === undefined) return [];
    return Array.from(list.subarray(start[k], start[k + 1]), relation).filter((r) => inForce(r, asOf));
  };
  const canonicalAt = (id: string) => partyOf.get(id) ?? partyAt.get(id);
  return {
    party,
    get: (id) => {
      const k = canonicalAt(id);
      return k === undefined ? undefined : party(k);
    },
    canonicalId: (id) => (partyOf.has(id) ? c.partyIds[partyOf.get(id)!] : undefined),
    parties: () => (allParties ??= Array.from({ length: c.parties.length }, (_, i) => party(i))),
    listings: (id, asOf) => {
      const k = listingAt.get(resolve(id));
      return k === undefined ? [] : listingList(k).filter((l) => inForce(l, asOf));
    },
    relationsFrom: (id, asOf) => edges(fromAt, c.fromStart, c.from, id, asOf),
    relationsTo: (id, asOf) => edges(toAt, c.toStart, c.to, id, asOf),
    findByName: (name) => {
      nameAt ??= positions(c.nameKeys);
      const k = nameAt.get(nameKey(name));
      return k === undefined ? [] : Array.from(c.nameParties.subarray(c.nameStart[k], c.nameStart[k + 1]), party);
    },
    evidence: (id) => (evidence ??= new Map((JSON.parse(c.evidence) as EvidenceSource[]).map((s) => [s.id, s]))).get(id),
    members: (id) => {
      const k = canonicalAt(id);
      return k === undefined ? [] : Array.from(c.members.subarray(c.memberStart[k], c.memberStart[k + 1]), entity);
    },
    all: () => (allEntities ??= Array.from({ length: c.all.length }, (_, i) => entity(i))),
  };
}
