import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { createScanner } from './scanner.ts';
import { ocrSettingsFromEnv } from './extract/ocr.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';
import { writeDocx, writePdf, writeXlsx } from '../../test/helpers/fixture-writers.ts';
import { writeZip, xlsxBomb, xlsxParts } from '../../test/helpers/zip-writer.ts';
import type { DocumentResult } from './types.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/documents/', import.meta.url));
const scanner = createScanner({ entities: sampleEntities(), limits: { maxZipTotalBytes: 8 * 1024 * 1024, maxFileBytes: 4 * 1024 * 1024 } });
let dir = '';
const file = (name: string) => join(dir, name);
const texts = (r: DocumentResult) => r.hits.map((h) => h.text);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sightline-documents-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('reads a PDF text layer page by page and keeps page numbers and offsets', async () => {
  await writeFile(file('rfq.pdf'), writePdf([['Cover page'], ['Gates need face recognition.', 'Recorders: Dahua or compatible.']]));
  const r = await scanner.scanFile(file('rfq.pdf'));
  assert.equal(r.error, undefined);
  assert.equal(r.pages, 2);
  assert.deepEqual(
    r.hits.map((h) => [h.text, h.page]),
    [
      ['face recognition', 2],
      ['Dahua', 2],
    ],
  );
  const doc = await scanner.extractFile(file('rfq.pdf'));
  const page2 = doc.parts.find((p) => p.page === 2)!.text;
  for (const h of r.hits) assert.equal(page2.slice(h.start, h.end), h.text);
});

test('reports a PDF without a text layer instead of passing it silently', async () => {
  await writeFile(file('scan.pdf'), writePdf([[], []]));
  const noOcr = createScanner({ entities: [], limits: { ocr: { ...ocrSettingsFromEnv({}), binary: null } } });
  const r = await noOcr.scanFile(file('scan.pdf'));
  assert.deepEqual(r.warnings, ['pages 1, 2: image only, not read (OCR turned off: SIGHTLINE_TESSERACT=off)']);
  assert.equal(r.hits.length, 0);
});

test('an encrypted PDF gets a clear error', async () => {
  await writeFile(file('locked.pdf'), writePdf([['secret']], { encrypted: true }));
  const r = await scanner.scanFile(file('locked.pdf'));
  assert.match(r.error ?? '', /encrypted PDF \(password required\)/);
});

test('reads DOCX paragraphs with paragraph numbers', async () => {
  await writeFile(file('spec.docx'), writeDocx(['技术要求', '支持人脸识别，兼容大华。']));
  const r = await scanner.scanFile(file('spec.docx'));
  assert.deepEqual(
    r.hits.map((h) => [h.text, h.paragraph]),
    [
      ['人脸识别', 2],
      ['兼容大华', 2],
      ['大华', 2],
    ],
  );
  assert.equal(r.language, 'zh');
});

test('reads XLSX sheets and names the sheet and cell of each hit', async () => {
  await writeFile(
    file('list.xlsx'),
    writeXlsx({
      清单: [
        ['名称', '要求'],
        ['摄像机', '支持步态识别'],
      ],
      Vendors: [['Hikvision']],
    }),
  );
  const r = await scanner.scanFile(file('list.xlsx'));
  assert.deepEqual(
    r.hits.map((h) => [h.text, h.sheet, h.cell]),
    [
      ['步态识别', '清单', 'B2'],
      ['Hikvision', 'Vendors', 'A1'],
    ],
  );
});

