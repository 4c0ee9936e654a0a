/**
 * DOCX (mammoth) and XLSX (read-excel-file) text. The container is opened by our own safe ZIP
 * reader first: limits, no path traversal, no DOCTYPE/entities; macros and external references are
 * noted, never run or fetched (mammoth's raw-text mode reads only the document XML).
 */
import mammoth from 'mammoth';
import readExcelFile from 'read-excel-file/node';
import { SightlineError } from '../../errors.ts';
import type { ScanLimits, TextPart } from '../types.ts';
import { assertSafeXml, readZip, type ZipMember } from './safe-zip.ts';

export interface OfficeText {
  parts: TextPart[];
  warnings: string[];
}

export async function openOfficeContainer(buf: Buffer, limits: ScanLimits, file?: string): Promise<{ members: ZipMember[]; warnings: string[] }> {
  const members = await readZip(buf, limits, file);
  assertSafeXml(members, file);
  const warnings: string[] = [];
  if (members.some((m) => /vbaProject\.bin$/i.test(m.name))) warnings.push('macros present; ignored (never run)');
  if (members.some((m) => m.name.endsWith('.rels') && /TargetMode\s*=\s*["']External/i.test(m.data.toString('utf8')))) {
    warnings.push('external references present; not fetched');
  }
  return { members, warnings };
}

export function officeKind(members: ZipMember[]): 'docx' | 'xlsx' | 'pptx' | null {
  const names = new Set(members.map((m) => m.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return null;
}

export async function extractDocx(buf: Buffer, limits: ScanLimits, file?: string): Promise<OfficeText> {
  const { members, warnings } = await openOfficeContainer(buf, limits, file);
  if (officeKind(members) !== 'docx') throw new SightlineError('BAD_INPUT', 'not a Word document (no word/document.xml)', { file });
  try {
    const { value } = await mammoth.extractRawText({ buffer: buf });
    return { parts: [{ text: value }], warnings };
  } catch (e) {
    throw new SightlineError('BAD_INPUT', `corrupt DOCX: ${(e as Error).message}`, { file });
  }
}

function cellRef(row: number, col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** One part per sheet: cells joined by tabs, rows by newlines; each cell's offsets kept for A1 references. */
export async function extractXlsx(buf: Buffer, limits: ScanLimits, file?: string): Promise<OfficeText> {
  const { members, warnings } = await openOfficeContainer(buf, limits, file);
  if (officeKind(members) !== 'xlsx') throw new SightlineError('BAD_INPUT', 'not an Excel workbook (no xl/workbook.xml)', { file });
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readExcelFile(buf)) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw new SightlineError('BAD_INPUT', `corrupt XLSX: ${(e as Error).message}`, { file });
  }
  const parts: TextPart[] = sheets.map(({ sheet, data }) => {
    let text = '';
    const cells: NonNullable<TextPart['cells']> = [];
    data.forEach((row, r) => {
      if (r > 0) text += '\n';
      row.forEach((v, c) => {
        if (c > 0) text += '\t';
        const s = cellText(v);
        if (s) cells.push({ ref: cellRef(r, c), start: text.length, end: text.length + s.length });
        text += s;
      });
    });
    return { text, sheet, cells };
  });
  return { parts, warnings };
}
