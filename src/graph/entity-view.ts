/**
 * Everything Sightline knows about one party, with the source of each fact: names in all scripts,
 * identifiers, listings, owners, subsidiaries, brands, and its paths to listed parties under the rule
 * sets (the graph walker of paths.ts). Pure: built from a World and the rules.
 */
import type { Entity } from '../model/entity.ts';
import { caption } from '../model/entity.ts';
import type { Listing, Relation, World, EvidenceSource } from './types.ts';
import { GraphWalker, coveredLists, relationLabel, type ListedPath } from './paths.ts';
import { loadRules, type Rule } from './rules.ts';

export interface FactSource {
  /** `list` for an imported list entry, `pack` for a curated fact. */
  kind: 'list' | 'pack';
  source: string;
  file?: string;
  record?: string | number;
  evidence: EvidenceSource[];
}

export interface NameView {
  value: string;
  kind: string;
  script: string;
}
/** A listing as shown: its own fields (see `Listing`), with the sources that state it instead of raw origins. */
export type ListingView = Pick<Listing, 'listCode' | 'list' | 'program' | 'since' | 'end' | 'citation' | 'sourceUrl' | 'goods' | 'region' | 'status'> & {
  sources: FactSource[];
};
export interface LinkView {
  id: string;
  caption: string;
  kind: string;
  percentage?: number;
  start?: string;
  end?: string;
  confidence?: number;
  note?: string;
  source: FactSource;
}

export interface PathStepView {
  id: string;
  caption: string;
  /** To the next step: "subsidiary of", "owned 30% by"; absent on the listed party. */
  relation?: string;
  kind?: string;
  percentage?: number;
  start?: string;
  end?: string;
  confidence?: number;
  source?: FactSource;
}
/** How the party reaches a listed one under a rule set; the last step is the listed party. */
export interface PathView {
  rule: string;
  ruleName: string;
  steps: PathStepView[];
  aggregate?: number;
  confidence: number;
  /** The lists the rule carries over to this party. */
  lists: string[];
  listings: ListingView[];
}

export interface EntityView {
  id: string;
  schema: string;
  caption: string;
  names: NameView[];
  identifiers: { type: string; value: string }[];
  countries: string[];
  addresses: string[];
  listings: ListingView[];
  owners: LinkView[];
  parents: LinkView[];
  subsidiaries: LinkView[];
  brands: LinkView[];
  makers: LinkView[];
  linked: LinkView[];
  /** Paths to listed parties under the rule sets in force on the as-of date (today without one). */
  paths: PathView[];
  /** The list entries and pack records merged into this entity. */
  members: FactSource[];
}

const NAME_KINDS = ['name', 'alias', 'weakAlias', 'previousName', 'abbreviation'];
const ID_TYPES = ['isinCode', 'ticker', 'leiCode', 'uscCode', 'registrationNumber', 'taxNumber', 'imoNumber', 'swiftBic', 'idNumber', 'website'];

export function scriptOf(text: string): string {
  if (/\p{Script=Han}/u.test(text)) return 'Han';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'Cyrillic';
  if (/\p{Script=Arabic}/u.test(text)) return 'Arabic';
  if (/\p{Script=Hangul}/u.test(text)) return 'Hangul';
  if (/\p{Script=Greek}/u.test(text)) return 'Greek';
  if (/\p{Script=Latin}/u.test(text)) return 'Latin';
  return 'Other';
}

export function factSource(entity: Pick<Entity, 'origin'> | { origin?: Entity['origin'] }, world: World): FactSource {
  const o = entity.origin;
  return {
    kind: o?.source === 'pack' ? 'pack' : 'list',
    source: o?.source ?? 'unknown',
    file: o?.file,
    record: o?.record,
    evidence: (o?.evidence ?? []).map((id) => world.evidence(id) ?? { id, title: id }),
  };
}

