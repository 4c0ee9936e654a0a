/**
 * Screens a whole file: opens it (any supported format and encoding), maps its columns, screens each row,
 * skips and reports rows that cannot be screened, adds holdings exposure and index look-through, and sums up.
 * Rows stream through; only the compact per-row results are kept.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectColumns, looksLikeHoldings, rowFields, type ColumnMap } from './columns.ts';
import { ensureFile, openTable, type Table, type TableFormat } from './read-table.ts';
import { rowProblem, parseAmount } from './validate-row.ts';
import { exposureSummary, fundConstituents, portfolioShares, type IndexFile } from './holdings.ts';
import type { RowScreener } from './row-screener.ts';
import type { LookThrough, RowFields, RowResult, RowVerdict, ScreenKind, ScreenStatus, ScreenSummary, SkippedRow } from './types.ts';

export interface InputInfo {
  name: string;
  sha256: string;
  bytes: number;
  format: TableFormat;
  encoding?: string;
}

export interface ScreenFileOptions {
  kind?: ScreenKind | 'auto';
  map?: ColumnMap;
  format?: TableFormat;
  index?: IndexFile;
  /** Called every few hundred rows with the number of rows read. */
  onProgress?: (rows: number) => void;
  /** The file already read (the server reads uploads in a separate process): screened instead of reading it again. */
  table?: Table;
  /** Screens the rows as a batch (on several threads, thread-pool.ts) instead of one by one with the screener. */
  screenRows?: (kind: ScreenKind) => RowBatch;
}

/** Rows handed over as they are read; their verdicts, in row order, at the end. */
export interface RowBatch {
  add(row: RowFields): void;
  finish(): Promise<RowVerdict[]>;
}

export interface FileScreening {
  kind: ScreenKind;
  input: InputInfo;
  columns: ColumnMap;
  results: RowResult[];
  skipped: SkippedRow[];
  summary: ScreenSummary;
}

const MAX_SKIPPED_LISTED = 1000;
const RANK: Record<ScreenStatus, number> = { hit: 2, review: 1, clear: 0 };

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), bytes: (await stat(path)).size };
}

export async function screenFile(path: string, screener: RowScreener, opts: ScreenFileOptions = {}): Promise<FileScreening> {
  const name = basename(path);
  await ensureFile(path, name);
  const { sha256, bytes } = await sha256File(path);
  const table = opts.table ?? (await openTable(path, { format: opts.format, name }));
  const columns = detectColumns(table.headers, opts.map ?? {}, name);
  if (!columns.name && !columns.isin && !columns.lei && !columns.registration && !columns.ticker) {
    columns.name = table.headers[0];
  }
  const kind: ScreenKind = opts.kind && opts.kind !== 'auto' ? opts.kind : looksLikeHoldings(columns) ? 'holdings' : 'vendors';
  screener.kind = kind;
  const results: RowResult[] = [];
  const skipped: SkippedRow[] = [];
  let skippedCount = 0,
    rows = 0;
  const amounts: (number | undefined)[] = [];
  const batch = opts.screenRows?.(kind);
  for await (const row of table.rows) {
    rows++;
    if (rows % 500 === 0) opts.onProgress?.(rows);
    const input = rowFields(row, columns);
    const problem = row.error ?? (Object.keys(input).length ? rowProblem(input) : 'empty row');
    if (problem) {
      skippedCount++;
      if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ row: row.row, line: row.line, reason: problem });
      continue;
    }
    batch?.add(input);
    const result = (batch ? { row: row.row, line: row.line, input } : { row: row.row, line: row.line, input, ...screener.screen(input) }) as RowResult;
    if (kind === 'holdings') amounts.push(parseAmount(columns.market_value ? input.market_value : input.weight));
    results.push(result);
  }
  if (batch) {
    const verdicts = await batch.finish();
    for (let i = 0; i < results.length; i++) Object.assign(results[i], verdicts[i]);
  }
  opts.onProgress?.(rows);

  let exposure: ReturnType<typeof exposureSummary> | undefined;
  if (kind === 'holdings' && (columns.market_value || columns.weight)) {
    const basis = columns.market_value ? 'market_value' : 'weight';
    const { shares, total } = portfolioShares(amounts, basis);
    results.forEach((r, i) => {
      r.weight = shares[i];
    });
    if (opts.index) for (const r of results) lookThrough(r, opts.index, screener);
    exposure = exposureSummary(results, basis, total);
  } else if (kind === 'holdings' && opts.index) {
    for (const r of results) lookThrough(r, opts.index, screener);
  }
  return {
    kind,
    input: { name, sha256, bytes, format: table.format, encoding: table.encoding },
    columns,
    results,
    skipped,
    summary: summarise(rows, results, skippedCount, exposure),
  };
}

/** Screens the constituents of an index fund the row holds; the row takes the worst constituent status. */
function lookThrough(r: RowResult, index: IndexFile, screener: RowScreener): void {
  const cons = fundConstituents(index, r.input.isin, r.input.name);
  const found: LookThrough[] = [];
  for (const c of cons) {
    const v = screener.screen({ name: c.name, isin: c.isin });
    if (v.status === 'clear' || !v.match) continue;
    found.push({
      fund: c.fund,
      constituent: c.name ?? c.isin ?? '',
      constituentWeight: c.weight,
      exposure: r.weight === undefined ? undefined : Math.round(r.weight * c.weight * 1e8) / 1e8,
      status: v.status,
      match: v.match,
      listings: v.listings,
      lists: v.lists,
    });
  }
  if (!found.length) return;
  r.lookThrough = found;
  for (const f of found) if (RANK[f.status] > RANK[r.status]) r.status = f.status;
}

export function summarise(rows: number, results: RowResult[], skipped: number, exposure?: ScreenSummary['exposure']): ScreenSummary {
  const s: ScreenSummary = { rows, screened: results.length, skipped, hit: 0, review: 0, clear: 0, byList: {} };
  for (const r of results) {
    s[r.status]++;
    if (r.status === 'clear') continue;
    // Lists reached directly or through an index fund's constituents.
    for (const l of new Set([...r.lists, ...(r.lookThrough ?? []).flatMap((t) => t.lists)])) {
      const c = (s.byList[l] ??= { hit: 0, review: 0 });
      c[r.status]++;
    }
  }
  if (exposure) s.exposure = exposure;
  return s;
}
