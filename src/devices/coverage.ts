/**
 * Brand -> maker and maker -> list memberships, through the one graph walker (src/graph/paths.ts) under the
 * rule sets of data/rules.yml in force on the as-of date: a brand counts only through the relations a rule
 * follows (a subsidiary or brand link does, a 10 % stake does not), and only while the relation is in
 * force. Without a World, a small World built from data/devices/makers.yml and brands.yml stands in, so
 * `sightline identify` works before any list is imported and both cases run the same walker.
 */
import type { World, Listing, Relation } from '../graph/types.ts';
import type { Entity } from '../model/entity.ts';
import { caption } from '../model/entity.ts';
import { createWorld } from '../graph/world.ts';
import { GraphWalker, coveredLists, type ListedPath } from '../graph/paths.ts';
import { loadRules, type Rule } from '../graph/rules.ts';
import type { CoverageFinding } from './types.ts';
import { makerInfo, makerOfEntity, rules as deviceData } from './rules.ts';

/** The lists that make equipment covered or restricted. */
const DEVICE_LISTS = ['NDAA889', 'FCC', 'EL'] as const;
const LIST_NAMES: Record<string, string> = {
  NDAA889: 'NDAA FY2019 §889',
  FCC: 'FCC Covered List',
  EL: 'BIS Entity List',
};

export interface BrandLink {
  maker: string;
  makerEntityId?: string;
  /** Relation kinds from the brand up to the maker: "oem", "brand of subsidiary". */
  relation: string;
  confidence: number;
  /** The window in which every link of the path holds. */
  start?: string;
  end?: string;
  source?: string;
}

export interface CoverageOptions {
  /** Rule sets to apply (default: data/rules.yml); only those in force on `asOf` count. */
  rules?: Rule[];
}

const walkers = new WeakMap<World, WeakMap<Rule[], Map<string, GraphWalker>>>();

/** One walker per world, rule sets and date, so its memo serves every device of a run. */
function walkerFor(world: World, asOf: string | undefined, rules: Rule[] = loadRules()): GraphWalker {
  const byRules = walkers.get(world) ?? walkers.set(world, new WeakMap()).get(world)!;
  const byDate = byRules.get(rules) ?? byRules.set(rules, new Map()).get(rules)!;
  const key = asOf ?? '';
  return byDate.get(key) ?? byDate.set(key, new GraphWalker(world, rules, asOf)).get(key)!;
}

let builtin: World | undefined;

