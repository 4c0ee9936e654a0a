import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SightlineError } from '../errors.ts';
import { detectFormat, readList } from './index.ts';
import { collect, fixture, tempFile } from '../../test/helpers/lists.ts';

const HEADER = readFileSync(fixture('csl-current.csv'), 'utf8').split('\n', 1)[0]!;
const row = (name: string) => `"x","Entity List (EL) - Bureau of Industry and Security","","Entity","","${name}"${',""'.repeat(23)}`;

async function rejects(paths: string[], code: string, pattern: RegExp, format?: string): Promise<SightlineError> {
  try {
    await collect(readList(paths, format));
  } catch (err) {
    assert.ok(err instanceof SightlineError, `expected a SightlineError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return err;
  }
  assert.fail('expected the import to fail');
}

test('CSL CSV with an unterminated quote fails with BAD_INPUT naming file and line', async () => {
  const p = tempFile(
    'broken.csv',
    `${HEADER}\n${row('Good Co., Ltd.')}\n"x","Entity List (EL) - Bureau of Industry and Security","","Entity","","Unterminated\n`,
  );
  const err = await rejects([p], 'BAD_INPUT', /broken\.csv.*unterminated quoted field/);
  assert.equal(err.location.file, 'broken.csv');
  assert.equal(err.location.line, 3);
});

test('CSL CSV with a wrong column count fails with BAD_INPUT and the line', async () => {
  const p = tempFile('short.csv', `${HEADER}\n${row('Good Co.')}\n"x","Entity List (EL) - Bureau of Industry and Security","","Entity"\n`);
  const err = await rejects([p], 'BAD_INPUT', /short\.csv, line 3.*wrong number of columns/);
  assert.equal(err.location.line, 3);
});

test('CSL CSV with a UTF-8 BOM is read', async () => {
  const p = tempFile('bom.csv', `\uFEFF${HEADER}\n${row('Bom Co., Ltd.')}\n`);
  const es = await collect(readList([p]));
  assert.deepEqual(es[0]!.properties.name, ['Bom Co., Ltd.']);
});

test('CSL CSV in UTF-16 LE with BOM is decoded', async () => {
  const text = `${HEADER}\r\n${row('海康威视 Co., Ltd.')}\r\n`;
  const p = tempFile('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const es = await collect(readList([p]));
  assert.deepEqual(es[0]!.properties.name, ['海康威视 Co., Ltd.']);
});

test('Windows-1252 bytes in an otherwise UTF-8 file are read as Windows-1252', async () => {
  const utf8 = Buffer.from(`${HEADER}\n${row('SociXtX SA')}\n`, 'utf8');
  const at = utf8.indexOf('SociXtX');
  const bytes = Buffer.from(utf8);
  bytes[at + 4] = 0xe9; // é in Windows-1252
  bytes[at + 6] = 0xe9;
  const es = await collect(readList([tempFile('latin.csv', bytes)]));
  assert.deepEqual(es[0]!.properties.name, ['Société SA']);
});

test('binary garbage is refused with a clear error naming the file', async () => {
  const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
  const p = tempFile('garbage.csv', garbage);
  await rejects([p], 'UNSAFE_INPUT', /garbage\.csv.*binary/, 'csl-csv');
  await assert.rejects(detectFormat([p]), (e: unknown) => e instanceof SightlineError && /garbage\.csv/.test(e.message));
});

test('an unknown text file gives UNKNOWN_FORMAT naming it', async () => {
  const p = tempFile('notes.txt', 'just some notes\nnothing else\n');
  await assert.rejects(detectFormat([p]), (e: unknown) => e instanceof SightlineError && e.code === 'UNKNOWN_FORMAT' && /notes\.txt/.test(e.message));
});

test('CSL JSON that is malformed fails with BAD_INPUT and a line number', async () => {
  const p = tempFile('bad.json', '{"results": [\n  {"source": "x", "name": "y"},\n  {"source": oops}\n]}');
  const err = await rejects([p], 'BAD_INPUT', /bad\.json.*malformed JSON/, 'csl-json');
  assert.equal(err.location.line, 3);
});

test('FtM JSON lines: a malformed line, an unknown schema and an unknown property each fail with the line', async () => {
  const good = '{"id":"a","schema":"Company","properties":{"name":["A"]}}';
  let err = await rejects([tempFile('x.ftm.json', `${good}\n{"id":"b","schema":\n`)], 'BAD_INPUT', /x\.ftm\.json, line 2.*malformed JSON/);
  assert.equal(err.location.line, 2);
  err = await rejects(
    [tempFile('y.ftm.json', `${good}\n${good}\n{"id":"c","schema":"Spaceship","properties":{}}\n`)],
    'BAD_INPUT',
    /line 3.*unknown FtM schema "Spaceship"/,
  );
  err = await rejects(
    [tempFile('z.ftm.json', `{"id":"d","schema":"Company","properties":{"warpDrive":["x"]}}\n`)],
    'BAD_INPUT',
    /line 1.*no property "warpDrive"/,
  );
  assert.equal(err.location.file, 'z.ftm.json');
});

test('OFAC legacy CSV with a wrong column count fails with BAD_INPUT', async () => {
  const p = tempFile('sdn.csv', '36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,SHORT,-0- \r\n\x1a');
  const err = await rejects([p], 'BAD_INPUT', /sdn\.csv.*line 2/, 'ofac-legacy');
  assert.equal(err.location.line, 2);
});

test('XML with a DOCTYPE / ENTITY declaration is refused as UNSAFE_INPUT', async () => {
  const p = tempFile(
    'evil.xml',
    '<?xml version="1.0"?>\n<!DOCTYPE Sanctions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Sanctions><DistinctParties>&xxe;</DistinctParties></Sanctions>',
  );
  await rejects([p], 'UNSAFE_INPUT', /evil\.xml.*DOCTYPE/, 'ofac-advanced');
});

test('truncated SDN_ADVANCED XML fails with BAD_INPUT naming the file', async () => {
  const full = readFileSync(fixture('sdn_advanced.xml'), 'utf8');
  const p = tempFile('sdn_advanced.xml', full.slice(0, Math.floor(full.length * 0.6)));
  await rejects([p], 'BAD_INPUT', /sdn_advanced\.xml.*(truncated|malformed)/);
});

test('list XML with billion laughs or a DOCTYPE hidden after a long comment is refused by the shared XML reader', async () => {
  const io = (name: string) => new URL(`../../test/fixtures/io/${name}`, import.meta.url).pathname;
  for (const f of ['sdn-billion.xml', 'sdn-xxe-late.xml']) {
    const err = await rejects([io(f)], 'UNSAFE_INPUT', /DOCTYPE or entities/, 'ofac-advanced');
    assert.equal(err.location.file, f);
    assert.ok(err.location.line! >= 2);
  }
});
