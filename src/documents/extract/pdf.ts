/**
 * PDF text layer per page (unpdf over pdfjs-dist 5, with its CMaps for Chinese CID fonts). No eval,
 * no font loading from the system or network. Pages without a text layer (scans) are read by OCR when
 * Tesseract is installed, and reported "image only, not read" when it is not.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { extractText, getDocumentProxy, renderPageAsImage } from 'unpdf';
import { type OcrSettings, ocrImage, ocrSettingsFromEnv, ocrVersion } from './ocr.ts';
import { SightlineError } from '../../errors.ts';
import { checkPdfObjectDefinitions, checkPdfStreams } from '../../io/pdf-guard.ts';
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

export async function extractPdf(buf: Buffer, file?: string, ocrSettings?: OcrSettings): Promise<PdfText> {
  checkPdfStreams(buf, file);
  checkPdfObjectDefinitions(buf, file);
  return withPdfjsRejections(async (strays) => {
    const text = await readPdf(buf, file, ocrSettings);
    if (strays.length) text.warnings.push(`damaged content skipped (${strays[0]})`);
    return text;
  });
}

type PDFDocumentProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

async function readPdf(buf: Buffer, file?: string, ocrSettings?: OcrSettings): Promise<PdfText> {
  let doc: PDFDocumentProxy;
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
    const parts: TextPart[] = text.map((t, i) => ({ text: t, page: i + 1 }));
    const imageOnly = parts.filter((p) => !p.text.trim()).map((p) => p.page!);
    const warnings: string[] = [];
    if (imageOnly.length) {
      const ocr = await ocrPages(doc, imageOnly, ocrSettings ?? ocrSettingsFromEnv());
      parts.push(...ocr.parts);
      warnings.push(...ocr.warnings);
    }
    const read = parts.filter((p) => p.text.trim()).sort((a, b) => a.page! - b.page!);
    return { parts: read, pages: totalPages, warnings };
  } catch (e) {
    throw new SightlineError('BAD_INPUT', `unreadable PDF content: ${(e as Error).message}`, { file });
  } finally {
    await doc.destroy();
  }
}

/** "pages 2, 5" / "page 3" */
function pageList(pages: number[]): string {
  return `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')}`;
}

/**
 * Image-only pages read by Tesseract (rendered with pdf.js on @napi-rs/canvas). A page that cannot be read is
 * reported "image only, not read" with the reason — never skipped in silence.
 */
async function ocrPages(doc: PDFDocumentProxy, pages: number[], s: OcrSettings): Promise<{ parts: TextPart[]; warnings: string[] }> {
  const unread = (list: number[], why: string) => ({ parts: [], warnings: [`${pageList(list)}: image only, not read (${why})`] });
  if (!s.binary) return unread(pages, 'OCR turned off: SIGHTLINE_TESSERACT=off');
  const version = await ocrVersion(s.binary);
  if (!version) return unread(pages, `OCR unavailable: ${s.binary} not found; install tesseract-ocr with tesseract-ocr-chi-sim and tesseract-ocr-chi-tra`);
  const parts: TextPart[] = [];
  const failed: string[] = [];
  const read: number[] = [];
  for (const page of pages.slice(0, s.maxPages)) {
    try {
      const png = await renderPage(doc, page, s.maxSidePx);
      const text = await ocrImage(png, { ...s, binary: s.binary });
      if (text.trim()) parts.push({ text, page, ocr: true });
      read.push(page);
    } catch (e) {
      failed.push(`page ${page}: image only, not read (${(e as Error).message})`);
    }
  }
  const warnings = [...failed];
  if (read.length) warnings.unshift(`${pageList(read)}: no text layer, read by OCR (${version}, ${s.languages})`);
  if (pages.length > s.maxPages) warnings.push(unread(pages.slice(s.maxPages), `over the ${s.maxPages}-page OCR limit (SIGHTLINE_OCR_MAX_PAGES)`).warnings[0]);
  return { parts, warnings };
}

/** One page as PNG, its longest side at most maxSidePx (about 300 dpi on A4) so memory stays bounded. */
async function renderPage(doc: PDFDocumentProxy, page: number, maxSidePx: number): Promise<Uint8Array> {
  const viewport = (await doc.getPage(page)).getViewport({ scale: 1 });
  const scale = Math.min(4, maxSidePx / Math.max(viewport.width, viewport.height));
  try {
    return new Uint8Array(await renderPageAsImage(doc, page, { canvasImport: () => import('@napi-rs/canvas'), scale }));
  } catch (e) {
    throw new Error(`page not rendered: ${(e as Error).message}`);
  }
}
