/**
 * Spans of normalised text. The words the parts rules look for are common (服务器, 系统, 投标: tens of thousands
 * in a tender), so their spans are packed in typed arrays — no object per occurrence for the garbage
 * collector to copy while the chunk is read. Hits are built with all their fields in one order (spanHit): V8
 * keeps objects of one shape fast, where `{ ...hit, type }` copies fell back to slow, dictionary-like objects.
 */
import type { Severity } from './types.ts';

export interface Span {
  b: number;
  e: number;
}

/** A hit in the normalised text, [b, e), before its offsets in the original are known. */
export interface SpanHit extends Span {
  type: 'entity' | 'capability';
  term: string;
  row: number | null;
  category: string;
  severity: Severity;
  gloss: string;
  notes: string[];
  sources: string[] | undefined;
}

/** A SpanHit with its fields in the one order all are built in. */
export function spanHit(span: Span, f: Omit<SpanHit, 'b' | 'e'>): SpanHit {
  return {
    b: span.b,
    e: span.e,
    type: f.type,
    term: f.term,
    row: f.row,
    category: f.category,
    severity: f.severity,
    gloss: f.gloss,
    notes: f.notes,
    sources: f.sources,
  };
}

/** Spans with a number each (a group or rule index), in the order they were added. */
export class SpanList {
  b: Int32Array;
  e: Int32Array;
  tag: Int32Array;
  length = 0;

  /** `capacity`: room before the first doubling (a chunk of a tender holds tens of thousands of action words). */
  constructor(capacity = 64) {
    this.b = new Int32Array(capacity);
    this.e = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
  }

  push(b: number, e: number, tag: number): void {
    if (this.length === this.b.length) this.grow();
    this.b[this.length] = b;
    this.e[this.length] = e;
    this.tag[this.length] = tag;
    this.length++;
  }

  static of(spans: readonly Span[]): SpanList {
    const list = new SpanList();
    for (const s of spans) list.push(s.b, s.e, 0);
    return list;
  }

  /** Indexes of the spans sorted by start, ties in the order added (a stable sort). */
  byStart(): Int32Array {
    const order = new Int32Array(this.length);
    let sorted = true;
    for (let i = 0; i < this.length; i++) {
      order[i] = i;
      if (i > 0 && this.b[i] < this.b[i - 1]) sorted = false;
    }
    if (!sorted) order.sort((x, y) => this.b[x] - this.b[y] || x - y);
    return order;
  }

  private grow(): void {
    const size = this.b.length * 2;
    for (const key of ['b', 'e', 'tag'] as const) {
      const bigger = new Int32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

/** First index i whose start b[i] >= from, by binary search (spans in the order given). */
export function lowerBound(list: SpanList, from: number): number {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.b[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position i of `order` whose span starts at or after `from` (order sorted by start). */
export function lowerBoundIn(order: Int32Array, starts: Int32Array, from: number): number {
  let lo = 0,
    hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[order[mid]] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
