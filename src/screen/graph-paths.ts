/**
 * Rule paths as screening reports them: the graph walker's paths to listed parties (src/graph/paths.ts,
 * which applies data/rules.yml) with captions, relation labels, listing references and plain-text sources.
 */
import { caption } from '../model/entity.ts';
import type { Origin } from '../model/entity.ts';
import type { World } from '../graph/types.ts';
import { GraphWalker, relationLabel, type ListedPath, type WalkStep } from '../graph/paths.ts';
import { ruleCovers, type Rule } from '../graph/rules.ts';
import type { ListingRef, PathStep, RulePath } from './types.ts';

/** Plain-text source of a fact: source file and record, then evidence titles. */
export function sourceText(origin: Origin | undefined, world: World): string {
  if (!origin) return 'unknown';
  const base =
    origin.source === 'pack'
      ? `knowledge pack ${origin.file ?? ''}`.trim()
      : `${origin.source}${origin.file ? ` ${origin.file}` : ''}${origin.record !== undefined ? ` #${origin.record}` : ''}`;
  const ev = (origin.evidence ?? []).map((id) => {
    const e = world.evidence(id);
    return e ? `${e.publisher ? `${e.publisher}, ` : ''}${e.title}${e.date ? ` (${e.date})` : ''}` : id;
  });
  return ev.length ? `${base}; ${ev.join('; ')}` : base;
}

export { relationLabel };

export function listingRefs(world: World, id: string, asOf?: string): ListingRef[] {
  return world
    .listings(id, asOf)
    .map((l) => ({
      list: l.listCode,
      listName: l.list,
      program: l.program,
      since: l.since,
      end: l.end,
      citation: l.citation,
      ...(l.goods ? { goods: l.goods } : {}),
      ...(l.region ? { region: l.region } : {}),
      source: sourceText(l.origin, world),
    }))
    .sort((a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999'));
}

/** Screening's view of the graph walker: its paths with captions, relation labels and plain-text sources. */
export class PathFinder {
  private readonly walker: GraphWalker;
  private readonly memo = new Map<string, RulePath[]>();

  constructor(
    private readonly world: World,
    rules: Rule[],
    private readonly asOf?: string,
  ) {
    this.walker = new GraphWalker(world, rules, asOf);
  }

  /** Every rule path from the party, at most a few per rule. */
  paths(id: string): RulePath[] {
    const cached = this.memo.get(id);
    if (cached) return cached;
    const out = this.walker.paths(id).map((p) => rulePath(p, this.world, this.asOf));
    this.memo.set(id, out);
    return out;
  }
}

function stepOf(s: WalkStep, world: World): PathStep {
  const e = world.get(s.id);
  const step: PathStep = { id: s.id, entity: e ? caption(e) : s.id };
  const rel = s.relation;
  if (rel) {
    const link = { kind: rel.kind, percentage: rel.percentage, since: rel.start, until: rel.end };
    Object.assign(step, { relation: relationLabel(rel), ...link, source: sourceText(rel.origin, world) });
    if (rel.confidence !== undefined) step.confidence = rel.confidence;
  }
  return step;
}

export function rulePath(p: ListedPath, world: World, asOf?: string): RulePath {
  const steps = p.steps.map((s) => stepOf(s, world));
  steps[steps.length - 1].listings = listingRefs(world, steps[steps.length - 1].id, asOf);
  return { rule: p.rule.id, ruleName: p.rule.name, steps, aggregate: p.aggregate, confidence: p.confidence, text: pathText(p.rule, steps, p.aggregate) };
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
