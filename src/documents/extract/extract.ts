/**
 * Any supported file → text parts (with page, sheet, member kept). The format is sniffed from the
 * bytes first and the extension second, so a binary named .txt is refused rather than scanned.
 * Archives (ZIP) and e-mail attachments are opened recursively up to the nesting limit.
 */
import { extname } from 'node:path';
import { SightlineError } from '../../errors.ts';
import type { ExtractedDocument, ScanLimits, TextPart } from '../types.ts';
import { checkDepth, decodeBytes, isZip, readZip } from '../../io/index.ts';
import { looksLikeEml, parseEml } from './eml.ts';
import { declaredHtmlCharset, htmlToText, looksLikeHtml } from './html.ts';
import { extractDocx, extractXlsx, officeKind, zipLimits } from './office.ts';
import { extractPdf } from './pdf.ts';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BINARY_MAGIC: [string, Buffer][] = [
  ['PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ['JPEG image', Buffer.from([0xff, 0xd8, 0xff])],
  ['GIF image', Buffer.from('GIF8')],
  ['ELF executable', Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  ['Windows executable', Buffer.from('MZ')],
  ['gzip archive', Buffer.from([0x1f, 0x8b])],
  ['7-Zip archive', Buffer.from([0x37, 0x7a, 0xbc, 0xaf])],
  ['RAR archive', Buffer.from('Rar!')],
];

export async function extractBuffer(buf: Buffer, name: string, limits: ScanLimits, depth = 0): Promise<ExtractedDocument> {
  const ext = extname(name).toLowerCase();
  const doc = (format: string, parts: TextPart[], warnings: string[] = [], pages?: number): ExtractedDocument => ({
    path: name,
    format,
    parts,
    warnings,
    ...(pages ? { pages } : {}),
  });

  if (buf.subarray(0, 1024).includes('%PDF-')) {
    const pdf = await extractPdf(buf, name, limits.ocr);
    return doc('pdf', pdf.parts, pdf.warnings, pdf.pages);
  }
  if (buf.subarray(0, 8).equals(OLE2)) {
    throw new SightlineError('UNKNOWN_FORMAT', 'legacy Office (.doc/.xls) or password-protected Office file; not supported — save as .docx/.xlsx', {
      file: name,
    });
  }
  if (isZip(buf)) {
    // Office containers are ZIPs; tell them apart by their parts, not by the extension.
    const members = await readZip(buf, name, zipLimits(limits));
    const kind = officeKind(members);
    if (kind === 'docx') {
      const d = await extractDocx(buf, limits, name);
      return doc(
        'docx',
        d.parts.map((p) => ({ ...p, paragraphs: true })),
        d.warnings,
      );
    }
    if (kind === 'xlsx') {
      const x = await extractXlsx(buf, limits, name);
      return doc('xlsx', x.parts, x.warnings);
    }
    if (kind === 'pptx') throw new SightlineError('UNKNOWN_FORMAT', 'PowerPoint files are not supported', { file: name });
    return extractArchive(members, name, limits, depth, [], 'zip');
  }
  for (const [what, magic] of BINARY_MAGIC) {
    if (buf.subarray(0, magic.length).equals(magic)) {
      throw new SightlineError('UNSAFE_INPUT', `${what}, not a document${ext ? ` (despite the ${ext} name)` : ''}; not scanned`, { file: name });
    }
  }
  if (ext === '.eml' || (ext !== '.html' && ext !== '.htm' && looksLikeEml(buf))) {
    const mail = parseEml(buf, name);
    const parts: TextPart[] = mail.texts.map((t) => ({ text: t, paragraphs: true }));
    const inner = await extractArchive(mail.attachments, name, limits, depth, mail.warnings, 'eml');
    return doc('eml', [...parts, ...inner.parts], inner.warnings);
  }
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || looksLikeHtml(buf)) {
    const { text } = decodeBytes(buf, name, declaredHtmlCharset(buf));
    return doc('html', [{ text: htmlToText(text, name), paragraphs: true }]);
  }
  const decoded = decodeBytes(buf, name);
  const warnings = decoded.encoding === 'utf8' ? [] : [`decoded as ${decoded.encoding.toUpperCase()}`];
  return doc('text', [{ text: decoded.text, paragraphs: true }], warnings);
}

/** Members of an archive or attachments of an e-mail, each extracted in turn (errors become warnings). */
async function extractArchive(
  members: { name: string; data: Buffer }[],
  name: string,
  limits: ScanLimits,
  depth: number,
  warnings: string[],
  format: string,
): Promise<ExtractedDocument> {
  if (members.length) checkDepth(depth + 1, name, zipLimits(limits));
  const parts: TextPart[] = [];
  const out = [...warnings];
  for (const m of members) {
    try {
      const inner = await extractBuffer(m.data, m.name, limits, depth + 1);
      for (const p of inner.parts) parts.push({ ...p, member: p.member ? `${m.name}/${p.member}` : m.name });
      out.push(...inner.warnings.map((w) => `${m.name}: ${w}`));
    } catch (e) {
      if (e instanceof SightlineError && /nested deeper/.test(e.message)) throw e;
      out.push(`${m.name}: ${e instanceof SightlineError ? e.message.replace(`${m.name}: `, '') : String(e)}`);
    }
  }
  return { path: name, format, parts, warnings: out };
}
