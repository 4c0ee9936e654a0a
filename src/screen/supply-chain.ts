/**
 * The supply-chain part of a screening run (`--supply`, `--tiers FILE`): Xinjiang origin and UFLPA high-priority
 * sectors of each supplier, and — with a tiers file — the suppliers of its suppliers. Tier links become `supplier`
 * relations in the world for this run, and the one graph walker (src/graph/paths.ts) walks them under the supply
 * rule (data/supply/rules.yml): to parties on the UFLPA Entity List or a withhold-release order, and to suppliers
 * whose own address places them in Xinjiang. Every finding deeper than tier 1 is reported on its tier-1 supplier,
 * with the path.
 */
import { readFileSync } from 'node:fs';
import { slug, type Entity } from '../model/entity.ts';
import { createWorld, nameKey, type MergedWorld } from '../graph/world.ts';
import { GraphWalker } from '../graph/paths.ts';
import { parseRules, type Rule } from '../graph/rules.ts';
import { packSources } from '../pack/index.ts';
import { dataPath } from '../paths.ts';
import { uflpaSectors, xinjiangFinding, type OriginFields, type OriginWord, type SectorMatch, type XinjiangFinding } from '../supply/index.ts';
import { rulePath } from './graph-paths.ts';
import type { RowScreener } from './row-screener.ts';
import type { TierLink } from './tiers-file.ts';
import type { PathStep, RowResult } from './types.ts';

/** One exposure of a tier-1 supplier: a listed party or a Xinjiang-placed supplier at some tier. */
export interface SupplyExposure {
  tier: number;
  kind: 'list' | 'origin';
  /** The party at the end of the path. */
  party: string;
  lists: string[];
  region?: string;
  /** For origin exposures: the words that placed the party. */
  words?: OriginWord[];
  steps: PathStep[];
  text: string;
}

export interface SupplierSupply {
  row: number;
  supplier: string;
  product?: string;
  sectors: SectorMatch[];
  origin?: XinjiangFinding;
  /** UFLPA and WRO listings of the supplier itself. */
  lists: string[];
  exposures: SupplyExposure[];
}

export interface SupplySection {
  rule: { id: string; name: string; citation?: string };
  tiersFile?: string;
  links: number;
  suppliers: SupplierSupply[];
  /** Buyers in the tiers file that no tier-1 supplier reaches. */
  unreached: string[];
}

const SUPPLY_LISTS = ['UFLPA', 'WRO'];
let rules: Rule[] | undefined;

export function supplyRules(): Rule[] {
  const path = dataPath('supply', 'rules.yml');
  rules ??= parseRules(readFileSync(path, 'utf8'), 'data/supply/rules.yml');
  return rules;
}

interface Graph {
  world: MergedWorld;
  /** Row number → node id of the tier-1 supplier. */
  tier1: Map<number, string>;
  origins: Map<string, OriginFields>;
  unreached: string[];
}

/** Nodes for every supplier named (a listed party when its name is a hit, else a party of this run) and supplier links. */
function buildGraph(world: MergedWorld, results: RowResult[], tiers: { name: string; links: TierLink[] }, screener: RowScreener): Graph {
  const ids = new Map<string, string>();
  const origins = new Map<string, OriginFields>();
  const added: Entity[] = [];
  const node = (name: string, fields: OriginFields, hitId?: string): string => {
    const key = nameKey(name);
    let id = ids.get(key);
    if (!id) {
      id = hitId ?? `tier-${slug(tiers.name, 30)}-${slug(name)}`;
      if (!hitId) added.push({ id, schema: 'LegalEntity', properties: { name: [name] }, origin: { source: 'user-tiers', file: tiers.name } });
      ids.set(key, id);
    }
    const prev = origins.get(id) ?? {};
    origins.set(id, { name, address: fields.address ?? prev.address, city: fields.city ?? prev.city, country: fields.country ?? prev.country });
    return id;
  };
  const tier1 = new Map<number, string>();
  for (const r of results) if (r.input.name) tier1.set(r.row, node(r.input.name, r.input, r.status === 'hit' ? r.match?.id : undefined));
  for (const l of tiers.links) {
    if (!ids.has(nameKey(l.supplier))) {
      const v = screener.screen({ name: l.supplier, country: l.country, address: l.address });
      node(l.supplier, l, v.status === 'hit' ? v.match?.id : undefined);
    } else node(l.supplier, l);
    const buyer = ids.get(nameKey(l.buyer)) ?? node(l.buyer, {});
    const supplier = ids.get(nameKey(l.supplier))!;
    added.push({
      id: `tier-link-${slug(tiers.name, 30)}-${l.row}`,
      schema: 'UnknownLink',
      properties: {
        subject: [supplier],
        object: [buyer],
        role: ['supplier'],
        summary: [[l.product, l.share !== undefined ? `(${l.share}%)` : ''].filter(Boolean).join(' ')],
      },
      origin: { source: 'user-tiers', file: tiers.name, record: l.row, evidence: l.source ? [l.source] : [] },
    });
  }
  const reached = reachable(tiers.links, new Set([...tier1.values()]), ids);
  const unreached = [...new Set(tiers.links.map((l) => l.buyer))].filter((b) => !reached.has(ids.get(nameKey(b))!));
  return { world: createWorld([...world.all(), ...added], packSources()), tier1, origins, unreached };
}

