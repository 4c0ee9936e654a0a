/**
 * DOCX (mammoth) and XLSX (the shared reader, exceljs) text. The container is opened by the shared
 * ZIP guard first: limits, no path traversal, no DOCTYPE/entities; macros and external references
 * are noted, never run or fetched (mammoth's raw-text mode reads only the document XML).
 */
import { SightlineError } from '../../errors.ts';
import { cellText, readXlsxBuffer, readZip, refuseUnsafeParts, xmlStream, type Sheet, type ZipLimits, type ZipMember } from '../../io/index.ts';
import { INPUT_LIMITS, megabytes } from '../../io/limits.ts';
import type { ScanLimits, TextPart } from '../types.ts';

/** The scanner's limits in the shared ZIP guard's terms. */
export function zipLimits(limits: ScanLimits): ZipLimits {
  return { maxEntries: limits.maxZipEntries, maxTotalBytes: limits.maxZipTotalBytes, maxRatio: limits.maxZipRatio, maxDepth: limits.maxZipDepth };
}

export interface OfficeText {
  parts: TextPart[];
  warnings: string[];
}

export async function openOfficeContainer(buf: Buffer, limits: ScanLimits, file?: string): Promise<{ members: ZipMember[]; warnings: string[] }> {
  const members = await readZip(buf, file, zipLimits(limits));
  refuseUnsafeParts(members, file);
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
  // mammoth holds each part as a DOM, tens of times its size: cap the XML before it is parsed.
  const big = members.find((m) => /^word\/.*\.xml$/i.test(m.name) && m.data.length > INPUT_LIMITS.docxXmlBytes);
  if (big) {
    const size = `${megabytes(big.data.length)} of XML, over the ${megabytes(INPUT_LIMITS.docxXmlBytes)} a Word part may hold (docxXmlBytes limit); refused`;
    throw new SightlineError('UNSAFE_INPUT', size, { file, record: big.name });
  }
  // mammoth's XML parser (xmldom) takes seconds on some damaged parts (found by fuzzing): a linear check refuses them first.
  for (const m of members.filter((p) => /\.(xml|rels)$/i.test(p.name))) {
    const check = xmlStream(file, {}, (detail) => `corrupt DOCX, ${m.name}: ${detail}`);
    check.write(m.data.toString('utf8'));
    check.close();
  }
  // loaded here, not at the top: mammoth costs about 0.3 s of every server start
  const { default: mammoth } = await import('mammoth');
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

/** One part per sheet: cells joined by tabs, rows by newlines; each cell's offsets kept for A1 references. */
export async function extractXlsx(buf: Buffer, limits: ScanLimits, file?: string): Promise<OfficeText> {
  const { members, warnings } = await openOfficeContainer(buf, limits, file);
  if (officeKind(members) !== 'xlsx') throw new SightlineError('BAD_INPUT', 'not an Excel workbook (no xl/workbook.xml)', { file });
  let sheets: Sheet[];
  try {
    sheets = await readXlsxBuffer(buf, file, zipLimits(limits), members);
  } catch (e) {
    if (e instanceof SightlineError) throw e;
    throw new SightlineError('BAD_INPUT', `corrupt XLSX: ${(e as Error).message}`, { file });
  }
  const parts: TextPart[] = sheets.map(({ name, rows }) => {
    let text = '';
    let lastRow = 1;
    const cells: NonNullable<TextPart['cells']> = [];
    for (const { row, cells: values } of rows) {
      // Empty rows in between keep their line, as the sheet shows them.
      text += '\n'.repeat(Math.max(0, row - lastRow));
      lastRow = row;
      values.forEach((v, c) => {
        if (c > 0) text += '\t';
        const s = cellText(v);
        if (s) cells.push({ ref: cellRef(row - 1, c), start: text.length, end: text.length + s.length });
        text += s;
      });
    }
    return { text, sheet: name, cells };
  });
  return { parts, warnings };
}