/** data/devices/makers.yml and brands.yml as a World: the makers, their listings and the brand links. */
export function builtinWorld(): World {
  if (builtin) return builtin;
  const origin = (file: string, record: string) => ({ source: 'pack', file: `data/devices/${file}`, record });
  const entities: Entity[] = [];
  const { makers, brands } = deviceData();
  for (const m of makers) {
    const o = origin('makers.yml', m.name);
    entities.push({ id: m.packId, schema: 'Company', properties: { name: [m.legalName], alias: [m.name, ...(m.aliases ?? [])] }, origin: o });
    for (const l of m.listings) {
      const properties = { entity: [m.packId], programId: [l.rule], listingDate: [l.since], summary: [l.citation] };
      entities.push({ id: `${m.packId}-${l.rule}`, schema: 'Sanction', properties, origin: o });
    }
  }
  for (const b of brands) {
    const maker = makerInfo(b.maker);
    if (!maker) continue;
    const id = `brand-${b.brand.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const dates = { ...(b.start ? { startDate: [String(b.start)] } : {}), ...(b.end ? { endDate: [String(b.end)] } : {}) };
    entities.push({ id, schema: 'Company', properties: { name: [b.brand] }, origin: origin('brands.yml', b.brand) });
    const properties = { subject: [maker.packId], object: [id], role: [b.relation], summary: [b.source], ...dates };
    entities.push({ id: `${id}-link`, schema: 'UnknownLink', confidence: b.confidence, origin: origin('brands.yml', b.brand), properties });
  }
  builtin = createWorld(entities);
  return builtin;
}

/** Walker paths from a party that carry one of the device lists, most confident and shortest first. */
function devicePaths(walker: GraphWalker, id: string): ListedPath[] {
  return walker
    .paths(id)
    .filter((p) => coveredLists(p).some((c) => (DEVICE_LISTS as readonly string[]).includes(c)))
    .sort((a, b) => b.confidence - a.confidence || a.steps.length - b.steps.length);
}

/**
 * The covered maker behind a brand on `asOf` (every date when absent): the World's relations first; a brand
 * the World does not know is looked up in data/devices/brands.yml.
 */
export function makerOfBrand(brand: string, world?: World, asOf?: string, opts: CoverageOptions = {}): BrandLink | undefined {
  const w = world ?? builtinWorld();
  const found = w.findByName(brand);
  if (!found.length) return world ? makerOfBrand(brand, undefined, asOf, opts) : undefined;
  const walker = walkerFor(w, asOf, opts.rules);
  for (const e of found) {
    const [path] = devicePaths(walker, e.id);
    if (path) return brandLink(path, w);
  }
  return undefined;
}

/**
 * A brand's link to a covered maker that held at some time but not on `asOf` (ended, or not yet begun):
 * what a note tells the reader, never a reason for a verdict.
 */
export function formerMakerOfBrand(brand: string, world: World | undefined, asOf: string, opts: CoverageOptions = {}): BrandLink | undefined {
  if (makerOfBrand(brand, world, asOf, opts)) return undefined;
  const link = makerOfBrand(brand, world, undefined, opts);
  return link && ((link.end && link.end <= asOf) || (link.start && link.start > asOf)) ? link : undefined;
}

function brandLink(path: ListedPath, world: World): BrandLink {
  const rels = path.steps.map((s) => s.relation).filter((r): r is Relation => Boolean(r));
  const last = path.steps[path.steps.length - 1].id;
  const maker = world.get(last);
  const starts = rels
    .map((r) => r.start)
    .filter((d): d is string => Boolean(d))
    .sort();
  const ends = rels
    .map((r) => r.end)
    .filter((d): d is string => Boolean(d))
    .sort();
  return {
    maker: maker ? (makerOfEntity(maker, world)?.name ?? caption(maker)) : last,
    makerEntityId: maker?.id ?? last,
    relation: rels.map((r) => r.kind).join(' of '),
    confidence: path.confidence,
    start: starts.at(-1),
    end: ends[0],
    source: rels[0]?.note,
  };
}

/** The World entity of a maker named by the fingerprints ("Dahua"): by pack id, then by whole name. */
export function makerEntity(maker: string, world: World): Entity | undefined {
  const info = makerInfo(maker);
  if (!info) return world.findByName(maker)[0];
  const byId = world.get(info.packId);
  if (byId) return byId;
  for (const n of [info.legalName, info.name, ...(info.aliases ?? [])]) {
    const hit = world.findByName(n)[0];
    if (hit) return hit;
  }
  return undefined;
}

/**
 * NDAA §889 / FCC Covered List / Entity List findings for a maker on `asOf`: its own listings, and the lists
 * a rule carries over to it from a party it belongs to (a maker that is a subsidiary of a listed one).
 */
export function coverageOf(maker: string, world?: World, asOf?: string, opts: CoverageOptions = {}): CoverageFinding[] {
  const w = world ?? builtinWorld();
  const e = makerEntity(maker, w);
  // A maker the World does not know is looked up in the built-in table, like a brand (makerOfBrand).
  if (!e) return world ? coverageOf(maker, undefined, asOf, opts) : [];
  const own = w
    .listings(e.id, asOf)
    .filter(isDeviceListing)
    .map((l) => fromListing(l, e.id));
  const carried = devicePaths(walkerFor(w, asOf, opts.rules), e.id).flatMap((p) => {
    const lists = coveredLists(p);
    const top = p.steps[p.steps.length - 1].id;
    return p.listings.filter((l) => isDeviceListing(l) && lists.includes(l.listCode)).map((l) => fromListing(l, top));
  });
  return dedupeFindings([...own, ...carried]);
}

function isDeviceListing(l: Listing): boolean {
  return (DEVICE_LISTS as readonly string[]).includes(l.listCode);
}

function fromListing(l: Listing, makerEntityId: string): CoverageFinding {
  const rule = l.listCode as CoverageFinding['rule'];
  return { rule, listCode: l.listCode, list: l.list || LIST_NAMES[l.listCode], since: l.since, citation: l.citation, makerEntityId };
}

/** One finding per list: the maker's own listing before one carried over, then the earliest. */
function dedupeFindings(fs: CoverageFinding[]): CoverageFinding[] {
  const best = new Map<string, CoverageFinding>();
  for (const f of fs) {
    const prev = best.get(f.rule);
    if (!prev || (prev.makerEntityId === f.makerEntityId && f.since && (!prev.since || f.since < prev.since))) best.set(f.rule, f);
  }
  return [...best.values()].sort((a, b) => DEVICE_LISTS.indexOf(a.rule) - DEVICE_LISTS.indexOf(b.rule));
}

export function scopeNote(maker: string): string | undefined {
  const info = makerInfo(maker);
  return info ? `§889 covers ${info.scope889} produced by ${info.name}` : undefined;
}
