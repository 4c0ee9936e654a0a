// `sightline scan` exit codes: 0 only when every document was read and nothing found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIO } from '../io.ts';
import { main } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-scan-'));
const db = join(dir, 'test.db');
const clean = join(dir, 'clean.txt');
const finding = join(dir, 'tender.txt');
const corrupt = join(dir, 'truncated.pdf');
writeFileSync(clean, 'Minutes of the library committee: new shelves and a coffee machine.\n');
writeFileSync(finding, 'The contractor shall supply Hikvision cameras with face recognition.\n');
// The first bytes of a PDF and nothing else, as a truncated download leaves it.
writeFileSync(corrupt, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');

async function scan(...paths: string[]) {
  const io = bufferIO();
  const exit = await main(['--db', db, 'scan', ...paths], io);
  return { exit, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('a clean document exits 0; one with findings exits 1', async () => {
  assert.equal((await scan(clean)).exit, 0);
  assert.equal((await scan(finding)).exit, 1);
});

test('no document readable: exit 2, naming the file and saying nothing was scanned', async () => {
  const r = await scan(corrupt);
  assert.equal(r.exit, 2);
  assert.match(r.err, /truncated\.pdf: corrupt PDF/);
  assert.match(r.err, /nothing scanned: the document could not be read/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const none = await scan(empty);
  assert.equal(none.exit, 2);
  assert.match(none.err, /no documents found to scan/);
});

test('some unreadable: findings elsewhere win (1, unreadable listed); without findings it is 2, never 0', async () => {
  const withFindings = await scan(finding, corrupt);
  assert.equal(withFindings.exit, 1);
  assert.match(withFindings.err, /truncated\.pdf: corrupt PDF/);
  assert.match(withFindings.err, /1 of 2 documents could not be read/);
  const withoutFindings = await scan(clean, corrupt);
  assert.equal(withoutFindings.exit, 2);
  assert.match(withoutFindings.err, /nothing found in the documents read, but 1 of 2 documents could not be read/);
});
