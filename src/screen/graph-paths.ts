/**
 * Paths from a party to listed parties under the rule sets: aggregate ownership (OFAC 50 %, BIS Affiliates),
 * control (NDAA §889 subsidiaries and affiliates) and brand/OEM labels. Pure over a World and an as-of date;
 * results are memoised per party, since a run asks the same questions for many rows.
 */
import { caption } from '../model/entity.ts';
import type { Origin } from '../model/entity.ts';
import type { Relation, World } from '../graph/types.ts';
import { ruleCovers, type Rule } from './rules.ts';
import type { ListingRef, PathStep, RulePath } from './types.ts';

const MAX_DEPTH = 6;
const MAX_PATHS = 5;
const CONTROL_KINDS = new Set(['subsidiary', 'affiliate', 'joint-venture']);

/** Plain-text source of a fact: source file and record, then evidence titles. */
export function sourceText(origin: Origin | undefined, world: World): string {
  if (!origin) return 'unknown';
  const base = origin.source === 'pack' ? `knowledge pack ${origin.file ?? ''}`.trim() : `${origin.source}${origin.file ? ` ${origin.file}` : ''}${origin.record !== undefined ? ` #${origin.record}` : ''}`;
  const ev = (origin.evidence ?? []).map((id) => {
    const e = world.evidence(id);
    return e ? `${e.publisher ? e.publisher + ', ' : ''}${e.title}${e.date ? ` (${e.date})` : ''}` : id;
  });
  return ev.length ? `${base}; ${ev.join('; ')}` : base;
}