test('decodes GBK, Big5 and UTF-16 text', async () => {
  await writeFile(file('gbk.txt'), iconv.encode('招标：人脸识别系统，兼容海康。', 'gbk'));
  await writeFile(file('big5.txt'), iconv.encode('招標：人臉識別與黑名單布控。', 'big5'));
  await writeFile(file('utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('步态识别 海康威视', 'utf-16le')]));
  assert.deepEqual(texts(await scanner.scanFile(file('gbk.txt'))), ['人脸识别', '兼容海康', '海康']);
  assert.deepEqual(texts(await scanner.scanFile(file('big5.txt'))), ['人臉識別', '黑名單布控']);
  assert.deepEqual(texts(await scanner.scanFile(file('utf16.txt'))), ['步态识别', '海康威视']);
});

test('reads HTML without running scripts or fetching images', async () => {
  await writeFile(
    file('n.html'),
    '<html><head><script>var a = "人脸识别";</script></head><body><p>Sharp Eyes project</p><img src="https://example.org/x.png"></body></html>',
  );
  const r = await scanner.scanFile(file('n.html'));
  assert.deepEqual(texts(r), ['Sharp Eyes project']);
});

test('reads an e-mail: encoded subject, base64 GB2312 and quoted-printable HTML parts', async () => {
  const r = await scanner.scanFile(join(fixtures, 'tender-mail.eml'));
  assert.equal(r.error, undefined);
  assert.deepEqual(
    r.hits.map((h) => h.category),
    ['face recognition', 'vendor compatibility', 'listed firm', 'watch-list alarm', 'face recognition', 'Wi-Fi probe'],
  );
});

test('reads ZIP archives recursively and names the member of each hit', async () => {
  await writeFile(
    file('bundle.zip'),
    writeZip([
      { name: 'a/notes.txt', data: 'Megvii 虹膜识别' },
      { name: 'spec.docx', data: writeDocx(['声纹采集']) },
    ]),
  );
  const r = await scanner.scanFile(file('bundle.zip'));
  assert.deepEqual(
    r.hits.map((h) => [h.text, h.member]),
    [
      ['Megvii', 'a/notes.txt'],
      ['虹膜识别', 'a/notes.txt'],
      ['声纹采集', 'spec.docx'],
    ],
  );
});

test('bad input gets a clear per-file error and the batch goes on', async () => {
  const bad = join(dir, 'bad');
  await mkdir(bad);
  await writeFile(join(bad, '1-elf.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
  await writeFile(join(bad, '2-nul.txt'), Buffer.from('abc\0\0\0def'));
  await writeFile(join(bad, '3-corrupt.docx'), Buffer.from('PK\x03\x04 truncated'));
  await writeFile(join(bad, '4-bomb.zip'), writeZip([{ name: 'zeros.txt', data: Buffer.alloc(16 * 1024 * 1024) }]));
  await writeFile(join(bad, '5-liar.zip'), writeZip([{ name: 'zeros.txt', data: Buffer.alloc(3 * 1024 * 1024), fakeSize: 100 }]));
  let nested = writeZip([{ name: 'deep.txt', data: '人脸识别' }]);
  for (let i = 0; i < 5; i++) nested = writeZip([{ name: `level${i}.zip`, data: nested }]);
  await writeFile(join(bad, '6-nested.zip'), nested);
  await writeFile(join(bad, '7-traversal.zip'), writeZip([{ name: '../../etc/passwd', data: 'x' }]));
  await writeFile(
    join(bad, '8-doctype.docx'),
    writeDocx(['x'], [{ name: 'word/evil.xml', data: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>' }]),
  );
  await writeFile(join(bad, '9-big.txt'), Buffer.alloc(5 * 1024 * 1024, 0x61));
  await writeFile(join(bad, '9z-good.txt'), '人脸识别');
  const results: DocumentResult[] = [];
  for await (const r of scanner.scanPaths([bad])) results.push(r);
  const errors = results.map((r) => r.error ?? 'ok');
  assert.equal(results.length, 10);
  assert.match(errors[0], /ELF executable, not a document \(despite the \.txt name\)/);
  assert.match(errors[1], /binary content/);
  assert.match(errors[2], /corrupt or unreadable ZIP/);
  assert.match(errors[3], /zip bomb/);
  assert.match(errors[4], /declared size|corrupt|zip bomb/);
  assert.match(errors[5], /nested deeper than 3 levels/);
  assert.match(errors[6], /unsafe path/);
  assert.match(errors[7], /DOCTYPE or entities/);
  assert.match(errors[8], /5\.0 MB, over the 4\.0 MB limit/);
  assert.equal(errors[9], 'ok');
  assert.deepEqual(texts(results[9]), ['人脸识别']);
  for (const r of results.slice(0, 9)) assert.ok(r.error!.startsWith(r.path), r.error);
});

test('macros in an Office file are ignored and reported', async () => {
  await writeFile(file('macro.docx'), writeDocx(['人脸识别'], [{ name: 'word/vbaProject.bin', data: Buffer.from('Attribute VB_Name') }]));
  const r = await scanner.scanFile(file('macro.docx'));
  assert.deepEqual(texts(r), ['人脸识别']);
  assert.ok(r.warnings.includes('macros present; ignored (never run)'));
});

test('XLSX bombs, lying XLSX, DOCTYPE parts and off-grid references go through the shared guard', async () => {
  await writeFile(file('x-bomb.xlsx'), xlsxBomb(3));
  await writeFile(file('x-lying.xlsx'), xlsxBomb(3, 200));
  await writeFile(file('x-doctype.xlsx'), writeZip(xlsxParts('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><worksheet>&b;</worksheet>')));
  await writeFile(
    file('x-colref.xlsx'),
    await import('node:fs/promises').then((fs) => fs.readFile(new URL('../../test/fixtures/io/colref.xlsx', import.meta.url))),
  );
  const errors: string[] = [];
  for (const n of ['x-bomb.xlsx', 'x-lying.xlsx', 'x-doctype.xlsx', 'x-colref.xlsx']) errors.push((await scanner.scanFile(file(n))).error ?? 'ok');
  assert.match(errors[0], /x-bomb\.xlsx.*zip bomb/);
  assert.match(errors[1], /x-lying\.xlsx.*declared size/);
  assert.match(errors[2], /x-doctype\.xlsx.*sheet1\.xml.*DOCTYPE or entities/);
  assert.match(errors[3], /x-colref\.xlsx.*outside the Excel grid/);
});

test('HTML nested beyond htmlDepth is refused naming the file and line, at once; ordinary nesting and implied closes are read (fuzz: stack overflows, quadratic parse)', async () => {
  await writeFile(file('deep.html'), `<html>\n<body>\n${'<div><b>'.repeat(60_000)}Hikvision</body></html>`);
  const deep = await scanner.scanFile(file('deep.html'));
  assert.match(deep.error ?? '', /deep\.html.*line 3.*HTML nested more than 1000 elements deep \(limit htmlDepth\)/);
  const mail = `From: a@example.com\nSubject: t\nContent-Type: text/html\n\n<html><body>${'<span>'.repeat(5000)}Hikvision</body></html>`;
  await writeFile(file('deep.eml'), mail);
  assert.match((await scanner.scanFile(file('deep.eml'))).error ?? '', /deep\.eml.*limit htmlDepth/);
  // 3,000 unclosed <p> and <li> close each other (depth 3 to html-to-text), so they are read.
  const unclosed = `<html><body>${'<p>Hikvision cameras'.repeat(3000)}<ul>${'<li>item'.repeat(3000)}</ul></body></html>`;
  const nested = `<html><body>${'<div>'.repeat(900)}Hikvision cameras${'</div>'.repeat(900)}</body></html>`;
  for (const [name, html] of [
    ['unclosed.html', unclosed],
    ['nested.html', nested],
  ]) {
    await writeFile(file(name), html);
    const read = await scanner.scanFile(file(name));
    assert.equal(read.error, undefined, name);
    assert.ok(read.hits.length > 0, name);
  }
});
