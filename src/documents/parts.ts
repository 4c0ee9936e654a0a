/**
 * Capabilities described in parts: an object word (人像, 车辆, 民族, IMSI, "faces") and an action word
 * (比对, 轨迹, 建档, "compare") of one rule of data/documents/capabilities.yml `parts`, within the window and in
 * the same clause or sentence. One hit per clause and category (the closest pair), quoting the clause.
 */
import type { Normalised } from './normalise.ts';
import type { PartRule, PartsLexicon } from './lexicon.ts';
import type { RawHit } from './detect.ts';

export interface Span {
  b: number;
  e: number;
}
export interface GroupSpan extends Span {
  group: string;
}

export interface PartMatches {
  objects: GroupSpan[];
  actions: GroupSpan[];
  /** Benign phrases by rule id. */
  benign: Map<string, Span[]>;
}

/** Rules by "object|action" group pair, compiled once with the patterns. */
export function partPairs(parts: PartsLexicon): Map<string, PartRule[]> {
  const pairs = new Map<string, PartRule[]>();
  for (const r of parts.rules) {
    for (const o of r.objects) {
      for (const a of r.actions) {
        const key = `${o}|${a}`;
        pairs.set(key, [...(pairs.get(key) ?? []), r]);
      }
    }
  }
  return pairs;
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

/** Longest clause quoted either side of a hit (characters of the original). */
const CLAUSE_REACH = 160;

/**
 * Clause and sentence ends of one text (a stop character, or "." before whitespace), looked up near the hits
 * only: a pair check reads at most the window, a quote at most CLAUSE_REACH either side — never the whole text.
 */
export class ClauseIndex {
  private readonly stopCodes: Set<number>;

  constructor(
    private readonly original: string,
    stops: string,
  ) {
    this.stopCodes = new Set([...stops].map((c) => c.charCodeAt(0)));
  }

  private isEnd(i: number): boolean {
    const c = this.original.charCodeAt(i);
    if (c !== 0x2e) return this.stopCodes.has(c);
    const n = this.original.charCodeAt(i + 1);
    return n === 0x20 || n === 0x0a || n === 0x0d || n === 0x09 || n === 0xa0 || n === 0x3000;
  }

  /** True when original[from, to) contains a clause end. */
  crosses(from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < to; i++) if (this.isEnd(i)) return true;
    return false;
  }

  /** [start, end) of the clause around original[from, to), at most CLAUSE_REACH beyond it on each side; the end keeps its stop. */
  bounds(from: number, to: number): [number, number] {
    let s = from;
    const sMin = Math.max(0, from - CLAUSE_REACH);
    while (s > sMin && !this.isEnd(s - 1)) s--;
    let e = to;
    const eMax = Math.min(this.original.length, to + CLAUSE_REACH);
    while (e < eMax && !this.isEnd(e)) e++;
    if (e < this.original.length && this.isEnd(e)) e++;
    return [s, e];
  }

  text(from: number, to: number): string {
    const [s, e] = this.bounds(from, to);
    const cut = s > 0 && !this.isEnd(s - 1);
    return `${cut ? '…' : ''}${this.original.slice(s, e).replace(/\s+/g, ' ').trim()}`;
  }
}

/** Any span of `spans` (sorted by b), from index `i` on, inside [from, to) of the original. */
function anyWithin(spans: readonly Span[], i: number, orig: (i: number) => number, from: number, to: number): boolean {
  for (; i < spans.length; i++) {
    const o = orig(spans[i].b);
    if (o >= to) return false;
    if (o >= from && orig(spans[i].e - 1) < to) return true;
  }
  return false;
}

interface Best {
  hit: RawHit & Span;
  distance: number;
}

export function partHits(
  parts: PartsLexicon,
  pairs: Map<string, PartRule[]>,
  m: PartMatches,
  norm: Normalised,
  original: string,
  terms: (RawHit & Span)[],
  clauses: () => ClauseIndex,
): (RawHit & Span)[] {
  if (!m.objects.length || !m.actions.length) return [];
  const actions = [...m.actions].sort((x, y) => x.b - y.b);
  const sortedTerms = [...terms].sort((x, y) => x.b - y.b);
  const strongByRule = new Map<string, Span[]>();
  const strongTerms = (rule: PartRule): Span[] => {
    let list = strongByRule.get(rule.id);
    if (!list) {
      list = sortedTerms.filter((t) => t.category === rule.category && RANK[t.severity] >= RANK[rule.severity]);
      strongByRule.set(rule.id, list);
    }
    return list;
  };
  const best = new Map<string, Best>();
  const orig = (i: number) => norm.start[i];
  for (const o of m.objects) {
    for (let i = lowerBound(actions, o.b - parts.window - 16); i < actions.length && actions[i].b <= o.e + parts.window; i++) {
      const a = actions[i];
      if (a.b < o.e && o.b < a.e) continue; // overlapping words are one word, not two parts
      const distance = Math.max(0, a.b - o.e, o.b - a.e);
      const rules = distance <= parts.window ? pairs.get(`${o.group}|${a.group}`) : undefined;
      if (!rules) continue;
      const [first, second] = o.b < a.b ? [o, a] : [a, o];
      const index = clauses();
      if (index.crosses(orig(first.e - 1) + 1, orig(second.b))) continue;
      const b = first.b;
      const e = second.e;
      const [cs, ce] = index.bounds(orig(b), orig(e - 1) + 1);
      const within = (list: readonly Span[]) => anyWithin(list, lowerBound(list, b - 2 * CLAUSE_REACH), orig, cs, ce);
      for (const rule of rules) {
        if (within(m.benign.get(rule.id) ?? [])) continue;
        // A textbook term of the category, as strong, already cites this clause.
        if (within(strongTerms(rule))) continue;
        const key = `${cs}|${rule.category}`;
        const prev = best.get(key);
        if (prev && prev.distance <= distance) continue;
        const words = [norm.text.slice(o.b, o.e), norm.text.slice(a.b, a.e)];
        best.set(key, {
          distance,
          hit: {
            b,
            e,
            type: 'capability',
            start: 0,
            end: 0,
            term: words.join(' + '),
            row: null,
            category: rule.category,
            severity: rule.severity,
            gloss: rule.gloss,
            notes: [`described in parts: ${o.group} "${words[0]}" + ${a.group} "${words[1]}" (rule ${rule.id})`],
            sources: rule.source,
          },
        });
      }
    }
  }
  return [...best.values()].map((x) => x.hit);
}

/** First index in spans (sorted by b) whose b >= from. */
function lowerBound(spans: readonly Span[], from: number): number {
  let lo = 0,
    hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].b < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
