import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openTable } from './read-table.ts';
import { SightlineError } from '../errors.ts';
import { writeZip, xlsxBomb } from '../../test/helpers/zip-writer.ts';
import type { InputRow } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'sightline-read-'));
const fixture = (name: string) => new URL(`../../test/fixtures/screen/${name}`, import.meta.url).pathname;

async function all(rows: AsyncIterable<InputRow>): Promise<InputRow[]> {
  const out: InputRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

test('a GBK-encoded CSV with Chinese headers and names is decoded as GB18030', async () => {
  const path = join(dir, 'gbk.csv');
  writeFileSync(path, iconv.encode('供应商名称,国家\n杭州海康威视数字技术股份有限公司,中国\n宁波三和文具有限公司,中国\n', 'gbk'));
  const t = await openTable(path);
  assert.equal(t.encoding, 'gb18030');
  assert.deepEqual(t.headers, ['供应商名称', '国家']);
  const rows = await all(t.rows);
  assert.equal(rows[0].values.供应商名称, '杭州海康威视数字技术股份有限公司');
  assert.equal(rows[1].row, 3);
});

test('UTF-16 with a BOM and UTF-8 with a BOM are read, semicolon-delimited too', async () => {
  const u16 = join(dir, 'u16.csv');
  writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name;Country\r\nZhejiang Dahua Technology;CN\r\n', 'utf16le')]));
  const t = await openTable(u16);
  assert.equal(t.encoding, 'utf16le');
  assert.deepEqual((await all(t.rows))[0].values, { Name: 'Zhejiang Dahua Technology', Country: 'CN' });
  const bom = join(dir, 'bom.csv');
  writeFileSync(bom, '\uFEFFName,Country\nÆrø Shipping,DK\n');
  const t2 = await openTable(bom);
  assert.deepEqual(t2.headers, ['Name', 'Country']);
  assert.equal((await all(t2.rows))[0].values.Name, 'Ærø Shipping');
});

test('a binary file named .csv is refused with the file name', async () => {
  const path = join(dir, 'image.csv');
  writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  await assert.rejects(openTable(path), (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /image\.csv/.test(e.message));
});

test('a zip archive named .csv is refused as not what it claims', async () => {
  const path = join(dir, 'fake.csv');
  writeFileSync(path, writeZip([{ name: 'a.txt', data: Buffer.from('hello') }]));
  await assert.rejects(openTable(path), /claims to be CSV but is a zip/);
});

test('an XLSX whose entries expand more than 100× is refused as a zip bomb before parsing', async () => {
  const path = join(dir, 'bomb.xlsx');
  writeFileSync(
    path,
    writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) },
    ]),
  );
  await assert.rejects(openTable(path), (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /zip bomb/.test(e.message));
});

test('a real XLSX workbook is read: header row, values, spreadsheet row numbers', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Vendors');
  ws.addRow(['Supplier Name', 'Country', 'Since']);
  ws.addRow(['Lorex Technology Inc.', 'CA', new Date('2019-01-02')]);
  ws.addRow(['Maple Leaf Printing Co', 'CA', 2015]);
  const path = join(dir, 'vendors.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  const t = await openTable(path);
  assert.equal(t.format, 'xlsx');
  assert.deepEqual(t.headers, ['Supplier Name', 'Country', 'Since']);
  const rows = await all(t.rows);
  assert.deepEqual(
    rows.map((r) => [r.row, r.values['Supplier Name'], r.values.Since]),
    [
      [2, 'Lorex Technology Inc.', '2019-01-02'],
      [3, 'Maple Leaf Printing Co', '2015'],
    ],
  );
});

test('JSON (an object holding an array) and JSON lines are read; a bad record is marked, not fatal', async () => {
  const j = await openTable(fixture('vendors.json'));
  assert.equal(j.format, 'json');
  const jr = await all(j.rows);
  assert.equal(jr.length, 4);
  assert.equal(jr[2].error, 'record is not an object');
  const l = await openTable(fixture('vendors.jsonl'));
  assert.equal(l.format, 'jsonl');
  const lr = await all(l.rows);
  assert.deepEqual(
    lr.map((r) => [r.line, r.error ?? r.values.name]),
    [
      [1, 'Cedar Ridge Landscaping Inc'],
      [2, 'Zhejiang Dahua Technology Co., Ltd.'],
      [3, 'invalid JSON'],
      [4, 'Lorex Technology Inc.'],
    ],
  );
});

test('an unterminated quote is a BAD_INPUT error naming the file and line', async () => {
  const path = join(dir, 'quote.csv');
  writeFileSync(path, 'Name,Country\nGood Co,US\n"Never closed,US\nOther,US\n');
  const t = await openTable(path);
  await assert.rejects(all(t.rows), (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /quote\.csv, line \d/.test(e.message));
});

test('a missing file is NOT_FOUND naming the file', async () => {
  await assert.rejects(
    openTable(join(dir, 'missing.csv')),
    (e: unknown) => e instanceof SightlineError && e.code === 'NOT_FOUND' && /missing\.csv: no such file/.test(e.message),
  );
});

test('a lying XLSX and an off-grid cell reference are refused by the shared XLSX reader', async () => {
  const path = join(dir, 'lying.xlsx');
  writeFileSync(path, xlsxBomb(3, 200));
  await assert.rejects(
    openTable(path),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /lying\.xlsx.*declared size/.test(e.message),
  );
  const colref = new URL('../../test/fixtures/io/colref.xlsx', import.meta.url).pathname;
  await assert.rejects(
    openTable(colref),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /colref\.xlsx.*outside the Excel grid/.test(e.message),
  );
});

test('a vendor file read only in part (the reader stops after some rows) is closed', async () => {
  const { openFilesUnderSettled } = await import('../../test/helpers/open-files.ts');
  const path = join(dir, 'long.csv');
  // larger than one read (256 KB), so the file is still open when the reader stops
  writeFileSync(path, `name,country\n${Array.from({ length: 20_000 }, (_, i) => `Northwind Office Supplies ${i},GB`).join('\n')}\n`);
  for (let k = 0; k < 5; k++) {
    const t = await openTable(path);
    for await (const r of t.rows) if (r.row > 10) break;
  }
  assert.deepEqual(await openFilesUnderSettled(path), []);
});
