/**
 * Opens a screened file as a header plus a stream of rows, whatever its format: CSV (any delimiter, any
 * encoding), XLSX (zip-bomb checked first), a JSON array of objects, or JSON lines. A file whose content
 * contradicts its extension is refused.
 */
import { createInterface } from 'node:readline';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse, CsvError } from 'csv-parse';
import { SightlineError, badInput } from '../errors.ts';
import { decodeBuffer, decodedStream, detectEncoding, readHead, type Detected } from './decode.ts';
import { checkZip } from './zip-guard.ts';
import type { InputRow } from './types.ts';

export type TableFormat = 'csv' | 'xlsx' | 'json' | 'jsonl';

export interface Table {
  name: string;
  format: TableFormat;
  encoding?: string;
  headers: string[];
  rows: AsyncIterable<InputRow>;
}

const MAX_JSON_BYTES = 200 * 1024 * 1024;
const EXTENSIONS: Record<string, TableFormat> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx', '.xlsm': 'xlsx', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

function isZip(head: Buffer): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Format from the extension, checked against the first bytes. */
export function detectFormat(head: Buffer, name: string, forced?: TableFormat): TableFormat {
  const claimed = forced ?? EXTENSIONS[extname(name).toLowerCase()];
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new SightlineError('UNKNOWN_FORMAT', 'legacy .xls (OLE) workbooks are not read; save it as .xlsx or CSV', { file: name });
  if (head[0] === 0x1f && head[1] === 0x8b) throw new SightlineError('UNSAFE_INPUT', 'file is gzip-compressed; decompress it first', { file: name });
  if (claimed === 'xlsx') {
    if (!isZip(head)) throw new SightlineError('UNSAFE_INPUT', 'file claims to be XLSX but is not a zip workbook', { file: name });
    return 'xlsx';
  }
  if (isZip(head)) {
    if (claimed) throw new SightlineError('UNSAFE_INPUT', `file claims to be ${claimed.toUpperCase()} but is a zip archive (XLSX?)`, { file: name });
    return 'xlsx';
  }
  if (claimed) return claimed;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return /^\{.*\}\s*\r?\n\s*\{/s.test(text.slice(0, 4096)) || /\}\s*\r?\n/.test(text) ? 'jsonl' : 'json';
  return 'csv';
}

/** A clear error for a missing path or a directory, instead of a raw ENOENT. */
export async function ensureFile(path: string, name = basename(path)): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SightlineError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`, { file: name });
  }
  if (!st.isFile()) throw new SightlineError('USAGE', 'not a file', { file: name });
}

export async function openTable(path: string, opts: { format?: TableFormat; name?: string } = {}): Promise<Table> {
  const name = opts.name ?? basename(path);
  await ensureFile(path, name);
  const head = await readHead(path);
  if (!head.length) throw badInput('file is empty', { file: name });
  const format = detectFormat(head, name, opts.format);
  if (format === 'xlsx') return openXlsx(path, name);
  const detected = detectEncoding(head, name);
  if (format === 'json') return openJson(path, name, detected);
  if (format === 'jsonl') return openJsonl(path, name, detected);
  return openCsv(path, name, detected, decodeBuffer(head.subarray(0, 8192), detected));
}

/** The delimiter that occurs most often outside quotes on the first line. */
export function sniffDelimiter(sample: string): string {
  const line = sample.split(/\r?\n/, 1)[0] ?? '';
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0] : ',';
}

async function openCsv(path: string, name: string, detected: Detected, sample: string): Promise<Table> {
  const parser = decodedStream(path, detected).pipe(parse({ delimiter: sniffDelimiter(sample), info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }));
  const it = (parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>)[Symbol.asyncIterator]();
  let nextLine = 1;
  const pull = async () => {
    try {
      const r = await it.next();
      if (r.done) return undefined;
      const line = nextLine;
      nextLine = r.value.info.lines + 1;
      return { ...r.value, line };
    } catch (err) {
      if (err instanceof CsvError) throw badInput(`malformed CSV: ${err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unterminated quoted field' : err.message}`, { file: name, line: (err as CsvError & { lines?: number }).lines ?? nextLine });
      throw err;
    }
  };
  const first = await pull();
  if (!first) throw badInput('file has no header row', { file: name });
  const headers = first.record.map((h) => h.trim());
  async function* rows(): AsyncGenerator<InputRow> {
    for (let r = await pull(); r; r = await pull()) {
      const values: Record<string, string> = {};
      headers.forEach((h, i) => (values[h] = r!.record[i] ?? ''));
      const extra = r.record.length > headers.length && r.record.slice(headers.length).some((v) => v.trim() !== '');
      yield { row: r.info.records, line: r.line, values, error: extra ? `${r.record.length} fields, the header has ${headers.length}` : undefined };
    }
  }
  return { name, format: 'csv', encoding: detected.encoding, headers, rows: rows() };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(cellText).filter(Boolean).join('; ');
  if (typeof v === 'object') return '';
  return String(v);
}

