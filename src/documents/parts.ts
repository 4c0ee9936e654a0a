/**
 * Capabilities described in parts: an object word (人像, 车辆, 民族, IMSI, "faces") and an action word
 * (比对, 轨迹, 建档, "compare") of one rule of data/documents/capabilities.yml `parts`, within the window and in
 * the same clause or sentence. One hit per clause and category (the closest pair), quoting the clause.
 */
import type { Normalised } from './normalise.ts';
import type { PartsLexicon } from './lexicon.ts';
import { lowerBound, lowerBoundIn, SpanList, spanHit, type SpanHit } from './spans.ts';

export interface PartMatches {
  /** Object words; tag: the group's index in lexicon.parts.objects. */
  objects: SpanList;
  /** Action words; tag: the group's index in lexicon.parts.actions. */
  actions: SpanList;
  /** Benign phrases, one list per rule (by index in lexicon.parts.rules). */
  benign: SpanList[];
}

export function emptyPartMatches(parts: PartsLexicon): PartMatches {
  return { objects: new SpanList(1024), actions: new SpanList(4096), benign: parts.rules.map(() => new SpanList(1024)) };
}

/** Rule indexes by object group × action group (indexes into lexicon.parts), compiled once with the patterns. */
export interface PartPairs {
  actionGroups: number;
  rules: (number[] | undefined)[];
}

