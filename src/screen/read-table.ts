/**
 * Opens a screened file as a header plus a stream of rows, whatever its format: CSV (any delimiter, any
 * encoding), XLSX (through the ZIP guard), a JSON array of objects, or JSON lines. A file whose content
 * contradicts its extension is refused. Decoding, CSV and XLSX are the shared input layer's (src/io).
 */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SightlineError, badInput } from '../errors.ts';
import { cellText as xlsxCellText, csvRecords, decodeBytes, detectEncoding, isZip, readHead, readText, readXlsx, type CellValue } from '../io/index.ts';
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
const EXTENSIONS: Record<string, TableFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** Format from the extension, checked against the first bytes. */
export function detectFormat(head: Buffer, name: string, forced?: TableFormat): TableFormat {
  const claimed = forced ?? EXTENSIONS[extname(name).toLowerCase()];
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    throw new SightlineError('UNKNOWN_FORMAT', 'legacy .xls (OLE) workbooks are not read; save it as .xlsx or CSV', { file: name });
  if (head[0] === 0x1f && head[1] === 0x8b) throw new SightlineError('UNSAFE_INPUT', 'file is gzip-compressed; decompress it first', { file: name });
  if (claimed === 'xlsx') {
    if (!isZip(head)) throw new SightlineError('UNSAFE_INPUT', 'file claims to be XLSX but is not a zip workbook', { file: name });
    return 'xlsx';
  }
  if (isZip(head)) {
    if (claimed) throw new SightlineError('UNSAFE_INPUT', `file claims to be ${claimed.toUpperCase()} but is a zip archive (XLSX?)`, { file: name });
    return 'xlsx';
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  // Documents and markup are not tables: say what reads them rather than screening their lines as rows.
  if (text.startsWith('%PDF-')) throw new SightlineError('UNKNOWN_FORMAT', 'a PDF document, not a table; `sightline scan` reads documents', { file: name });
  if (claimed) return claimed;
  if (text.startsWith('<'))
    throw new SightlineError(
      'UNKNOWN_FORMAT',
      'XML or HTML, not a table (screen reads CSV, XLSX, JSON); `sightline devices` reads nmap XML, `sightline scan` documents',
      {
        file: name,
      },
    );
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return /^\{.*\}\s*\r?\n\s*\{/s.test(text.slice(0, 4096)) || /\}\s*\r?\n/.test(text) ? 'jsonl' : 'json';
  return 'csv';
}

/** A clear error for a missing path or a directory, instead of a raw ENOENT. */
export async function ensureFile(path: string, name = basename(path)): Promise<void> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SightlineError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`, {
      file: name,
    });
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
  const { encoding } = detectEncoding(head, name);
  if (format === 'json') return openJson(path, name, encoding);
  if (format === 'jsonl') return openJsonl(path, name, encoding);
  return openCsv(path, name, encoding);
}

async function openCsv(path: string, name: string, encoding: string): Promise<Table> {
  const it = csvRecords(readText(path, name), name, { relaxColumnCount: true, relaxQuotes: true })[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw badInput('file has no header row', { file: name });
  const headers = first.value.fields.map((h) => h.trim());
  async function* rows(): AsyncGenerator<InputRow> {
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const { fields, row, line } = r.value;
        const values: Record<string, string> = {};
        headers.forEach((h, i) => {
          values[h] = fields[i] ?? '';
        });
        const extra = fields.length > headers.length && fields.slice(headers.length).some((v) => v.trim() !== '');
        yield { row, line, values, error: extra ? `${fields.length} fields, the header has ${headers.length}` : undefined };
      }
    } finally {
      // a reader that stops early (an error downstream, a row cap) closes the file
      await it.return?.(undefined);
    }
  }
  return { name, format: 'csv', encoding, headers, rows: rows() };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(cellText).filter(Boolean).join('; ');
  if (typeof v === 'object') return '';
  return String(v);
}

async function openXlsx(path: string, name: string): Promise<Table> {
  const [sheet] = await readXlsx(path, name);
  const data = (sheet?.rows ?? []).filter((r) => r.cells.some((c) => xlsxCellText(c).trim() !== ''));
  if (!data.length) throw badInput('workbook has no data', { file: name });
  const headers = data[0]!.cells.map((c) => xlsxCellText(c).trim());
  async function* rows(): AsyncGenerator<InputRow> {
    for (const r of data.slice(1)) {
      const values: Record<string, string> = {};
      headers.forEach((h, j) => {
        values[h] = xlsxCellText(r.cells[j] as CellValue | undefined);
      });
      yield { row: r.row, values };
    }
  }
  return { name, format: 'xlsx', headers, rows: rows() };
}

function objectValues(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) out[k] = cellText(v);
  return out;
}

async function openJson(path: string, name: string, encoding: string): Promise<Table> {
  if ((await stat(path)).size > MAX_JSON_BYTES)
    throw new SightlineError('UNSAFE_INPUT', 'JSON file over 200 MB: use JSON lines for large files', { file: name });
  let doc: unknown;
  try {
    doc = JSON.parse(decodeBytes(await readFile(path), name).text);
  } catch (err) {
    throw badInput(`invalid JSON: ${(err as Error).message}`, { file: name });
  }
  // Accept an array, or an object holding one array of records ({"vendors": [...]}).
  const records = Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? Object.values(doc).find(Array.isArray) : undefined;
  if (!records) throw badInput('JSON must be an array of records (or an object with one)', { file: name });
  const headers: string[] = [];
  for (const r of records.slice(0, 1000))
    if (r && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  async function* rows(): AsyncGenerator<InputRow> {
    for (let i = 0; i < records!.length; i++) {
      const r = records![i];
      if (!r || typeof r !== 'object' || Array.isArray(r)) yield { row: i + 1, values: {}, error: 'record is not an object' };
      else yield { row: i + 1, values: objectValues(r as Record<string, unknown>) };
    }
  }
  return { name, format: 'json', encoding, headers, rows: rows() };
}

async function openJsonl(path: string, name: string, encoding: string): Promise<Table> {
  const lines = createInterface({ input: Readable.from(readText(path, name)), crlfDelay: Infinity })[Symbol.asyncIterator]();
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
  return { name, format: 'jsonl', encoding, headers, rows: rows() };
}
