/**
 * Maker -> list memberships, and brand -> maker, through the World read model (knowledge pack +
 * imported lists) when one is given, otherwise through the built-in table of data/devices/makers.yml
 * (the five §889 makers) and data/devices/brands.yml. The fallback keeps `sightline identify` useful
 * before any list is imported; the World is authoritative when present.
 */
import type { World, Listing, Relation } from '../graph/types.ts';
import type { Entity } from '../model/entity.ts';
import type { CoverageFinding } from './types.ts';
import { brandInfo, makerInfo } from './rules.ts';

const VERDICT_LISTS = new Set(['NDAA889', 'FCC', 'EL']);
const LIST_NAMES: Record<string, string> = {
  NDAA889: 'NDAA FY2019 §889',
  FCC: 'FCC Covered List',
  EL: 'BIS Entity List',
};
const BRAND_KINDS = new Set(['brand', 'oem', 'subsidiary', 'ownership', 'affiliate', 'joint-venture']);

export interface BrandLink {
  maker: string;
  makerEntityId?: string;
  relation: string;
  confidence: number;
  start?: string;
  end?: string;
  source?: string;
}

/** Finds the covered maker behind a brand: World relations first, then data/devices/brands.yml. */
export function makerOfBrand(brand: string, world?: World): BrandLink | undefined {
  if (world) {
    for (const e of world.findByName(brand)) {
      const link = walkUp(world, e.id, 0);
      if (link) return link;
    }
  }
  const b = brandInfo(brand);
  if (b) return { maker: b.maker, relation: b.relation, confidence: b.confidence, start: b.start, end: b.end, source: b.source };
  return undefined;
}

/** Walks brand/OEM/subsidiary edges upwards (all dates: a unit made in 2020 stays Dahua-made) to a listed party. */
function walkUp(world: World, id: string, depth: number): BrandLink | undefined {
  if (depth > 3) return undefined;
  const rels: Relation[] = world.relationsTo(id).filter((r) => BRAND_KINDS.has(r.kind));
  for (const r of rels) {
    const parent = world.get(r.from);
    if (!parent) continue;
    const listed = world.listings(world.canonicalId(r.from) ?? r.from).some((l) => VERDICT_LISTS.has(l.listCode));
    const link: BrandLink = { maker: makerName(parent), makerEntityId: parent.id, relation: r.kind, confidence: r.confidence ?? 1, start: r.start, end: r.end, source: r.note };
    if (listed) return link;
    const up = walkUp(world, r.from, depth + 1);
    if (up) return { ...up, relation: `${r.kind} of ${up.relation}`, confidence: link.confidence * up.confidence };
  }
  return undefined;
}

function makerName(e: Entity): string {
  const names = [...(e.properties.name ?? []), ...(e.properties.alias ?? [])];
  for (const n of names) {
    const m = makerInfo(n);
    if (m) return m.name;
  }
  for (const m of ['Hikvision', 'Dahua', 'Huawei', 'ZTE', 'Hytera']) if (names.some((n) => n.toLowerCase().includes(m.toLowerCase()))) return m;
  return names[0] ?? e.id;
}

/** The World entity of a maker named by the fingerprints ("Dahua"). */
export function makerEntity(maker: string, world: World): Entity | undefined {
  const info = makerInfo(maker);
  if (info) {
    const byId = world.get(info.packId);
    if (byId) return byId;
    for (const n of [info.legalName, info.name]) {
      const hit = world.findByName(n)[0];
      if (hit) return hit;
    }
    return undefined;
  }
  return world.findByName(maker)[0];
}

/** NDAA §889 / FCC Covered List / Entity List memberships of a maker in force on `asOf`. */
export function coverageOf(maker: string, world?: World, asOf?: string): CoverageFinding[] {
  if (world) {
    const e = makerEntity(maker, world);
    if (!e) return [];
    const id = world.canonicalId(e.id) ?? e.id;
    return dedupeFindings(world.listings(id, asOf).filter((l) => VERDICT_LISTS.has(l.listCode)).map((l) => fromListing(l, e.id)));
  }
  const info = makerInfo(maker);
  if (!info) return [];
  return info.listings
    .filter((l) => !asOf || l.since <= asOf)
    .map((l) => ({ rule: l.rule, listCode: l.rule, list: LIST_NAMES[l.rule], since: l.since, citation: l.citation, makerEntityId: info.packId }));
}

function fromListing(l: Listing, makerEntityId: string): CoverageFinding {
  return { rule: l.listCode as CoverageFinding['rule'], listCode: l.listCode, list: l.list || LIST_NAMES[l.listCode], since: l.since, citation: l.citation, makerEntityId };
}

function dedupeFindings(fs: CoverageFinding[]): CoverageFinding[] {
  const order = ['NDAA889', 'FCC', 'EL'];
  const best = new Map<string, CoverageFinding>();
  for (const f of fs) {
    const prev = best.get(f.rule);
    if (!prev || (f.since && (!prev.since || f.since < prev.since))) best.set(f.rule, f);
  }
  return [...best.values()].sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}

export function scopeNote(maker: string): string | undefined {
  const info = makerInfo(maker);
  return info ? `§889 covers ${info.scope889} produced by ${info.name}` : undefined;
}
