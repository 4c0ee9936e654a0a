/**
 * A scanned-looking PDF for OCR tests: pages of Helvetica text, and pages that are only a picture of a
 * sentence (drawn with @napi-rs/canvas in WenQuanYi Zen Hei, embedded as a JPEG: no text layer at all).
 */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';

const ZENHEI = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

/** A white A4-proportioned picture (150 dpi) with the lines drawn in black, as a JPEG. */
export async function sentenceJpeg(lines: string[]): Promise<{ jpeg: Buffer; width: number; height: number }> {
  if (!GlobalFonts.has('WenQuanYi Zen Hei')) GlobalFonts.registerFromPath(ZENHEI, 'WenQuanYi Zen Hei');
  const width = 1240;
  const height = 1754;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = '40px "WenQuanYi Zen Hei"';
  for (const [i, l] of lines.entries()) ctx.fillText(l, 100, 200 + i * 70);
  return { jpeg: await canvas.encode('jpeg', 92), width, height };
}

type Page = { text: string[] } | { image: { jpeg: Buffer; width: number; height: number } };

export function writeScannedPdf(pages: Page[]): Buffer {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    size += buf.length;
  };
  const objects: (Buffer | string)[][] = [];
  objects[3] = ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const pageIds: number[] = [];
  let id = 4;
  for (const p of pages) {
    const pageId = id++;
    const contentId = id++;
    pageIds.push(pageId);
    let resources = '/Font << /F1 3 0 R >>';
    let ops: string;
    if ('text' in p) ops = p.text.map((l, i) => `BT /F1 11 Tf 50 ${780 - i * 16} Td (${l}) Tj ET`).join('\n');
    else {
      const imageId = id++;
      const { jpeg, width, height } = p.image;
      objects[imageId] = [
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
        jpeg,
        '\nendstream',
      ];
      resources = `/XObject << /Im1 ${imageId} 0 R >>`;
      ops = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
    }
    objects[pageId] = [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << ${resources} >> /Contents ${contentId} 0 R >>`];
    objects[contentId] = [`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`];
  }
  objects[1] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  objects[2] = [`<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`];
  push('%PDF-1.4\n');
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = size;
    push(`${i} 0 obj\n`);
    for (const part of objects[i]) push(part);
    push('\nendobj\n');
  }
  const xref = size;
  push(`xref\n0 ${objects.length}\n0000000000 65535 f \n`);
  for (let i = 1; i < objects.length; i++) push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
