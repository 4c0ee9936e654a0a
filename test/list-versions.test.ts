// List versions through the CLI: numbered per source, diffed by list identifier, cited from the current file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from './helpers/cli.ts';
import { openStore } from '../src/store/index.ts';
import { AuditLog, serverDb } from '../src/review/index.ts';
import { detailText } from '../src/web/app/pages/audit.ts';

// v1: two EL entries named "Acme Vision Technology Co., Ltd." (x1 Shenzhen, x2 Wuhan), then Borealis (x3).
// v2: x1 deleted; x2 and Borealis unchanged, one row up.
const V1 = 'test/fixtures/lists/versions/csl-v1.csv';
const V2 = 'test/fixtures/lists/versions/csl-v2.csv';
let dir: string;
let db: string;

const run = cliRunner(() => db);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sl-versions-'));
  db = join(dir, 'sightline.db');
  // Another source first: the knowledge pack is imported on the first status, taking global id 1.
  assert.equal((await run('lists', 'status')).code, 0);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the first import of a source is its version 1 even after other sources, the next its version 2', async () => {
  const first = await run('lists', 'import', V1);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^csl: imported version 1 \(id \d+\) — 3 list entries/);
  const second = await run('lists', 'import', V2);
  assert.match(second.out, /^csl: imported version 2 \(id \d+\)/);
  const status = JSON.parse((await run('lists', 'status', '--all', '--json')).out);
  const numbers = (source: string) => status.versions.filter((v: { source: string }) => v.source === source).map((v: { number: number }) => v.number);
  assert.deepEqual(numbers('csl'), [1, 2]);
  assert.deepEqual(numbers('pack'), [1]);
  const csl = status.versions.filter((v: { source: string }) => v.source === 'csl');
  assert.ok(csl[0].id > 1, 'the global id still counts every source');
});

test('deleting one of two same-named entries diffs as exactly that one removed, nothing changed', async () => {
  const r = await run('lists', 'diff', '1', '2', '--source', 'csl', '--json');
  assert.equal(r.code, 0, r.err);
  const diff = JSON.parse(r.out);
  assert.equal(diff.from.number, 1);
  assert.equal(diff.to.number, 2);
  assert.deepEqual(diff.added, []);
  assert.deepEqual(diff.changed, []);
  const parties = diff.removed.filter((e: { schema: string }) => e.schema !== 'Sanction');
  assert.equal(parties.length, 1);
  assert.equal(parties[0].caption, 'Acme Vision Technology Co., Ltd.');
  // The removed one is the Shenzhen entry (x1): its id was the unsuffixed one in version 1.
  assert.equal(parties[0].id, 'el-acme-vision-technology-co-ltd');
  assert.equal(diff.removed.length, 2, 'the entry and its Sanction');
  const text = await run('lists', 'diff', '--source', 'csl');
  assert.match(text.out, /^csl: version 1 → 2: 0 added, 2 removed, 0 changed/);
});

test('an entry unchanged in the new version cites the new file and row, not the first version', async () => {
  const r = await run('entity', 'Borealis Optics', '--json');
  assert.equal(r.code, 0, r.err);
  const listing = JSON.parse(r.out).listings.find((l: { listCode: string }) => l.listCode === 'EL');
  const cited = listing.sources.filter((s: { kind: string }) => s.kind === 'list');
  assert.deepEqual(
    cited.map((s: { file: string; record: number }) => [s.file, s.record]),
    [['csl-v2.csv', 2]],
  );
});

test('a diff of a version the source does not have names the source', async () => {
  const r = await run('lists', 'diff', '1', '9', '--source', 'csl');
  assert.equal(r.code, 2);
  assert.match(r.err, /source csl has no version 9/);
});

test('list imports from the command line are in the audit trail, shown in words', async () => {
  const store = await openStore(db);
  try {
    const imports = (await new AuditLog(serverDb(store)).list()).filter((e) => e.action === 'lists.imported');
    assert.deepEqual(
      imports.map((e) => [e.actor, e.subject]),
      [
        ['command line', 'csl#1'],
        ['command line', 'csl#2'],
      ],
    );
    const key = { ...imports[0], action: 'key.created', subject: 'k7', detail: { name: 'Rita (compliance)', role: 'reviewer' } };
    assert.equal(detailText(key), 'key k7 for Rita (compliance), role reviewer');
    assert.match(detailText(imports[0]), /^csl version 1 from csl-v1\.csv: 3 list entries, sha256 [0-9a-f]{12}…$/);
  } finally {
    await store.close();
  }
});
