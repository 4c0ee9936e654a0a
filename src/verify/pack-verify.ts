/**
 * `pack verify`: the knowledge pack checked against the imported official lists. For every pack listing, the
 * official entry it claims (merged through sameAs, exactly as screening merges it) must exist and agree on name,
 * list, date and citation; for every pack party, an official entry with the same or a near name (the matcher's
 * score) must be merged into the pack or kept apart on purpose (`keptApart`, with the reason). Pure: the pack's
 * parties and the store's entities in, findings out, each with the pack file and line.
 */
import type { Entity } from '../model/entity.ts';
import { createWorld, nameKey, type MergedWorld } from '../graph/world.ts';
import { PACK_PREFIX, packId, type PackListing, type PackParty } from '../pack/index.ts';
import { checkListing, officialDates, type OfficialEntry } from './listing-checks.ts';
import { nearNameFindings } from './near-names.ts';

export type FindingKind = 'sameAs' | 'listing' | 'date' | 'end' | 'citation' | 'editions' | 'name' | 'near-name' | 'kept-apart';

export interface PackFinding {
  /** Pack file, relative to the pack folder (entities/hikvision.yml). */
  file: string;
  line: number;
  party: string;
  kind: FindingKind;
  message: string;
}

export interface PackVerifyReport {
  findings: PackFinding[];
  /** Lists with at least one imported entry: only these are checked. */
  listsChecked: string[];
  /** Pack listings on lists that were not imported (not checked). */
  unchecked: { party: string; list: string }[];
  counts: { parties: number; listings: number; sameAs: number; officialParties: number };
}

export interface VerifyOptions {
  /** Matcher score from which an official name counts as near (default 0.9). */
  threshold?: number;
}

/** The merged world and, per official party, its names and its Sanctions (pack entities left out). */
export interface OfficialIndex {
  world: MergedWorld;
  parties: Entity[];
  sanctionsOf: Map<string, Entity[]>;
  lists: Set<string>;
}

const isPackEntity = (e: Entity): boolean => e.origin?.source === 'pack' || e.id.startsWith(PACK_PREFIX);

export function officialIndex(entities: Entity[]): OfficialIndex {
  const world = createWorld(entities);
  const sanctionsOf = new Map<string, Entity[]>();
  const lists = new Set<string>();
  for (const e of entities) {
    if (e.schema !== 'Sanction' || isPackEntity(e)) continue;
    for (const code of e.properties.programId ?? []) lists.add(code);
    for (const target of e.properties.entity ?? []) sanctionsOf.set(target, [...(sanctionsOf.get(target) ?? []), e]);
  }
  const parties = entities.filter((e) => sanctionsOf.has(e.id) && !isPackEntity(e));
  return { world, parties, sanctionsOf, lists };
}

export function namesOf(e: Entity): string[] {
  return ['name', 'alias', 'previousName', 'weakAlias'].flatMap((p) => e.properties[p] ?? []);
}

/** Official entries merged into a pack party, each with its Sanctions. */
function officialMembers(index: OfficialIndex, party: PackParty): OfficialEntry[] {
  return index.world
    .members(packId(party.id))
    .filter((m) => !isPackEntity(m))
    .map((entity) => ({ entity, sanctions: index.sanctionsOf.get(entity.id) ?? [] }));
}

function onList(members: OfficialEntry[], list: string): OfficialEntry[] {
  return members.filter((m) => m.sanctions.some((s) => s.properties.programId?.includes(list)));
}

function sameAsFindings(party: PackParty, members: OfficialEntry[], index: OfficialIndex): Omit<PackFinding, 'file' | 'party'>[] {
  const out: Omit<PackFinding, 'file' | 'party'>[] = [];
  for (const ref of party.sameAs) {
    if (!ref.list || !ref.name || !index.lists.has(ref.list)) continue;
    const key = nameKey(ref.name);
    if (!onList(members, ref.list).some((m) => namesOf(m.entity).some((n) => nameKey(n) === key)))
      out.push({ line: party.line, kind: 'sameAs', message: `sameAs {list: ${ref.list}, name: "${ref.name}"}: no ${ref.list} entry has this name` });
  }
  return out;
}

