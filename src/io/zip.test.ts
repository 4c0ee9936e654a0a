import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SightlineError } from '../errors.ts';
import { writeZip } from '../../test/helpers/zip-writer.ts';
import { DEFAULT_ZIP_LIMITS, checkDepth, checkZip, readZip } from './zip.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/io/${name}`, import.meta.url));
const refused = (pattern: RegExp) => (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && pattern.test(e.message);

test('members are read within the limits', async () => {
  const members = await readZip(
    writeZip([
      { name: 'a/notes.txt', data: 'Megvii' },
      { name: 'b.txt', data: 'x' },
    ]),
    'ok.zip',
  );
  assert.deepEqual(
    members.map((m) => [m.name, m.data.toString()]),
    [
      ['a/notes.txt', 'Megvii'],
      ['b.txt', 'x'],
    ],
  );
});

test('a zip bomb is refused by compression ratio and by total size, naming file and entry', async () => {
  const bomb = writeZip([{ name: 'zeros.txt', data: Buffer.alloc(16 * 1024 * 1024) }]);
  await assert.rejects(readZip(bomb, 'bomb.zip'), refused(/^bomb\.zip, record zeros\.txt: compression ratio \d+:1 over the limit of 100:1 \(zip bomb\?\)/));
  const small = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024, maxRatio: 1e9 };
  await assert.rejects(
    checkZip(writeZip([{ name: 'a.txt', data: Buffer.alloc(4096, 0x61) }]), 'big.zip', small),
    refused(/expands to more than 0 MB \(zip bomb\?\)/),
  );
});

test('a ZIP whose directory lies about sizes is refused while inflating', async () => {
  const liar = writeZip([{ name: 'zeros.txt', data: Buffer.alloc(3 * 1024 * 1024), fakeSize: 100 }]);
  await assert.rejects(readZip(liar, 'liar.zip'), refused(/liar\.zip.*inflates past its declared size/));
});

test('too many entries, path traversal and corrupt containers get clear errors', async () => {
  const many = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
  await assert.rejects(readZip(many, 'many.zip', { ...DEFAULT_ZIP_LIMITS, maxEntries: 4 }), refused(/5 entries, over the limit of 4/));
  await assert.rejects(readZip(fixture('traversal.zip'), 'traversal.zip'), refused(/unsafe path in archive/));
  await assert.rejects(readZip(writeZip([{ name: '../../etc/passwd', data: 'x' }]), 't.zip'), refused(/t\.zip, record \.\.\/\.\.\/etc\/passwd: unsafe path/));
  await assert.rejects(
    readZip(Buffer.from('PK\x03\x04 truncated'), 'corrupt.docx'),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /corrupt\.docx: corrupt or unreadable ZIP/.test(e.message),
  );
});

test('archives nested deeper than the limit are refused', async () => {
  let buf: Buffer = fixture('nested.zip');
  let depth = 0;
  const open = async () => {
    for (;;) {
      const inner = (await readZip(buf, 'nested.zip')).find((m) => m.name.endsWith('.zip'));
      if (!inner) return;
      checkDepth(++depth, 'nested.zip');
      buf = inner.data;
    }
  };
  await assert.rejects(open(), refused(/^nested\.zip: archives nested deeper than 3 levels/));
  assert.equal(depth, 4);
});
