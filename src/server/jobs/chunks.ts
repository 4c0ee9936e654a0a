/**
 * A large vendor file in chunks: split after reading (rows keep their file row numbers), each chunk
 * screened on its own by any worker, and the chunks' reports merged back in row order into the one
 * report a single run would have given. Pure: the queue (pg-tasks.ts) stores and schedules the chunks.
 */
import { summarise as summariseScreen, type ScreenReport } from '../../screen/index.ts';
import type { InputRow } from '../../screen/types.ts';
import type { ReadTable } from './parsers.ts';
import type { JobResult } from './types.ts';
import { screenJobResult } from './screen-result.ts';

/** Rows per chunk: large enough that scheduling costs little, small enough that a lost chunk is cheap to redo. */
export const CHUNK_ROWS = 10_000;
/** Rows listed as skipped in a report (as screen-file.ts keeps them). */
const MAX_SKIPPED_LISTED = 1000;

export function splitTable(read: ReadTable, size = CHUNK_ROWS): ReadTable[] {
  if (!(size >= 1)) throw new RangeError(`chunk size must be ≥ 1, got ${size}`);
  const out: ReadTable[] = [];
  for (let i = 0; i < read.rows.length || (i === 0 && !out.length); i += size) {
    const rows: InputRow[] = read.rows.slice(i, i + size);
    out.push({ name: read.name, format: read.format, encoding: read.encoding, headers: read.headers, rows });
    if (!read.rows.length) break;
  }
  return out;
}

export interface WholeFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** The chunks' reports (in chunk order) as one job result; chunks screened against other list versions than the first are named in the notes. */
export function mergeChunkReports(parts: ScreenReport[], file: WholeFile, asOf: string | undefined): JobResult {
  if (!parts.length) throw new RangeError('no chunk to merge');
  const first = parts[0];
  const results = parts.flatMap((p) => p.results).sort((a, b) => a.row - b.row);
  const skipped = parts
    .flatMap((p) => p.skipped)
    .sort((a, b) => a.row - b.row)
    .slice(0, MAX_SKIPPED_LISTED);
  const rows = parts.reduce((n, p) => n + p.summary.rows, 0);
  const skippedCount = parts.reduce((n, p) => n + p.summary.skipped, 0);
  const certificate = { ...first.certificate, input: { ...first.certificate.input, ...file } };
  const merged: ScreenReport = { ...first, certificate, results, skipped, summary: summariseScreen(rows, results, skippedCount) };
  const result = screenJobResult(merged, asOf);
  const firstVersions = sourceVersions(first);
  const other = parts.map((p, i) => ({ i, key: sourceVersions(p) })).filter((p) => p.key !== firstVersions);
  if (other.length)
    result.notes = [
      ...(result.notes ?? []),
      `a list update arrived during this screening: chunk(s) ${other.map((o) => o.i + 1).join(', ')} were screened against versions ${[...new Set(other.map((o) => o.key))].join(' / ')}, the others against ${firstVersions}`,
    ];
  result.extra = { ...result.extra, chunks: parts.length };
  return result;
}

function sourceVersions(report: ScreenReport): string {
  return report.certificate.sources
    .map((s) => s.versionId)
    .sort((a, b) => a - b)
    .join(',');
}
