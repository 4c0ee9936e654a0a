import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { SightlineError } from '../errors.ts';
import { checkPdfObjectDefinitions, checkPdfStreams } from './pdf-guard.ts';

function pdfWithStream(content: Buffer, filter = '/FlateDecode'): Buffer {
  const data = deflateSync(content);
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${data.length} /Filter ${filter} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

test('a FlateDecode stream that inflates more than 100:1 past 1 MB is refused before the PDF reader', () => {
  assert.throws(
    () => checkPdfStreams(pdfWithStream(Buffer.alloc(20 * 1024 * 1024)), 'bomb.pdf'),
    (e: unknown) =>
      e instanceof SightlineError &&
      e.code === 'UNSAFE_INPUT' &&
      /^bomb\.pdf: PDF stream at byte \d+ inflates more than 100:1 past 1 MB \(pdfStreamRatio limit\); decompression bomb\? refused$/.test(e.message),
  );
});

test('a bomb behind ASCII-hex or ASCII-85 layers is found; streams that together inflate past pdfInflatedBytes are refused', () => {
  const bomb = deflateSync(Buffer.alloc(20 * 1024 * 1024));
  const wrapped = (filter: string, body: string) =>
    Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${body.length} /Filter ${filter} >>\nstream\n${body}\nendstream\nendobj\n`, 'latin1');
  const refused = (pattern: RegExp) => (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && pattern.test(e.message);
  assert.throws(() => checkPdfStreams(wrapped('[/AHx /Fl]', `${bomb.toString('hex')}>`), 'hex.pdf'), refused(/^hex\.pdf: .*pdfStreamRatio limit/));
  assert.throws(() => checkPdfStreams(wrapped('[/ASCII85Decode /FlateDecode]', `${ascii85(bomb)}~>`), 'a85.pdf'), refused(/^a85\.pdf: .*pdfStreamRatio/));
  assert.throws(() => checkPdfStreams(wrapped('[/LZWDecode /FlateDecode]', 'x'), 'lzw.pdf'), refused(/LZWDecode before FlateDecode, which cannot be checked/));
  const two = Buffer.concat([pdfWithStream(randomBytes(3 * 1024 * 1024)), pdfWithStream(randomBytes(3 * 1024 * 1024))]);
  checkPdfStreams(two, 'two.pdf');
  assert.throws(
    () => checkPdfStreams(two, 'two.pdf', { pdfInflatedBytes: 5 * 1024 * 1024, pdfStreamRatio: 100 }),
    refused(/^two\.pdf: the PDF's streams inflate to more than 5 MB together \(pdfInflatedBytes limit\)/),
  );
});

test('a bomb cut short by damage is refused too: a lenient PDF reader inflates up to the damage', () => {
  const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024));
  const damaged = Buffer.concat([bomb.subarray(0, 150_000), Buffer.alloc(2000, 0xff), bomb.subarray(150_000)]);
  assert.throws(
    () => inflateSync(damaged),
    (e: NodeJS.ErrnoException) => e.code !== 'ERR_BUFFER_TOO_LARGE',
    'the stream is corrupt, not only large',
  );
  const pdf = Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${damaged.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    damaged,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  assert.throws(
    () => checkPdfStreams(pdf, 'damaged.pdf'),
    (e: unknown) => e instanceof SightlineError && /^damaged\.pdf: PDF stream at byte \d+ inflates more than 100:1 .*pdfStreamRatio limit/.test(e.message),
  );
});

/** ASCII-85 as PDF writers emit it (no 'z' shortcut), for the wrapped-bomb test. */
function ascii85(data: Buffer): string {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const chunk = Buffer.alloc(4);
    data.copy(chunk, 0, i, i + 4);
    let n = chunk.readUInt32BE(0);
    const group: string[] = [];
    for (let j = 0; j < 5; j++, n = Math.floor(n / 85)) group.unshift(String.fromCharCode(33 + (n % 85)));
    out += group.slice(0, Math.min(4, data.length - i) + 1).join('');
  }
  return out;
}

test('ordinary, unfiltered and corrupt streams pass (the PDF reader reports corruption)', () => {
  checkPdfStreams(pdfWithStream(Buffer.from('BT /F1 12 Tf (Hikvision) Tj ET'.repeat(1000))), 'ok.pdf');
  checkPdfStreams(pdfWithStream(Buffer.alloc(20 * 1024 * 1024), '/DCTDecode'), 'image.pdf');
  checkPdfStreams(Buffer.from('%PDF-1.4\n<< /Filter /FlateDecode >>\nstream\nnot deflate\nendstream\n'), 'corrupt.pdf');
  const text = deflateSync(Buffer.from('BT (Hikvision) Tj ET'));
  checkPdfStreams(Buffer.from(`%PDF-1.4\n<< /Filter [/AHx /Fl] >>\nstream\n${text.toString('hex')}>\nendstream\n`, 'latin1'), 'hex-ok.pdf');
});

test('one object defined more than pdfObjectDefinitions times is refused (fuzz: 3,377 broken definitions of object 2 cost pdfjs 26 s); incremental updates pass', () => {
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
  const broken = '2 0 obj\n<< /Type /Pages /Kids [4 0 Rpe /Catalog /Pages 2 0 R >>\nendobj\n';
  const hostile = Buffer.from(`${head}${broken.repeat(3377)}trailer\n%%EOF\n`, 'latin1');
  assert.throws(
    () => checkPdfObjectDefinitions(hostile, 'redefined.pdf'),
    (e: unknown) =>
      e instanceof SightlineError &&
      e.code === 'UNSAFE_INPUT' &&
      /^redefined\.pdf: PDF object 2 is defined more than 100 times \(pdfObjectDefinitions limit\); damaged or hostile\? refused$/.test(e.message),
  );
  // A hundred saves, each redefining the catalog and a page, and many distinct objects: read as usual.
  const update = '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n5 0\nobj\n<< /Type /Page >>\nendobj\n';
  let distinct = '';
  for (let i = 10; i < 5000; i++) distinct += `${i} 0 obj\n<< >>\nendobj\n`;
  assert.doesNotThrow(() => checkPdfObjectDefinitions(Buffer.from(`${head}${distinct}${update.repeat(99)}%%EOF\n`, 'latin1'), 'saved.pdf'));
  // At the limit, "102 0 obj" (another object) and "2 0 objstm" (not the keyword) do not count for object 2.
  const atLimit = `${'2 0 obj\n'.repeat(99)}${'x102 0 obj\n'.repeat(50)}${'2 0 objstm\n'.repeat(50)}`;
  assert.doesNotThrow(() => checkPdfObjectDefinitions(Buffer.from(`${head}${atLimit}`, 'latin1'), 'other.pdf'));
});
