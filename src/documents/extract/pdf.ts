/**
 * PDF text layer per page (unpdf over pdfjs-dist 5, with its CMaps for Chinese CID fonts). No eval,
 * no font loading from the system or network. A PDF without any text is reported, not passed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { SightlineError } from '../../errors.ts';
import { checkPdfStreams } from '../../io/pdf-guard.ts';
import type { TextPart } from '../types.ts';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfText {
  parts: TextPart[];
  pages: number;
  warnings: string[];
}

export async function extractPdf(buf: Buffer, file?: string): Promise<PdfText> {
  checkPdfStreams(buf, file);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    doc = await getDocumentProxy(new Uint8Array(buf), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
      verbosity: 0,
    });
  } catch (e) {
    const err = e as Error;
    if (err?.name === 'PasswordException') throw new SightlineError('BAD_INPUT', 'encrypted PDF (password required); not scanned', { file });
    throw new SightlineError('BAD_INPUT', `corrupt PDF: ${err?.message ?? String(e)}`, { file });
  }
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    const parts = text.map((t, i) => ({ text: t, page: i + 1 }));
    const warnings: string[] = [];
    const empty = parts.filter((p) => !p.text.trim()).length;
    if (empty === parts.length) warnings.push('no text layer; OCR not performed');
    else if (empty > 0) warnings.push(`${empty} of ${totalPages} pages have no text layer; OCR not performed`);
    return { parts: parts.filter((p) => p.text.trim()), pages: totalPages, warnings };
  } catch (e) {
    throw new SightlineError('BAD_INPUT', `unreadable PDF content: ${(e as Error).message}`, { file });
  } finally {
    await doc.destroy();
  }
}
