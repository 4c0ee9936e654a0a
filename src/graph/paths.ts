/**
 * The one graph walker: paths from a party to listed parties under the rule sets of data/rules.yml, used by
 * screening, device coverage and the entity view. Applies each rule's kind (ownership-aggregate with its
 * threshold and aggregation, control with its relations and threshold, brand with its relations), the
 * rule's effective date and suspensions, and the start/end dates of every listing and relation, all as of
 * one date. Pure over a World; results are memoised per party, since a run asks about many rows.
 */
import type { Listing, Relation, World } from './types.ts';
import { ruleCovers, ruleInForce, type Rule } from './rules.ts';

const MAX_DEPTH = 6;
const MAX_PATHS = 5;
const CONTROL_KINDS = ['subsidiary', 'affiliate', 'joint-venture'];
const BRAND_KINDS = ['brand', 'oem'];
/** Majority ownership counts as control when a rule states no threshold. */
const DEFAULT_THRESHOLD = 50;

/** One party on a path; `relation` links it to the next party (absent on the last, listed one). */
export interface WalkStep {
  id: string;
  relation?: Relation;
}

export interface ListedPath {
  rule: Rule;
  /** From the party asked about to a party on one of the rule's lists. */
  steps: WalkStep[];
  /** Percentage owned by covered parties, summed or single (ownership-aggregate rules). */
  aggregate?: number;
  /** Lowest confidence of a link on the path (1 when all links are certain). */
  confidence: number;
  /** Every listing of the last party in force on the as-of date (the rule's lists and others). */
  listings: Listing[];
}

interface Coverage {
  covered: boolean;
  total: number;
  parts: Relation[];
}

export class GraphWalker {
  /** The rules given that are in force on the as-of date (effective, not suspended). */
  readonly rules: Rule[];
  private readonly memo = new Map<string, ListedPath[]>();
  private readonly aggregates = new Map<string, Coverage>();

  /** Without `asOf`, listings and relations of every date count and rules are judged as of today. */
  constructor(
    private readonly world: World,
    rules: Rule[],
    private readonly asOf?: string,
  ) {
    this.rules = rules.filter((r) => ruleInForce(r, asOf));
  }

  /** Every path from the party, at most a few per rule; none for a rule whose lists the party is on itself. */
  paths(id: string): ListedPath[] {
    const cached = this.memo.get(id);
    if (cached) return cached;
    const out: ListedPath[] = [];
    for (const rule of this.rules) {
      if (this.listedFor(rule, id)) continue;
      const found = rule.kind === 'ownership-aggregate' ? this.ownershipPaths(rule, id) : this.controlPaths(rule, id);
      out.push(...found.slice(0, MAX_PATHS));
    }
    this.memo.set(id, out);
    return out;
  }

  /** On one of the rule's lists on the as-of date. */
  listedFor(rule: Rule, id: string): boolean {
    return this.world.listings(id, this.asOf).some((l) => ruleCovers(rule, l.listCode));
  }

  private finish(rule: Rule, steps: WalkStep[], aggregate?: number): ListedPath {
    const confidence = Math.min(1, ...steps.map((s) => s.relation?.confidence ?? 1));
    return { rule, steps, aggregate, confidence, listings: this.world.listings(steps[steps.length - 1].id, this.asOf) };
  }

  /** Upward edges a control or brand rule follows from a party: its relations kinds, and owners at or above the threshold. */
  private controlEdges(rule: Rule, id: string): { rel: Relation; next: string }[] {
    const kinds = new Set(rule.kind === 'control' && rule.relations ? rule.relations : CONTROL_KINDS);
    const limit = (rule.kind === 'control' ? rule.threshold : undefined) ?? DEFAULT_THRESHOLD;
    const edges: { rel: Relation; next: string }[] = [];
    for (const r of this.world.relationsTo(id, this.asOf)) {
      if (kinds.has(r.kind) || (r.kind === 'ownership' && (r.percentage ?? 0) >= limit)) edges.push({ rel: r, next: r.from });
    }
    // An affiliate link is symmetric.
    for (const r of this.world.relationsFrom(id, this.asOf)) if (r.kind === 'affiliate' && kinds.has('affiliate')) edges.push({ rel: r, next: r.to });
    return edges;
  }

  /** Breadth-first up the control edges (after one brand/OEM edge for brand rules) to a party on the rule's lists. */
  private controlPaths(rule: Rule, start: string): ListedPath[] {
    return this.walk(rule, start, (id) => this.listedFor(rule, id)).map((steps) => this.finish(rule, steps));
  }