function reachable(links: TierLink[], start: Set<string>, ids: Map<string, string>): Set<string> {
  const seen = new Set(start);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of links) {
      const [b, s] = [ids.get(nameKey(l.buyer))!, ids.get(nameKey(l.supplier))!];
      if (seen.has(b) && !seen.has(s)) grew = seen.add(s).size > 0;
    }
  }
  return seen;
}

/** Exposures of one tier-1 supplier: listed parties and Xinjiang-placed suppliers below it, with their paths. */
function exposuresOf(start: string, g: Graph, walker: GraphWalker, rule: Rule, asOf: string): SupplyExposure[] {
  const out: SupplyExposure[] = [];
  for (const p of walker.paths(start).filter((x) => x.rule.id === rule.id)) {
    const rp = rulePath(p, g.world, asOf);
    const last = rp.steps.at(-1)!;
    const lists = [...new Set((last.listings ?? []).map((l) => l.list).filter((l) => SUPPLY_LISTS.includes(l)))];
    const region = last.listings?.find((l) => l.region)?.region;
    out.push({ tier: rp.steps.length, kind: 'list', party: last.entity, lists, ...(region ? { region } : {}), steps: rp.steps, text: rp.text });
  }
  const findings = new Map<string, XinjiangFinding | undefined>();
  const originOf = (id: string) => {
    if (!findings.has(id)) findings.set(id, xinjiangFinding(originFields(id, g)));
    return findings.get(id);
  };
  for (const steps of walker.walk(rule, start, (id) => Boolean(originOf(id)))) {
    const rp = rulePath({ rule, steps, confidence: 1, listings: [] }, g.world, asOf);
    const finding = originOf(steps.at(-1)!.id)!;
    // A listed party whose address is in Xinjiang too: one exposure, with its list and its region.
    const listed = out.find((e) => e.kind === 'list' && e.steps.at(-1)!.id === rp.steps.at(-1)!.id);
    if (listed) {
      Object.assign(listed, { region: 'Xinjiang', words: finding.words });
      continue;
    }
    const chain = rp.text.replace(/ → $/, '');
    out.push({
      tier: steps.length,
      kind: 'origin',
      party: rp.steps.at(-1)!.entity,
      lists: [],
      region: 'Xinjiang',
      words: finding.words,
      steps: rp.steps,
      text: `${chain} → ${finding.text}`,
    });
  }
  return out.sort((a, b) => a.tier - b.tier);
}

function originFields(id: string, g: Graph): OriginFields {
  const own = g.origins.get(id) ?? {};
  const e = g.world.get(id);
  return { ...own, address: [own.address, ...(e?.properties.address ?? [])].filter(Boolean).join('; ') || undefined };
}

/** Origin and sectors on every row; with tiers, the exposures below each tier-1 supplier. Rows change status. */
export function supplyChain(
  world: MergedWorld,
  results: RowResult[],
  opts: { asOf: string; screener: RowScreener; tiers?: { name: string; links: TierLink[] } },
): SupplySection {
  const rule = supplyRules()[0]!;
  const g = opts.tiers ? buildGraph(world, results, opts.tiers, opts.screener) : undefined;
  const walker = g ? new GraphWalker(g.world, supplyRules(), opts.asOf) : undefined;
  const suppliers: SupplierSupply[] = [];
  for (const r of results) {
    const origin = xinjiangFinding(r.input);
    const sectors = uflpaSectors(r.input.product, r.input.hs_code);
    const start = g?.tier1.get(r.row);
    const exposures = g && walker && start ? exposuresOf(start, g, walker, rule, opts.asOf) : [];
    if (origin) r.origin = origin;
    if (sectors.length) r.sectors = sectors;
    if (exposures.length) r.supply = exposures;
    escalate(r, origin, exposures);
    const lists = r.listings.map((l) => l.list).filter((l) => SUPPLY_LISTS.includes(l));
    if (origin || exposures.length || lists.length || sectors.length)
      suppliers.push({ row: r.row, supplier: r.input.name ?? '', product: r.input.product, sectors, ...(origin ? { origin } : {}), lists, exposures });
  }
  return {
    rule: { id: rule.id, name: rule.name, citation: rule.citation },
    ...(opts.tiers ? { tiersFile: opts.tiers.name, links: opts.tiers.links.length } : { links: 0 }),
    suppliers,
    unreached: g?.unreached ?? [],
  };
}

/** A listed party below a supplier makes it a hit, as an owner on a list does; a Xinjiang origin makes it a review. */
function escalate(r: RowResult, origin: XinjiangFinding | undefined, exposures: SupplyExposure[]): void {
  const listed = exposures.filter((e) => e.kind === 'list');
  if (listed.length) {
    r.status = 'hit';
    r.lists = [...new Set([...r.lists, ...listed.flatMap((e) => e.lists)])];
  } else if ((origin || exposures.length) && r.status === 'clear') {
    r.status = 'review';
    r.note ??= origin ? `Xinjiang origin: ${origin.text}` : `supplier placed in Xinjiang at tier ${exposures[0]!.tier}`;
  }
}