export function partPairs(parts: PartsLexicon): PartPairs {
  const objectIndex = new Map(parts.objects.map((g, i) => [g.id, i]));
  const actionIndex = new Map(parts.actions.map((g, i) => [g.id, i]));
  const actionGroups = parts.actions.length;
  const rules: (number[] | undefined)[] = new Array(parts.objects.length * actionGroups).fill(undefined);
  parts.rules.forEach((r, ruleIndex) => {
    for (const o of r.objects) {
      for (const a of r.actions) {
        const key = objectIndex.get(o)! * actionGroups + actionIndex.get(a)!;
        rules[key] = [...(rules[key] ?? []), ruleIndex];
      }
    }
  });
  return { actionGroups, rules };
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

/** Longest clause quoted either side of a hit (characters of the original). */
const CLAUSE_REACH = 160;

/**
 * Clause and sentence ends of one text (a stop character, or "." before whitespace), looked up near the hits
 * only: a pair check reads at most the window, a quote at most CLAUSE_REACH either side — never the whole text.
 */
export class ClauseIndex {
  /** 1 for each stop character's code unit: a table, not a Set, as every character near a pair is read. */
  private readonly stopCodes: Uint8Array;

  constructor(
    private readonly original: string,
    stops: string,
  ) {
    this.stopCodes = stopTable(stops);
  }

  private isEnd(i: number): boolean {
    const c = this.original.charCodeAt(i);
    if (c !== 0x2e) return this.stopCodes[c] === 1;
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
    const s = Math.max(from - CLAUSE_REACH, 0, this.lastEndBefore(from) + 1);
    const eMax = Math.min(this.original.length, to + CLAUSE_REACH);
    let e = Math.min(eMax, this.firstEndFrom(to));
    if (e < this.original.length && this.isEnd(e)) e++;
    return [s, e];
  }

  // Pairs come in text order, many per clause: the nearest ends are carried from one lookup to the next, so a
  // long run of words without a stop is read once, not CLAUSE_REACH characters each way for every pair (a
  // 250 KB file of one repeated object and action took over 2 s).
  private backFrom = -1;
  private backEnd = -1;
  private fwdFrom = -1;
  private fwdEnd = -1;

  /** The last clause end before `from`, exact within CLAUSE_REACH; anything further back is as good as none. */
  private lastEndBefore(from: number): number {
    if (this.backFrom >= 0 && from >= this.backFrom && from - this.backFrom <= CLAUSE_REACH) {
      for (let i = this.backFrom; i < from; i++) if (this.isEnd(i)) this.backEnd = i;
    } else {
      this.backEnd = from - CLAUSE_REACH - 2;
      for (let i = from - 1; i >= Math.max(0, from - CLAUSE_REACH - 1); i--)
        if (this.isEnd(i)) {
          this.backEnd = i;
          break;
        }
    }
    this.backFrom = from;
    return this.backEnd;
  }

  /** The first clause end at or after `to`, exact within CLAUSE_REACH; else a position past the reach. */
  private firstEndFrom(to: number): number {
    // [fwdFrom, fwdEnd) holds no clause end: what was read for an earlier pair is not read again.
    let i = this.fwdFrom >= 0 && to >= this.fwdFrom && to <= this.fwdEnd ? this.fwdEnd : to;
    const limit = Math.min(this.original.length, to + CLAUSE_REACH + 1);
    while (i < limit && !this.isEnd(i)) i++;
    this.fwdFrom = to;
    this.fwdEnd = i;
    return i;
  }

  text(from: number, to: number): string {
    const [s, e] = this.bounds(from, to);
    const cut = s > 0 && !this.isEnd(s - 1);
    return `${cut ? '…' : ''}${this.original.slice(s, e).replace(/\s+/g, ' ').trim()}`;
  }
}

const stopTables = new Map<string, Uint8Array>();

function stopTable(stops: string): Uint8Array {
  let table = stopTables.get(stops);
  if (!table) {
    table = new Uint8Array(65536);
    for (const c of stops) table[c.charCodeAt(0)] = 1;
    stopTables.set(stops, table);
  }
  return table;
}

/** Any span of `spans`, from index `i` on, inside [from, to) of the original (stops at the first starting at or after `to`). */
function anyWithin(spans: SpanList, i: number, orig: Int32Array, from: number, to: number): boolean {
  for (; i < spans.length; i++) {
    const o = orig[spans.b[i]];
    if (o >= to) return false;
    if (o >= from && orig[spans.e[i] - 1] < to) return true;
  }
  return false;
}

/** Any span of `spans` near `b` inside the clause [cs, ce) of the original (a function, not a closure per pair). */
function inClause(spans: SpanList, b: number, orig: Int32Array, cs: number, ce: number): boolean {
  return anyWithin(spans, lowerBound(spans, b - 2 * CLAUSE_REACH), orig, cs, ce);
}

interface Best {
  hit: SpanHit;
  distance: number;
}

export function partHits(parts: PartsLexicon, pairs: PartPairs, m: PartMatches, norm: Normalised, terms: SpanHit[], clauses: () => ClauseIndex): SpanHit[] {
  const { objects, actions } = m;
  if (!objects.length || !actions.length) return [];
  const order = actions.byStart();
  const strongTerms = strongTermsByRule(parts, terms);
  const best = new Map<string, Best>();
  const orig = norm.start;
  for (let oi = 0; oi < objects.length; oi++) {
    const ob = objects.b[oi];
    const oe = objects.e[oi];
    for (let i = lowerBoundIn(order, actions.b, ob - parts.window - 16); i < order.length && actions.b[order[i]] <= oe + parts.window; i++) {
      const ai = order[i];
      const ab = actions.b[ai];
      const ae = actions.e[ai];
      if (ab < oe && ob < ae) continue; // overlapping words are one word, not two parts
      const distance = Math.max(0, ab - oe, ob - ae);
      const rules = distance <= parts.window ? pairs.rules[objects.tag[oi] * pairs.actionGroups + actions.tag[ai]] : undefined;
      if (!rules) continue;
      // The object first, unless the action starts before it (or at the same place).
      const [b, firstEnd, secondStart, e] = ob < ab ? [ob, oe, ab, ae] : [ab, ae, ob, oe];
      const index = clauses();
      if (index.crosses(orig[firstEnd - 1] + 1, orig[secondStart])) continue;
      const [cs, ce] = index.bounds(orig[b], orig[e - 1] + 1);
      for (const ruleIndex of rules) {
        const rule = parts.rules[ruleIndex];
        if (inClause(m.benign[ruleIndex], b, orig, cs, ce)) continue;
        // A textbook term of the category, as strong, already cites this clause.
        if (inClause(strongTerms(ruleIndex), b, orig, cs, ce)) continue;
        const key = `${cs}|${rule.category}`;
        const prev = best.get(key);
        if (prev && prev.distance <= distance) continue;
        const words = [norm.text.slice(ob, oe), norm.text.slice(ab, ae)];
        const groups = [parts.objects[objects.tag[oi]].id, parts.actions[actions.tag[ai]].id];
        best.set(key, {
          distance,
          hit: spanHit(
            { b, e },
            {
              type: 'capability',
              term: words.join(' + '),
              row: null,
              category: rule.category,
              severity: rule.severity,
              gloss: rule.gloss,
              notes: [`described in parts: ${groups[0]} "${words[0]}" + ${groups[1]} "${words[1]}" (rule ${rule.id})`],
              sources: rule.source,
            },
          ),
        });
      }
    }
  }
  return [...best.values()].map((x) => x.hit);
}

/** The term hits of a rule's category at least as strong as the rule, sorted by start; built on first use. */
function strongTermsByRule(parts: PartsLexicon, terms: SpanHit[]): (ruleIndex: number) => SpanList {
  const sorted = [...terms].sort((x, y) => x.b - y.b);
  const byRule = new Map<number, SpanList>();
  return (ruleIndex) => {
    let list = byRule.get(ruleIndex);
    if (!list) {
      const rule = parts.rules[ruleIndex];
      list = SpanList.of(sorted.filter((t) => t.category === rule.category && RANK[t.severity] >= RANK[rule.severity]));
      byRule.set(ruleIndex, list);
    }
    return list;
  };
}
