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

/**
 * pdfjs leaves a promise of its own rejected and unhandled on some damaged files (a FormatError from its
 * lexer, found by fuzzing) after it has answered; under Node's default that would end the process. While
 * a PDF is read, such rejections from pdfjs are kept as a warning instead; any other is rethrown.
 */
async function withPdfjsRejections<T>(read: (strays: string[]) => Promise<T>): Promise<T> {
  const strays: string[] = [];
  const onRejection = (reason: unknown) => {
    const e = reason as Error;
    if (/pdfjs|unpdf/.test(e?.stack ?? '') || /^(FormatError|InvalidPDFException|UnknownErrorException)$/.test(e?.name ?? '')) strays.push(e.message);
    else throw reason;
  };
  process.on('unhandledRejection', onRejection);
  try {
    return await read(strays);
  } finally {
    // Rejections are reported after the microtasks of the turn that made them: wait one turn before leaving.
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onRejection);
  }
}

export async function extractPdf(buf: Buffer, file?: string): Promise<PdfText> {
  checkPdfStreams(buf, file);
  return withPdfjsRejections(async (strays) => {
    const text = await readPdf(buf, file);
    if (strays.length) text.warnings.push(`damaged content skipped (${strays[0]})`);
    return text;
  });
}

async function readPdf(buf: Buffer, file?: string): Promise<PdfText> {
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
