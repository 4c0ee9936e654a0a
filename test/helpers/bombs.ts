/**
 * The 1 MB → 1 GiB decompression bombs of the hostile reproducers (../shared/data/hostile: bomb-ratio.xlsx,
 * bomb-lying.xlsx, bomb-ratio.docx, bomb-stream.pdf), built again here instead of kept as 4 MB of binary
 * fixtures: the same structure (a real workbook, document or PDF whose one part or stream is a gibibyte of
 * spaces), the same size. Built without inflating anything: one deflated MiB of spaces, cut at a byte
 * boundary, is repeated 1,024 times; the CRC-32 and Adler-32 of the whole are computed from the MiB's.
 */
import { crc32, constants, deflateRawSync } from 'node:zlib';
import { type ZipInput, writeZip } from './zip-writer.ts';

const MIB = 1 << 20;
const REPEAT = 1024;
const SPACE = 0x20;

// A sync flush ends each piece on a byte boundary, so pieces deflated alone can be concatenated.
const FLUSH = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
let gibibyte: { pieces: Buffer; crc: number } | undefined;

/** A gibibyte of spaces after `head`, as raw deflate, with its length and CRC-32. */
function spacesAfter(head: string): { deflated: Buffer; size: number; crc: number } {
  if (!gibibyte) {
    const block = Buffer.alloc(MIB, SPACE);
    const piece = deflateRawSync(block, FLUSH);
    gibibyte = { pieces: Buffer.concat(Array.from({ length: REPEAT }, () => piece)), crc: repeatedCrc(crc32(block), MIB, REPEAT) };
  }
  const first = deflateRawSync(Buffer.from(head, 'utf8'), FLUSH);
  const last = Buffer.from([0x03, 0x00]); // An empty final block (fixed Huffman).
  const crc = crc32Combine(crc32(Buffer.from(head, 'utf8')), gibibyte.crc, MIB * REPEAT);
  return { deflated: Buffer.concat([first, gibibyte.pieces, last]), size: Buffer.byteLength(head) + MIB * REPEAT, crc };
}

// CRC-32 combination (zlib's crc32_combine): the CRC of A‖B from crc(A), crc(B) and the length of B.
function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec; vec >>>= 1, i++) if (vec & 1) sum ^= mat[i]!;
  return sum >>> 0;
}
function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]!);
}
function crc32Combine(crc1: number, crc2: number, len2: number): number {
  let even = new Uint32Array(32);
  let odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crc1;
  for (let len = len2; len; ) {
    gf2Square(even, odd);
    if (len & 1) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (!len) break;
    [even, odd] = [odd, even];
  }
  return (crc ^ crc2) >>> 0;
}
/** The CRC of `times` (a power of two) copies of a block, by doubling. */
function repeatedCrc(crc: number, len: number, times: number): number {
  let out = crc;
  for (let n = 1, l = len; n < times; n *= 2, l *= 2) out = crc32Combine(out, out, l);
  return out;
}

/** Adler-32 of `head` followed by `n` spaces, in closed form (PDF Flate streams are zlib-wrapped). */
function adler32SpacesAfter(head: Buffer, n: number): number {
  const M = 65521n;
  let a = 1n;
  let b = 0n;
  for (const byte of head) {
    a = (a + BigInt(byte)) % M;
    b = (b + a) % M;
  }
  const N = BigInt(n);
  const c = BigInt(SPACE);
  // After n more bytes c: a' = a + n·c; b' = b + n·a + c·n(n+1)/2.
  const b2 = (b + N * a + (c * N * (N + 1n)) / 2n) % M;
  const a2 = (a + N * c) % M;
  return Number((b2 << 16n) | a2);
}

function zipWithBomb(parts: ZipInput[], bombName: string, head: string, declaredSize?: number): Buffer {
  const { deflated, size, crc } = spacesAfter(head);
  return writeZip([...parts, { name: bombName, data: '', deflated: { body: deflated, crc, size: declaredSize ?? size } }]);
}

const XLSX_PARTS: ZipInput[] = [
  {
    name: '[Content_Types].xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  },
  {
    name: '_rels/.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  },
  {
    name: 'xl/workbook.xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  },
];
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Vendor Name</t></is></c></row>';

const DOCX_PARTS: ZipInput[] = [
  {
    name: '[Content_Types].xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  },
  {
    name: '_rels/.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  },
];
const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hikvision cameras';

/** A one-page PDF whose content stream is zlib-wrapped deflate of a gibibyte of spaces after a text operator. */
function pdfStreamBomb(): Buffer {
  const head = 'BT /F1 12 Tf 72 720 Td (Hikvision cameras) Tj ET\n';
  const { deflated } = spacesAfter(head);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32SpacesAfter(Buffer.from(head), MIB * REPEAT));
  const stream = Buffer.concat([Buffer.from([0x78, 0xda]), deflated, adler]);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const obj =
      body === null
        ? Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
            stream,
            Buffer.from('\nendstream\nendobj\n'),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
    chunks.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/** The four 1 MB bombs, named as the shared reproducers. */
export function gibibyteBombs(): { name: string; data: Buffer }[] {
  return [
    { name: 'bomb-ratio.xlsx', data: zipWithBomb(XLSX_PARTS, 'xl/worksheets/sheet1.xml', SHEET_HEAD) },
    { name: 'bomb-lying.xlsx', data: zipWithBomb(XLSX_PARTS, 'xl/worksheets/sheet1.xml', SHEET_HEAD, 1000) },
    { name: 'bomb-ratio.docx', data: zipWithBomb(DOCX_PARTS, 'word/document.xml', DOCUMENT_HEAD) },
    { name: 'bomb-stream.pdf', data: pdfStreamBomb() },
  ];
}