/** Official entries on a list carrying this exact name, merged or not. */
function entriesNamed(index: OfficialIndex, list: string, name: string): OfficialEntry[] {
  const key = nameKey(name);
  return index.parties
    .filter((e) => namesOf(e).some((n) => nameKey(n) === key))
    .map((entity) => ({ entity, sanctions: index.sanctionsOf.get(entity.id) ?? [] }))
    .filter((e) => e.sanctions.some((s) => s.properties.programId?.includes(list)));
}

function listingFindings(party: PackParty, listing: PackListing, members: OfficialEntry[], index: OfficialIndex): Omit<PackFinding, 'file' | 'party'>[] {
  if (listing.entry) {
    const carried = entriesNamed(index, listing.list, listing.entry);
    if (!carried.length) return [{ line: listing.line, kind: 'listing', message: `${listing.list}: no entry "${listing.entry}" (the listing's entry)` }];
    const names = new Set(namesOf(carried[0]!.entity).map(nameKey));
    return checkListing(listing, carried, officialDates(carried, listing.list), names).map((f) => ({ line: listing.line, ...f }));
  }
  const entries = onList(members, listing.list);
  const packNames = new Set([...Object.values(party.properties).flat(), ...party.sameAs.map((r) => r.name ?? '')].map(nameKey));
  if (!entries.length) {
    // A listing that ended may be gone from the current list; one in force must be there.
    if (listing.end) return [];
    return [
      {
        line: listing.line,
        kind: 'listing',
        message: `listed on ${listing.list} in the pack, but no ${listing.list} entry is merged with it (add its sameAs)`,
      },
    ];
  }
  const dates = officialDates(entries, listing.list);
  return checkListing(listing, entries, dates, packNames).map((f) => ({ line: listing.line, ...f }));
}

function keptApartFindings(party: PackParty, members: OfficialEntry[], index: OfficialIndex): Omit<PackFinding, 'file' | 'party'>[] {
  const out: Omit<PackFinding, 'file' | 'party'>[] = [];
  for (const k of party.keptApart) {
    if (!index.lists.has(k.list)) continue;
    const key = nameKey(k.name);
    const named = (e: Entity) => namesOf(e).some((n) => nameKey(n) === key);
    if (onList(members, k.list).some((m) => named(m.entity)))
      out.push({ line: party.line, kind: 'kept-apart', message: `keptApart ${k.list} "${k.name}" is also merged into this party (sameAs)` });
    else if (!index.parties.some((e) => named(e) && index.sanctionsOf.get(e.id)?.some((s) => s.properties.programId?.includes(k.list))))
      out.push({ line: party.line, kind: 'kept-apart', message: `keptApart ${k.list} "${k.name}": no such entry on ${k.list} (stale note?)` });
  }
  return out;
}

export function verifyPack(parties: PackParty[], entities: Entity[], options: VerifyOptions = {}): PackVerifyReport {
  const index = officialIndex(entities);
  const findings: PackFinding[] = [];
  const unchecked: { party: string; list: string }[] = [];
  let listings = 0;
  for (const party of parties) {
    const members = officialMembers(index, party);
    const local = [...sameAsFindings(party, members, index), ...keptApartFindings(party, members, index)];
    for (const listing of party.listings) {
      listings++;
      if (!index.lists.has(listing.list)) unchecked.push({ party: party.id, list: listing.list });
      else local.push(...listingFindings(party, listing, members, index));
    }
    findings.push(...local.map((f) => ({ file: party.file, party: party.id, ...f })));
  }
  findings.push(...nearNameFindings(parties, index, options.threshold ?? 0.9));
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    findings,
    listsChecked: [...index.lists].sort(),
    unchecked,
    counts: { parties: parties.length, listings, sameAs: parties.reduce((n, p) => n + p.sameAs.length, 0), officialParties: index.parties.length },
  };
}
