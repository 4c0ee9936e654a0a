import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { SightlineError } from '../errors.ts';
import { checkPdfStreams } from './pdf-guard.ts';

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
      /^bomb\.pdf: PDF stream at byte \d+ inflates past \d+ bytes \(decompression bomb\?\)/.test(e.message),
  );
});

test('ordinary, unfiltered and corrupt streams pass (the PDF reader reports corruption)', () => {
  checkPdfStreams(pdfWithStream(Buffer.from('BT /F1 12 Tf (Hikvision) Tj ET'.repeat(1000))), 'ok.pdf');
  checkPdfStreams(pdfWithStream(Buffer.alloc(20 * 1024 * 1024), '/DCTDecode'), 'image.pdf');
  checkPdfStreams(Buffer.from('%PDF-1.4\n<< /Filter /FlateDecode >>\nstream\nnot deflate\nendstream\n'), 'corrupt.pdf');
});
