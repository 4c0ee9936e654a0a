/**
 * The one ZIP writer for tests, examples and benches (local headers + central directory, UTF-8 names):
 * deflated entries, optionally lying about their size for the bomb guards. DOCX/XLSX/PDF build on it
 * in fixture-writers.ts.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** Declared uncompressed size in both headers, instead of the real one (a lying directory). */
  fakeSize?: number;
  /** Already deflated content (a bomb too large to deflate here), written as given; `data` is then ignored. */
  deflated?: { body: Buffer; crc: number; size: number };
}

export function writeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.deflated?.body ?? deflateRawSync(raw);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.fakeSize ?? e.deflated?.size ?? raw.length;
    const crc = e.deflated?.crc ?? crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts that make a ZIP an XLSX workbook, plus `sheet` as its first worksheet's XML. */
export function xlsxParts(sheet: string, fakeSize?: number): ZipInput[] {
  return [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: 'xl/workbook.xml',
      data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, fakeSize },
  ];
}

/** A workbook whose one sheet inflates from ~8 KB to `mb` megabytes of spaces. */
export function xlsxBomb(mb = 8, fakeSize?: number): Buffer {
  return writeZip(xlsxParts(`<worksheet>${' '.repeat(mb * 1024 * 1024)}</worksheet>`, fakeSize));
}
