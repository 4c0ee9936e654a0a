/**
 * Scans one extracted text (a page, sheet or whole document) and turns raw detections into
 * DocumentHits. Long texts are cut into chunks with overlapping margins so memory stays flat and a
 * match across a chunk boundary is found exactly once (a hit belongs to the chunk owning its start).
 */
import { detect, type RawHit } from './detect.ts';
import { normaliseText } from './normalise.ts';
import type { CompiledPatterns } from './patterns.ts';
import type { DocumentHit, TextPart } from './types.ts';

export const CHUNK_CHARS = 1 << 20;
/** Original characters read before and after a chunk: longer than any pattern plus the context window. */
export const CHUNK_MARGIN = 1024;

export interface ScanTextOptions {
  page?: number;
  sheet?: string;
  cells?: TextPart['cells'];
  /** Number paragraphs (blank-line separated) in the hits. */
  paragraphs?: boolean;
  snippetChars?: number;
  chunkChars?: number;
}

export function scanRaw(p: CompiledPatterns, text: string, chunkChars = CHUNK_CHARS): RawHit[] {
  if (text.length <= chunkChars + CHUNK_MARGIN) return detect(p, normaliseText(text), text);
  const out: RawHit[] = [];
  for (let own = 0; own < text.length; own += chunkChars) {
    const from = Math.max(0, own - CHUNK_MARGIN);
    const to = Math.min(text.length, own + chunkChars + CHUNK_MARGIN);
    const piece = text.slice(from, to);
    const ownEnd = Math.min(text.length, own + chunkChars);
    for (const h of detect(p, normaliseText(piece), piece)) {
      const start = h.start + from;
      if (start < own || start >= ownEnd) continue;
      // Hits starting in the margins belong to the neighbouring chunks, which see them whole. Moved in place (a fresh object each).
      h.start = start;
      h.end += from;
      out.push(h);
    }
  }
  return out;
}

export function scanTextPart(p: CompiledPatterns, text: string, opts: ScanTextOptions = {}): DocumentHit[] {
  return scanTextPartCapped(p, text, opts, Number.POSITIVE_INFINITY).hits;
}

/** What a capped scan counted beyond the hits it listed. */
export interface UnlistedHits {
  count: number;
  entities: number;
  capabilities: number;
  high: number;
  /** One built hit per firm and per capability category and severity, so the summary still names them. */
  representatives: DocumentHit[];
}

/**
 * The first `limit` hits of one text built in full (snippet, cell, paragraph); the others are only
 * counted, and one of each kind kept for the summary, so a text dense in findings costs no more
 * than its listed hits.
 */
export function scanTextPartCapped(p: CompiledPatterns, text: string, opts: ScanTextOptions, limit: number): { hits: DocumentHit[]; unlisted: UnlistedHits } {
  const raw = scanRaw(p, text, opts.chunkChars);
  const build = hitBuilder(p, text, opts);
  const unlisted: UnlistedHits = { count: 0, entities: 0, capabilities: 0, high: 0, representatives: [] };
  const seen = new Set<string>();
  for (const h of raw.slice(limit)) {
    unlisted.count++;
    if (h.type === 'entity') unlisted.entities++;
    else unlisted.capabilities++;
    if (h.severity === 'high') unlisted.high++;
    const key = h.row !== null ? `e${h.row}` : `c${h.category}|${h.severity}|${h.notes.filter((n) => n.startsWith('stated accuracy')).join()}`;
    if (!seen.has(key)) seen.add(key), unlisted.representatives.push(build(h));
  }
  return { hits: raw.slice(0, limit).map(build), unlisted };
}

function hitBuilder(p: CompiledPatterns, text: string, opts: ScanTextOptions): (h: RawHit) => DocumentHit {
  const width = opts.snippetChars ?? 30;
  const paragraphStarts = opts.paragraphs ? paragraphIndex(text) : undefined;
  return (h) => {
    const row = h.row === null ? undefined : p.entities[h.row];
    const hit: DocumentHit = {
      type: h.type,
      text: text.slice(h.start, h.end),
      term: h.term,
      category: h.category,
      severity: h.severity,
      gloss: row ? entityGloss(row.caption, row.listings) : h.gloss,
      entity: row ? { id: row.id, caption: row.caption } : null,
      page: opts.page ?? null,
      start: h.start,
      end: h.end,
      snippet: snippet(text, h.start, h.end, width),
    };
    if (row?.listings?.length) hit.listings = row.listings;
    if (opts.sheet !== undefined) hit.sheet = opts.sheet;
    const cell = opts.cells?.[cellAt(opts.cells, h.start)];
    if (cell && cell.start <= h.start && h.end <= cell.end) hit.cell = cell.ref;
    if (paragraphStarts) hit.paragraph = upperBound(paragraphStarts, h.start);
    if (h.notes.length) hit.notes = h.notes;
    if (h.sources) hit.sources = h.sources;
    if (h.clause) hit.clause = h.clause;
    return hit;
  };
}

function entityGloss(caption: string, listings?: { list: string; since?: string }[]): string {
  if (!listings?.length) return caption;
  return `${caption} — ${listings.map((l) => (l.since ? `${l.list} since ${l.since}` : l.list)).join('; ')}`;
}

export function snippet(text: string, start: number, end: number, width: number): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  const from = Math.max(0, start - width);
  const to = Math.min(text.length, end + width);
  return `${from > 0 ? '…' : ''}${clean(text.slice(from, start))}«${clean(text.slice(start, end))}»${clean(text.slice(end, to))}${to < text.length ? '…' : ''}`;
}

/** Start offsets of the paragraphs after the first (a paragraph starts after a blank line). */
function paragraphIndex(text: string): number[] {
  const starts: number[] = [];
  const re = /\n[ \t\r\u3000]*\n\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** Index of the last cell starting at or before `offset` (cells are sorted by start): a lookup per hit, not a scan. */
function cellAt(cells: { start: number }[], offset: number): number {
  let lo = 0,
    hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cells[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** 1 + number of paragraph starts at or before `offset`. */
function upperBound(starts: number[], offset: number): number {
  let lo = 0,
    hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
