import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SightlineError } from '../errors.ts';
import { writeZip, xlsxBomb, xlsxParts } from '../../test/helpers/zip-writer.ts';
import { cellText, readXlsx, readXlsxBuffer } from './xlsx.ts';

const fixture = (name: string) => new URL(`../../test/fixtures/io/${name}`, import.meta.url).pathname;
const failsWith = (code: string, pattern: RegExp) => (e: unknown) => e instanceof SightlineError && e.code === code && pattern.test(e.message);

test('a workbook is read through exceljs: row numbers, rich text, formulas, dates', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Vendors');
  ws.addRow(['Supplier Name', 'Since', 'Total']);
  ws.addRow([{ richText: [{ text: 'Lorex ' }, { text: 'Technology', font: { bold: true } }] }, new Date('2019-01-02'), { formula: '1+1', result: 2 }]);
  ws.addRow([]);
  ws.addRow(['Maple Leaf Printing Co', 2015, null]);
  const [sheet] = await readXlsxBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx');
  assert.equal(sheet!.name, 'Vendors');
  assert.deepEqual(
    sheet!.rows.map((r) => [r.row, ...r.cells.map(cellText)]),
    [
      [1, 'Supplier Name', 'Since', 'Total'],
      [2, 'Lorex Technology', '2019-01-02', '2'],
      [4, 'Maple Leaf Printing Co', '2015'],
    ],
  );
});

test('an XLSX zip bomb and a lying XLSX are refused before exceljs sees them', async () => {
  await assert.rejects(
    readXlsxBuffer(xlsxBomb(8), 'bomb.xlsx'),
    failsWith('UNSAFE_INPUT', /bomb\.xlsx, record xl\/worksheets\/sheet1\.xml: compression ratio .*zip bomb/),
  );
  await assert.rejects(readXlsxBuffer(xlsxBomb(3, 200), 'lying.xlsx'), failsWith('UNSAFE_INPUT', /lying\.xlsx.*inflates past its declared size/));
});

test('DOCTYPE/entities in any workbook part are refused, naming the part', async () => {
  const evil = writeZip(xlsxParts('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><worksheet>&b;</worksheet>'));
  await assert.rejects(
    readXlsxBuffer(evil, 'evil.xlsx'),
    failsWith('UNSAFE_INPUT', /evil\.xlsx, record xl\/worksheets\/sheet1\.xml: XML declaring a DOCTYPE or entities is refused/),
  );
});

test('cell references beyond XFD1048576, trailing garbage and a non-workbook ZIP are clear errors', async () => {
  await assert.rejects(readXlsx(fixture('colref.xlsx'), 'colref.xlsx'), failsWith('BAD_INPUT', /colref\.xlsx.*ZZZZZZZZ2.*outside the Excel grid/));
  await assert.rejects(
    readXlsx(fixture('trailing-garbage.xlsx'), 'trailing-garbage.xlsx'),
    failsWith('BAD_INPUT', /trailing-garbage\.xlsx: corrupt or unreadable ZIP/),
  );
  await assert.rejects(readXlsxBuffer(writeZip([{ name: 'a.txt', data: 'x' }]), 'a.xlsx'), failsWith('BAD_INPUT', /no xl\/workbook\.xml/));
  // A cell at the grid's far corner is legal: read without sizing arrays by it.
  const [sheet] = await readXlsx(fixture('farcell.xlsx'), 'farcell.xlsx');
  assert.ok(sheet!.rows.length >= 1);
});

test('a file that is not a ZIP is refused as an XLSX', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-io-xlsx-'));
  writeFileSync(join(dir, 'fake.xlsx'), 'Name,Country\n');
  await assert.rejects(readXlsx(join(dir, 'fake.xlsx'), 'fake.xlsx'), failsWith('UNSAFE_INPUT', /fake\.xlsx: not an XLSX workbook/));
});

test('a Word document given as a table is named as one, with where documents go', async () => {
  const docx = readFileSync(new URL('../../examples/documents/police-video-analytics-tender.docx', import.meta.url));
  await assert.rejects(readXlsxBuffer(docx, 'vendors.docx'), /Word document \(DOCX\), not a table.*sightline scan/);
});
