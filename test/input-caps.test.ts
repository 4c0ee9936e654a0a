// The named caps on what one input may cost (src/io/limits.ts): each is reached by an input built here
// just past it, and the message names the limit. The PDF stream caps are tested in src/io/pdf-guard.test.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SightlineError } from '../src/errors.ts';
import { INPUT_LIMITS } from '../src/io/limits.ts';
import { createScanner } from '../src/documents/scanner.ts';
import { scanTable, summariseScan } from '../src/documents/report.ts';
import { readList } from '../src/lists/index.ts';
import { buildCertificate } from '../src/report/index.ts';
import { sampleEntities } from './fixtures/documents/sample-entities.ts';
import { writeDocx } from './helpers/fixture-writers.ts';
import { writeZip, xlsxParts } from './helpers/zip-writer.ts';
import { readXlsxBuffer } from '../src/io/xlsx.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sl-caps-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));
const scanner = createScanner({ entities: sampleEntities() });

test('findings per document: at most listedFindings are listed, all are counted and summarised, the report says "and N more"', () => {
  const dense = '海康威视供应人脸识别摄像机。\n'.repeat(INPUT_LIMITS.listedFindings); // two findings a line
  const tail = 'Megvii 声纹采集\n';
  const r = scanner.scanDocument({ path: 'dense.txt', format: 'text', parts: [{ text: dense }, { text: tail }], warnings: [] });
  assert.equal(r.hits.length, INPUT_LIMITS.listedFindings);
  const all = 2 * INPUT_LIMITS.listedFindings + 2;
  assert.equal(r.unlistedHits, all - INPUT_LIMITS.listedFindings);
  assert.equal(r.summary.entities + r.summary.capabilities, all);
  assert.equal(r.summary.entities, INPUT_LIMITS.listedFindings + 1);
  // Findings past the cap still name their firm and category in the summary.
  assert.match(r.summary.text, /Megvii/);
  assert.match(r.summary.text, /voice/i);
  const summary = summariseScan([r]);
  assert.equal(summary.hits, all);
  const certificate = buildCertificate({
    title: 'Document scan certificate',
    input: { name: 'dense.txt', sha256: 'n/a', format: '1 documents' },
    versions: [],
    rules: [],
  });
  const table = scanTable([r], summary, certificate);
  assert.match(table, new RegExp(`… and ${all - INPUT_LIMITS.listedFindings} more \\(not listed: at most ${INPUT_LIMITS.listedFindings} findings`));
});

test('a document under the cap lists every finding and says nothing of unlisted ones', () => {
  const r = scanner.scanDocument({ path: 'few.txt', format: 'text', parts: [{ text: '海康威视供应人脸识别摄像机。' }], warnings: [] });
  assert.equal(r.hits.length, 2);
  assert.equal(r.unlistedHits, undefined);
});

test('XML inside a DOCX: a Word part over docxXmlBytes is refused before it is parsed, naming the part', async () => {
  // Random hex compresses about 2:1, under the ZIP guard's ratio limit: only the XML cap applies.
  const paragraphs = Array.from({ length: 22 }, () => randomBytes(512 * 1024).toString('hex'));
  const big = join(dir, 'big.docx');
  writeFileSync(big, writeDocx(paragraphs));
  await assert.rejects(
    scanner.extractFile(big),
    (e: unknown) =>
      e instanceof SightlineError &&
      e.code === 'UNSAFE_INPUT' &&
      /big\.docx, record word\/document\.xml: 22 MB of XML, over the 20 MB a Word part may hold \(docxXmlBytes limit\); refused/.test(e.message),
  );
  const small = join(dir, 'small.docx');
  writeFileSync(small, writeDocx(paragraphs.slice(0, 2)));
  assert.equal((await scanner.extractFile(small)).format, 'docx');
});

test('sheet XML in a workbook: over xlsxXmlBytes is refused before the workbook is parsed, suggesting CSV', async () => {
  // Random hex: about 2:1, under the ZIP guard's ratio limit, so only the sheet XML cap applies.
  const cells = randomBytes(33 * 1024 * 1024).toString('hex');
  const workbook = writeZip(xlsxParts(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${cells}</t></is></c></row></sheetData></worksheet>`));
  await assert.rejects(
    readXlsxBuffer(workbook, 'huge.xlsx'),
    (e: unknown) =>
      e instanceof SightlineError &&
      e.code === 'UNSAFE_INPUT' &&
      /^huge\.xlsx: workbook holds 66 MB of sheet XML, over the 64 MB limit \(xlsxXmlBytes\); save it as CSV/.test(e.message),
  );
});

async function importAll(path: string, format: string): Promise<number> {
  let n = 0;
  for await (const _ of readList([path], format)) n++;
  return n;
}

test('names on import: a name or alias over nameChars is refused naming the file and record; one at the cap is imported', async () => {
  const line = (name: string, alias = 'Short alias') =>
    JSON.stringify({ id: `x${name.length}`, schema: 'Company', properties: { name: [name], alias: [alias] }, datasets: ['us_fcc_covered'] });
  const atCap = 'A'.repeat(INPUT_LIMITS.nameChars);
  const ok = join(dir, 'ok.ftm.json');
  writeFileSync(ok, `${line(atCap)}\n`);
  assert.equal(await importAll(ok, 'ftm'), 1);

  const long = join(dir, 'long.ftm.json');
  writeFileSync(long, `${line('Fine Co')}\n${line('Other Co', `Acme ${'B'.repeat(INPUT_LIMITS.nameChars)}`)}\n`);
  await assert.rejects(importAll(long, 'ftm'), (e: unknown) => {
    assert.ok(e instanceof SightlineError);
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(
      e.message,
      /^long\.ftm\.json, record 2: alias of 1,005 characters \("Acme BBBB.*…"\) is over the 1,000 characters a name may have \(nameChars limit\); refused$/,
    );
    return true;
  });

  const csv = join(dir, 'long.csv');
  writeFileSync(
    csv,
    `"_id","source","entity_number","type","programs","name","addresses"\n"a1","Entity List (EL) - Bureau of Industry and Security","","Entity","","${'C'.repeat(5000)}",""\n`,
  );
  await assert.rejects(importAll(csv, 'csl-csv'), /long\.csv, record 1: name of 5,000 characters .*nameChars limit/);
});