export function listingView(l: Listing, world: World): ListingView {
  const origins = l.origins?.length ? l.origins : [l.origin];
  return {
    listCode: l.listCode,
    list: l.list,
    program: l.program,
    since: l.since,
    end: l.end,
    citation: l.citation,
    sourceUrl: l.sourceUrl,
    ...(l.goods ? { goods: l.goods } : {}),
    ...(l.region ? { region: l.region } : {}),
    ...(l.status ? { status: l.status } : {}),
    sources: origins.map((origin) => factSource({ origin }, world)),
  };
}

function linkView(r: Relation, otherId: string, world: World): LinkView {
  const other = world.get(otherId);
  return {
    id: otherId,
    caption: other ? caption(other) : otherId,
    kind: r.kind,
    percentage: r.percentage,
    start: r.start,
    end: r.end,
    confidence: r.confidence,
    note: r.note,
    source: factSource(r, world),
  };
}

function pathView(p: ListedPath, world: World): PathView {
  const steps = p.steps.map((s): PathStepView => {
    const e = world.get(s.id);
    const r = s.relation;
    const base = { id: s.id, caption: e ? caption(e) : s.id };
    if (!r) return base;
    const link = { kind: r.kind, percentage: r.percentage, start: r.start, end: r.end, confidence: r.confidence };
    return { ...base, relation: relationLabel(r), ...link, source: factSource(r, world) };
  });
  const listings = p.listings.map((l) => listingView(l, world));
  return { rule: p.rule.id, ruleName: p.rule.name, steps, aggregate: p.aggregate, confidence: p.confidence, lists: coveredLists(p), listings };
}

/** `rules` defaults to data/rules.yml; without `asOf`, facts of every date show, and paths are judged as of today. */
export function entityView(world: World & { members?(id: string): Entity[] }, id: string, asOf?: string, rules: Rule[] = loadRules()): EntityView | undefined {
  const e = world.get(id);
  if (!e) return undefined;
  const names: NameView[] = [];
  for (const kind of NAME_KINDS) for (const value of e.properties[kind] ?? []) names.push({ value, kind, script: scriptOf(value) });
  const identifiers = ID_TYPES.flatMap((type) => (e.properties[type] ?? []).map((value) => ({ type, value })));
  const from = world.relationsFrom(e.id, asOf);
  const to = world.relationsTo(e.id, asOf);
  const structural = new Set(['subsidiary', 'affiliate', 'joint-venture']);
  return {
    id: e.id,
    schema: e.schema,
    caption: caption(e),
    names,
    identifiers,
    countries: e.properties.country ?? [],
    addresses: e.properties.address ?? [],
    listings: world
      .listings(e.id, asOf)
      .map((l) => listingView(l, world))
      .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '')),
    owners: to.filter((r) => r.kind === 'ownership').map((r) => linkView(r, r.from, world)),
    parents: to.filter((r) => structural.has(r.kind)).map((r) => linkView(r, r.from, world)),
    subsidiaries: from.filter((r) => structural.has(r.kind) || r.kind === 'ownership').map((r) => linkView(r, r.to, world)),
    brands: from.filter((r) => r.kind === 'brand' || r.kind === 'oem').map((r) => linkView(r, r.to, world)),
    makers: to.filter((r) => r.kind === 'brand' || r.kind === 'oem').map((r) => linkView(r, r.from, world)),
    linked: [...from, ...to].filter((r) => r.kind === 'linked' || r.kind === 'directorship').map((r) => linkView(r, r.from === e.id ? r.to : r.from, world)),
    // Facts of every date show as history, but a path is a claim about coverage: without an as-of date it is judged
    // as of today, as screening is, so an ended link (Lorex sold by Dahua) draws no path.
    paths: new GraphWalker(world, rules, asOf ?? today()).paths(e.id).map((p) => pathView(p, world)),
    members: (world.members?.(e.id) ?? [e]).map((m) => factSource(m, world)),
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
