/** The report of one screening run: certificate, summary, and the rows (hits and reviews first). */
import type { Certificate } from '../report/index.ts';
import type { ColumnMap } from './columns.ts';
import type { RowResult, ScreenKind, ScreenSummary, SkippedRow } from './types.ts';

export interface ScreenReport {
  certificate: Certificate;
  kind: ScreenKind;
  columns: ColumnMap;
  summary: ScreenSummary;
  skipped: SkippedRow[];
  /** Every screened row, in file order. */
  results: RowResult[];
  /** Algorithms each row was also scored by (`--also-score`): one more score column each. */
  alsoScore?: string[];
}

export function flagged(report: ScreenReport): RowResult[] {
  return report.results.filter((r) => r.status !== 'clear');
}

/** A share as a percentage: two decimals, but small non-zero shares keep two significant digits (0.0036%, not 0.00%). */
export function pct(x: number | undefined): string {
  if (x === undefined) return '';
  const p = x * 100;
  if (p !== 0 && Math.abs(p) < 0.1) return `${Number(p.toPrecision(2)).toFixed(Math.min(20, 1 - Math.floor(Math.log10(Math.abs(p)))))}%`;
  return `${p.toFixed(2)}%`;
}

/** One line per row for text, CSV and XLSX: the strongest reason first. */
export function reasonText(r: RowResult): string {
  const parts: string[] = [];
  if (r.listings.length)
    parts.push(r.listings.map((l) => `${l.listName}${l.since ? ` since ${l.since}` : ''}${l.citation ? ` (${l.citation})` : ''}`).join('; '));
  for (const p of r.paths) parts.push(`[${p.rule}] ${p.text}`);
  for (const t of r.lookThrough ?? [])
    parts.push(
      `look-through ${t.fund} → ${t.constituent} (${pct(t.constituentWeight)} of fund${t.exposure !== undefined ? `, ${pct(t.exposure)} of portfolio` : ''}): ${t.lists.join(', ')}`,
    );
  if (!parts.length && r.note) parts.push(r.note);
  return parts.join(' | ');
}