  /**
   * Paths along a rule's edges from a party to the nearest parties for which `isTarget` holds, breadth-first:
   * the rule's lists for control and brand rules; for supply tiers, also suppliers placed in a region.
   */
  walk(rule: Rule, start: string, isTarget: (id: string) => boolean): WalkStep[][] {
    type Node = { id: string; trail: WalkStep[] };
    let frontier: Node[] = [];
    if (rule.kind === 'brand') {
      const brandKinds = new Set(rule.relations ?? BRAND_KINDS);
      for (const r of this.world.relationsTo(start, this.asOf)) if (brandKinds.has(r.kind)) frontier.push({ id: r.from, trail: [{ id: start, relation: r }] });
    } else frontier.push({ id: start, trail: [] });
    const out: WalkStep[][] = [];
    const seen = new Set([start]);
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length && out.length < MAX_PATHS; depth++) {
      const next: Node[] = [];
      for (const node of frontier) {
        if (node.trail.length && isTarget(node.id)) {
          out.push([...node.trail, { id: node.id }]);
          continue;
        }
        for (const { rel, next: up } of this.controlEdges(rule, node.id)) {
          if (seen.has(up)) continue;
          seen.add(up);
          next.push({ id: up, trail: [...node.trail, { id: node.id, relation: rel }] });
        }
      }
      frontier = next;
    }
    return out;
  }

  /** Ownership by covered owners (on the lists, or covered themselves), combined by the rule's aggregation. */
  private coverage(rule: Rule, id: string, stack: Set<string>): Coverage {
    const key = `${rule.id}|${id}`;
    const memo = this.aggregates.get(key);
    if (memo) return memo;
    if (this.listedFor(rule, id)) return { covered: true, total: 100, parts: [] };
    if (stack.size >= MAX_DEPTH || stack.has(id)) return { covered: false, total: 0, parts: [] };
    stack.add(id);
    const parts: Relation[] = [];
    let total = 0;
    for (const r of this.world.relationsTo(id, this.asOf)) {
      if (r.kind !== 'ownership' || r.percentage === undefined || r.from === id) continue;
      if (!this.coverage(rule, r.from, stack).covered) continue;
      parts.push(r);
      total = rule.aggregation === 'single' ? Math.max(total, r.percentage) : total + r.percentage;
    }
    stack.delete(id);
    const threshold = rule.threshold ?? DEFAULT_THRESHOLD;
    // With `single`, only owners that reach the threshold alone are part of the answer.
    const shown = rule.aggregation === 'single' ? parts.filter((r) => r.percentage! >= threshold) : parts;
    const result = { covered: total >= threshold, total: Math.round(total * 100) / 100, parts: shown };
    this.aggregates.set(key, result);
    return result;
  }

  private ownershipPaths(rule: Rule, start: string): ListedPath[] {
    const top = this.coverage(rule, start, new Set());
    if (!top.covered) return [];
    const chains = (id: string, depth: number): WalkStep[][] => {
      if (this.listedFor(rule, id) || depth > MAX_DEPTH) return [[{ id }]];
      return this.coverage(rule, id, new Set()).parts.flatMap((rel) => chains(rel.from, depth + 1).map((rest) => [{ id, relation: rel }, ...rest]));
    };
    return chains(start, 0)
      .slice(0, MAX_PATHS)
      .map((steps) => this.finish(rule, steps, top.total));
  }
}

/** How a party relates to the next one on a path: "subsidiary of", "owned 42% by", "OEM label of". */
export function relationLabel(r: Relation): string {
  switch (r.kind) {
    case 'ownership':
      return r.percentage !== undefined ? `owned ${r.percentage}% by` : 'owned by';
    case 'subsidiary':
      return 'subsidiary of';
    case 'affiliate':
      return 'affiliate of';
    case 'joint-venture':
      return 'joint venture of';
    case 'brand':
      return 'brand of';
    case 'oem':
      return 'OEM label of';
    case 'directorship':
      return 'director of';
    case 'supplier':
      return `buys ${r.note ? `${r.note} ` : ''}${r.percentage !== undefined ? `(${r.percentage}% of its supply) ` : ''}from`;
    default:
      return 'linked to';
  }
}

/** Paths from one party under the rules in force on `asOf`; a GraphWalker answers many parties faster. */
export function pathsToListed(world: World, id: string, asOf: string | undefined, rules: Rule[]): ListedPath[] {
  return new GraphWalker(world, rules, asOf).paths(id);
}

/** The list codes a path carries over: the last party's listings that the path's rule covers. */
export function coveredLists(path: ListedPath): string[] {
  return [...new Set(path.listings.filter((l) => ruleCovers(path.rule, l.listCode)).map((l) => l.listCode))];
}