export function listingRefs(world: World, id: string, asOf?: string): ListingRef[] {
  return world.listings(id, asOf)
    .map((l) => ({ list: l.listCode, listName: l.list, program: l.program, since: l.since, end: l.end, citation: l.citation, source: sourceText(l.origin, world) }))
    .sort((a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999'));
}

export function relationLabel(r: Relation): string {
  switch (r.kind) {
    case 'ownership': return r.percentage !== undefined ? `owned ${r.percentage}% by` : 'owned by';
    case 'subsidiary': return 'subsidiary of';
    case 'affiliate': return 'affiliate of';
    case 'joint-venture': return 'joint venture of';
    case 'brand': return 'brand of';
    case 'oem': return 'OEM label of';
    case 'directorship': return 'director of';
    default: return 'linked to';
  }
}

export class PathFinder {
  private memo = new Map<string, RulePath[]>();
  private aggregate = new Map<string, { covered: boolean; total: number; parts: { rel: Relation; owner: string }[] }>();

  constructor(private readonly world: World, private readonly rules: Rule[], private readonly asOf?: string) {}

  /** Every rule path from the party, at most a few per rule. */
  paths(id: string): RulePath[] {
    const cached = this.memo.get(id);
    if (cached) return cached;
    const out: RulePath[] = [];
    for (const rule of this.rules) {
      // A party directly on the rule's lists needs no path.
      if (this.listedFor(rule, id)) continue;
      const found = rule.kind === 'ownership-aggregate' ? this.ownershipPaths(rule, id) : rule.kind === 'control' ? this.controlPaths(rule, id, false) : this.controlPaths(rule, id, true);
      out.push(...found.slice(0, MAX_PATHS));
    }
    this.memo.set(id, out);
    return out;
  }

  private listedFor(rule: Rule, id: string): boolean {
    return this.world.listings(id, this.asOf).some((l) => ruleCovers(rule, l.listCode));
  }

  private step(id: string, rel?: Relation): PathStep {
    const e = this.world.get(id);
    const s: PathStep = { id, entity: e ? caption(e) : id };
    if (rel) {
      Object.assign(s, { relation: relationLabel(rel), kind: rel.kind, percentage: rel.percentage, since: rel.start, until: rel.end, source: sourceText(rel.origin, this.world) });
      if (rel.confidence !== undefined) s.confidence = rel.confidence;
    }
    return s;
  }

  private finish(rule: Rule, steps: PathStep[], aggregate?: number): RulePath {
    const last = steps[steps.length - 1];
    last.listings = listingRefs(this.world, last.id, this.asOf);
    const confidence = Math.min(1, ...steps.map((s) => s.confidence ?? 1));
    return { rule: rule.id, ruleName: rule.name, steps, aggregate, confidence, text: pathText(rule, steps, aggregate) };
  }

  /** Upward edges a control or brand rule may follow from a party: parents, affiliates, majority owners. */
  private controlEdges(rule: Rule, id: string): { rel: Relation; next: string }[] {
    const kinds = new Set((rule.kind === 'control' ? rule.relations : undefined) ?? [...CONTROL_KINDS]);
    const limit = rule.kind === 'control' ? rule.threshold ?? 50 : 50;
    const edges: { rel: Relation; next: string }[] = [];
    for (const r of this.world.relationsTo(id, this.asOf)) {
      if (kinds.has(r.kind) || (r.kind === 'ownership' && (r.percentage ?? 0) >= limit)) edges.push({ rel: r, next: r.from });
    }
    // An affiliate link is symmetric.
    for (const r of this.world.relationsFrom(id, this.asOf)) if (r.kind === 'affiliate' && kinds.has('affiliate')) edges.push({ rel: r, next: r.to });
    return edges;
  }

  /** Breadth-first up the control edges (after one brand/OEM edge for brand rules) to a party on the rule's lists. */
  private controlPaths(rule: Rule, start: string, brandFirst: boolean): RulePath[] {
    type Node = { id: string; trail: { id: string; rel: Relation }[] };
    let frontier: Node[] = [];
    if (brandFirst) {
      const brandKinds = new Set(rule.relations ?? ['brand', 'oem']);
      for (const r of this.world.relationsTo(start, this.asOf)) if (brandKinds.has(r.kind)) frontier.push({ id: r.from, trail: [{ id: start, rel: r }] });
    } else frontier.push({ id: start, trail: [] });
    const out: RulePath[] = [];
    const seen = new Set([start]);
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length && out.length < MAX_PATHS; depth++) {
      const next: Node[] = [];
      for (const node of frontier) {
        if (node.trail.length && this.listedFor(rule, node.id)) {
          out.push(this.finish(rule, [...node.trail.map((t) => this.step(t.id, t.rel)), this.step(node.id)]));
          continue;
        }
        for (const { rel, next: up } of this.controlEdges(rule, node.id)) {
          if (seen.has(up)) continue;
          seen.add(up);
          next.push({ id: up, trail: [...node.trail, { id: node.id, rel }] });
        }
      }
      frontier = next;
    }
    return out;
  }

  /** Aggregate ownership by covered owners (direct listing or covered themselves), summed across owners. */
  private coverage(rule: Rule, id: string, stack: Set<string>): { covered: boolean; total: number; parts: { rel: Relation; owner: string }[] } {
    const key = `${rule.id}|${id}`;
    const memo = this.aggregate.get(key);
    if (memo) return memo;
    if (this.listedFor(rule, id)) return { covered: true, total: 100, parts: [] };
    if (stack.size >= MAX_DEPTH || stack.has(id)) return { covered: false, total: 0, parts: [] };
    stack.add(id);
    const parts: { rel: Relation; owner: string }[] = [];
    let total = 0;
    for (const r of this.world.relationsTo(id, this.asOf)) {
      if (r.kind !== 'ownership' || r.percentage === undefined || r.from === id) continue;
      if (this.coverage(rule, r.from, stack).covered) {
        total += r.percentage;
        parts.push({ rel: r, owner: r.from });
      }
    }
    stack.delete(id);
    const result = { covered: total >= (rule.threshold ?? 50), total: Math.round(total * 100) / 100, parts };
    this.aggregate.set(key, result);
    return result;
  }

  private ownershipPaths(rule: Rule, start: string): RulePath[] {
    const top = this.coverage(rule, start, new Set());
    if (!top.covered) return [];
    const chains = (id: string, depth: number): PathStep[][] => {
      if (this.listedFor(rule, id) || depth > MAX_DEPTH) return [[this.step(id)]];
      const c = this.coverage(rule, id, new Set());
      return c.parts.flatMap((p) => chains(p.owner, depth + 1).map((rest) => [this.step(id, p.rel), ...rest]));
    };
    return chains(start, 0).slice(0, MAX_PATHS).map((steps) => this.finish(rule, steps, top.total));
  }
}

/** "Ezviz → subsidiary of Hikvision → BIS Entity List since 2019-10-09 (also on …)". */
export function pathText(rule: Rule, steps: PathStep[], aggregate?: number): string {
  const parts: string[] = [];
  steps.forEach((s, i) => {
    if (i === 0) parts.push(s.entity);
    const prev = steps[i - 1];
    if (i > 0) parts.push(`${prev.relation} ${s.entity}`);
  });
  const last = steps[steps.length - 1];
  const listings = last.listings ?? [];
  const relevant = listings.filter((l) => ruleCovers(rule, l.list));
  const shown = (relevant.length ? relevant : listings).slice(0, 2);
  const others = listings.filter((l) => !shown.includes(l)).map((l) => l.list);
  const tail = shown.map((l) => `${l.listName}${l.since ? ` since ${l.since}` : ''}`).join('; ');
  const agg = aggregate !== undefined && aggregate < 100 ? ` [aggregate ${aggregate}% ≥ ${rule.threshold ?? 50}%]` : '';
  return `${parts.join(' → ')} → ${tail}${others.length ? ` (also ${[...new Set(others)].join(', ')})` : ''}${agg}`;
}
