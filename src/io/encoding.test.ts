import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { SightlineError } from '../errors.ts';
import { decodeBytes, detectEncoding, readText } from './encoding.ts';

const fixture = (name: string) => new URL(`../../test/fixtures/io/${name}`, import.meta.url).pathname;
const unsafe = (pattern: RegExp) => (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && pattern.test(e.message);

test('BOMs, BOM-less UTF-16, UTF-8, GBK and Big5 are told apart', () => {
  assert.deepEqual(detectEncoding(Buffer.from('\uFEFFName', 'utf8')), { encoding: 'utf8', bom: 3 });
  assert.deepEqual(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0])), { encoding: 'utf16le', bom: 2 });
  assert.deepEqual(detectEncoding(Buffer.from('Name,Country\r\nDahua,CN\r\n', 'utf16le')), { encoding: 'utf16le', bom: 0 });
  assert.equal(detectEncoding(Buffer.from('Ærø Shipping,DK', 'utf8')).encoding, 'utf8');
  assert.equal(decodeBytes(iconv.encode('供应商名称,国家\n杭州海康威视数字技术股份有限公司,中国\n', 'gbk')).text.split(',')[0], '供应商名称');
  assert.equal(decodeBytes(iconv.encode('招標：人臉識別與黑名單布控。', 'big5')).text, '招標：人臉識別與黑名單布控。');
});

test('one rule for binary content: NUL bytes or control characters are refused, naming the file', () => {
  assert.throws(() => detectEncoding(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'x.csv'), unsafe(/^x\.csv: binary content/));
  assert.throws(() => decodeBytes(readFileSync(fixture('nul.csv')), 'nul.csv'), unsafe(/nul\.csv: binary content, not text \(NUL bytes\)/));
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 0x49, 0x48, 0x44, 0x52, 7, 8]);
  assert.throws(() => detectEncoding(png, 'image.csv'), unsafe(/image\.csv: binary content/));
  assert.throws(() => detectEncoding(Buffer.from([0x1f, 0x8b, 8, 0]), 'list.csv.gz'), unsafe(/gzip-compressed/));
  assert.throws(() => detectEncoding(Buffer.from('PK\x03\x04rest'), 'fake.csv'), unsafe(/ZIP archive/));
  // Tabs, CR/LF, form feeds and OFAC's trailing 0x1A are text.
  assert.equal(detectEncoding(Buffer.from('a\tb\r\nc\fd\x1a')).encoding, 'utf8');
});

test('mixed and invalid UTF-8 decode without failing: stray bytes read as Windows-1252', () => {
  const mixed = decodeBytes(Buffer.concat([Buffer.from('Société ', 'utf8'), Buffer.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9])]));
  assert.equal(mixed.text, 'Société Société');
  const invalid = decodeBytes(readFileSync(fixture('invalid-utf8.csv')), 'invalid-utf8.csv').text;
  assert.match(invalid, /^Vendor Name,Country\nHikvision .*\nMegvii,CN\n$/s);
  // UTF-8, GBK and a UTF-16 line in one file: the UTF-16 NULs make it binary, refused by name.
  assert.throws(() => decodeBytes(readFileSync(fixture('mixed-enc.csv')), 'mixed-enc.csv'), unsafe(/mixed-enc\.csv: binary content/));
});

test('streamed text keeps multi-byte characters cut between chunks and names a missing file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-io-enc-'));
  const path = join(dir, 'long.csv');
  const line = '杭州海康威视数字技术股份有限公司,中国\n';
  writeFileSync(path, line.repeat(20_000));
  let text = '';
  for await (const chunk of readText(path, 'long.csv', 1000)) text += chunk;
  assert.equal(text, line.repeat(20_000));
  await assert.rejects(
    async () => {
      for await (const _ of readText(join(dir, 'missing.csv'), 'missing.csv'));
    },
    (e: unknown) => e instanceof SightlineError && e.code === 'NOT_FOUND' && /missing\.csv/.test(e.message),
  );
});

test('an Office document given where text is read is named as such, with where documents go', () => {
  const docx = readFileSync(new URL('../../examples/documents/police-video-analytics-tender.docx', import.meta.url));
  assert.throws(() => detectEncoding(docx, 'tender.docx'), unsafe(/Word document \(DOCX\).*sightline scan/));
  const xlsx = readFileSync(new URL('../../examples/documents/equipment-list.xlsx', import.meta.url));
  assert.throws(() => detectEncoding(xlsx, 'list.xlsx'), unsafe(/Excel workbook \(XLSX\)/));
  // Any other ZIP stays a ZIP.
  assert.throws(() => detectEncoding(Buffer.from('PK\x03\x04\x14\x00\x00\x00notes/readme.txt'), 'a.csv'), unsafe(/ZIP archive, not text/));
});

test('mixed UTF-8 and Windows-1252 bytes decode as they did byte by byte, in runs (fuzz: 1 MB took 0.5 s)', async () => {
  const { lenientUtf8 } = await import('./encoding.ts');
  // The decoder as first written: one string per character.
  const byteByByte = (buf: Buffer): string => {
    let out = '';
    let i = 0;
    while (i < buf.length) {
      const b = buf[i]!;
      const need = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
      let ok = need > 0 && i + need <= buf.length;
      for (let k = 1; ok && k < need; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
      if (ok && need > 1 && !isUtf8(buf.subarray(i, i + need))) ok = false;
      out += ok ? buf.toString('utf8', i, i + need) : iconv.decode(buf.subarray(i, i + 1), 'win1252');
      i += ok ? need : 1;
    }
    return out;
  };
  const fc = (await import('fast-check')).default;
  const pieces = fc.constantFrom(
    ...['a', '海康', 'é', '\xff', '\xe9', '\xed\xa0\x80', '\xf0\x9f\x98\x80', '\xf8\x88\x80', '\x80', ',', '\n'].map((p) => Buffer.from(p, 'latin1')),
    Buffer.from('海康', 'utf8'),
    Buffer.from('é', 'utf8'),
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 60 }), (xs) => {
      const buf = Buffer.concat(xs);
      assert.equal(lenientUtf8(buf), byteByByte(buf));
    }),
    { numRuns: 1000 },
  );
});

test('valid UTF-8 decodes to the same text through the decoder for mostly multi-byte text as through Node', async () => {
  const { decodeValidUtf8, lenientUtf8 } = await import('./encoding.ts');
  const fc = (await import('fast-check')).default;
  // Any well-formed text: ASCII, two-, three- and four-byte characters (emoji, rare Hanzi), U+FEFF kept.
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const buf = Buffer.from(s, 'utf8');
      assert.equal(decodeValidUtf8(buf), buf.toString('utf8'));
    }),
    { numRuns: 2000 },
  );
  // Large enough and mostly Hanzi: lenientUtf8 takes that decoder; a BOM in the middle stays.
  const big = Buffer.from(`人脸识别系统 Hikvision é 𠀀\ufeff。\n`.repeat(8000), 'utf8');
  assert.equal(lenientUtf8(big), big.toString('utf8'));
});