async function openXlsx(path: string, name: string): Promise<Table> {
  await checkZip(path, name);
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    data = (await readSheet(path)) as unknown[][];
  } catch (err) {
    throw badInput(`cannot read workbook: ${(err as Error).message}`, { file: name });
  }
  const start = data.findIndex((r) => r.some((c) => cellText(c).trim() !== ''));
  if (start < 0) throw badInput('workbook has no data', { file: name });
  const headers = data[start].map((c) => cellText(c).trim());
  async function* rows(): AsyncGenerator<InputRow> {
    for (let i = start + 1; i < data.length; i++) {
      const values: Record<string, string> = {};
      headers.forEach((h, j) => (values[h] = cellText(data[i][j])));
      yield { row: i + 1, values };
    }
  }
  return { name, format: 'xlsx', headers, rows: rows() };
}

function objectValues(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) out[k] = cellText(v);
  return out;
}

async function openJson(path: string, name: string, detected: Detected): Promise<Table> {
  if ((await stat(path)).size > MAX_JSON_BYTES) throw new SightlineError('UNSAFE_INPUT', 'JSON file over 200 MB: use JSON lines for large files', { file: name });
  let doc: unknown;
  try {
    doc = JSON.parse(decodeBuffer(await readFile(path), detected));
  } catch (err) {
    throw badInput(`invalid JSON: ${(err as Error).message}`, { file: name });
  }
  // Accept an array, or an object holding one array of records ({"vendors": [...]}).
  const records = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? Object.values(doc).find(Array.isArray) : undefined;
  if (!records) throw badInput('JSON must be an array of records (or an object with one)', { file: name });
  const headers: string[] = [];
  for (const r of records.slice(0, 1000)) if (r && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  async function* rows(): AsyncGenerator<InputRow> {
    for (let i = 0; i < records!.length; i++) {
      const r = records![i];
      if (!r || typeof r !== 'object' || Array.isArray(r)) yield { row: i + 1, values: {}, error: 'record is not an object' };
      else yield { row: i + 1, values: objectValues(r as Record<string, unknown>) };
    }
  }
  return { name, format: 'json', encoding: detected.encoding, headers, rows: rows() };
}

async function openJsonl(path: string, name: string, detected: Detected): Promise<Table> {
  const lines = createInterface({ input: decodedStream(path, detected), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const parsed: InputRow[] = [];
  let lineNo = 0;
  const next = async (): Promise<InputRow | undefined> => {
    for (;;) {
      const r = await lines.next();
      if (r.done) return undefined;
      lineNo++;
      const text = r.value.trim();
      if (!text) continue;
      try {
        const o = JSON.parse(text);
        if (!o || typeof o !== 'object' || Array.isArray(o)) return { row: lineNo, line: lineNo, values: {}, error: 'line is not a JSON object' };
        return { row: lineNo, line: lineNo, values: objectValues(o) };
      } catch {
        return { row: lineNo, line: lineNo, values: {}, error: 'invalid JSON' };
      }
    }
  };
  // Headers from the first records (buffered, then replayed).
  const headers: string[] = [];
  while (parsed.length < 100) {
    const r = await next();
    if (!r) break;
    parsed.push(r);
    for (const k of Object.keys(r.values)) if (!headers.includes(k)) headers.push(k);
  }
  async function* rows(): AsyncGenerator<InputRow> {
    yield* parsed;
    for (let r = await next(); r; r = await next()) yield r;
  }
  return { name, format: 'jsonl', encoding: detected.encoding, headers, rows: rows() };
}
