/**
 * XLSX read through one library (exceljs, also used to write reports) behind the ZIP guard: the
 * workbook is inflated once within the limits, its XML parts are refused if they declare a DOCTYPE,
 * and cell references beyond Excel's grid (XFD1048576) are refused before exceljs sizes arrays by them.
 */
import { SightlineError, badInput } from '../errors.ts';
import { INPUT_LIMITS, megabytes } from './limits.ts';
import { refuseDtd } from './xml.ts';
import { DEFAULT_ZIP_LIMITS, isZip, readZip, readZipFile, type ZipLimits, type ZipMember } from './zip.ts';

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based spreadsheet row number. */
  row: number;
  /** Cell values from column A, empty cells as null. */
  cells: CellValue[];
}

export interface Sheet {
  name: string;
  /** Non-empty rows in order. */
  rows: SheetRow[];
}

const MAX_COLUMNS = 16_384; // XFD
const MAX_ROWS = 1_048_576;

/** Checks an Office container's XML parts: no DOCTYPE/entities anywhere. */
export function refuseUnsafeParts(members: ZipMember[], file?: string): void {
  for (const m of members) if (/\.(xml|rels|vml)$/i.test(m.name)) refuseDtd(m.data, file, m.name);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Refuses cell references and dimensions outside Excel's grid, naming the part and the reference. */
function refuseOffGrid(members: ZipMember[], file?: string): void {
  for (const m of members) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(m.name)) continue;
    const xml = m.data.toString('latin1');
    for (const ref of xml.matchAll(/\s(?:r|ref)="\$?([A-Z]{1,12})\$?(\d{1,12})(?::\$?([A-Z]{1,12})\$?(\d{1,12}))?"/g)) {
      const cols = [ref[1], ref[3]].filter(Boolean).map((c) => columnNumber(c!));
      const rows = [ref[2], ref[4]].filter(Boolean).map(Number);
      if (cols.some((c) => c > MAX_COLUMNS) || rows.some((r) => r > MAX_ROWS || r < 1)) {
        throw badInput(`cell reference ${ref[0].trim()} is outside the Excel grid (XFD1048576)`, { file, record: m.name });
      }
    }
  }
}

/** The workbook reader holds all cells at once: cap the sheet XML it parses (INPUT_LIMITS.xlsxXmlBytes). */
function refuseLargeSheets(members: ZipMember[], file?: string): void {
  const sheets = members.filter((m) => /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/i.test(m.name));
  const total = sheets.reduce((n, m) => n + m.data.length, 0);
  if (total <= INPUT_LIMITS.xlsxXmlBytes) return;
  throw new SightlineError(
    'UNSAFE_INPUT',
    `workbook holds ${megabytes(total)} of sheet XML, over the ${megabytes(INPUT_LIMITS.xlsxXmlBytes)} limit (xlsxXmlBytes); save it as CSV, which is read as a stream`,
    { file },
  );
}

/** exceljs cell values → plain values: rich text joined, formulas by their cached result, errors empty. */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result);
    if ('hyperlink' in o && 'text' in o) return plainValue(o.text);
    if ('error' in o) return null;
  }
  return null;
}

/** Text of a plain cell value; dates as YYYY-MM-DD. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * Every sheet of a workbook given as bytes. `members` are the container's parts when the caller has
 * already read them through readZip (so the workbook is not inflated twice).
 */
export async function readXlsxBuffer(buf: Buffer, file?: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, members?: ZipMember[]): Promise<Sheet[]> {
  if (!isZip(buf)) throw new SightlineError('UNSAFE_INPUT', 'not an XLSX workbook (not a ZIP container)', { file });
  members ??= await readZip(buf, file, limits);
  refuseUnsafeParts(members, file);
  if (!members.some((m) => m.name === 'xl/workbook.xml')) {
    const word = members.some((m) => m.name.startsWith('word/'));
    throw badInput(word ? 'a Word document (DOCX), not a table; documents are read by `sightline scan`' : 'not an Excel workbook (no xl/workbook.xml)', {
      file,
    });
  }
  refuseOffGrid(members, file);
  refuseLargeSheets(members, file);
  // loaded on first use: exceljs takes most of a second to import, and most runs read or write no XLSX
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw badInput(`cannot read workbook: ${(err as Error).message}`, { file });
  }
  return wb.worksheets.map((ws) => {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let c = 1; c < values.length; c++) cells.push(plainValue(values[c]));
      if (cells.some((v) => v !== null && v !== '')) rows.push({ row: rowNumber, cells });
    });
    return { name: ws.name, rows };
  });
}

/** Every sheet of a workbook on disk. */
export async function readXlsx(path: string, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Sheet[]> {
  return readXlsxBuffer(await readZipFile(path, file), file, limits);
}
