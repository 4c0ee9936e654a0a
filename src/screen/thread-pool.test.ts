import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.ts';
import { importFiles } from '../lists/import-files.ts';
import { openWorldIndex, snapshotKey, snapshotPath } from '../snapshot/index.ts';
import { fixture } from '../../test/helpers/lists.ts';
import { runScreening } from './run-screening.ts';
import { RowScreener } from './row-screener.ts';
import { selectRules } from '../graph/rules.ts';
import { readyWorker, ScreeningPool, threadedBatch } from './thread-pool.ts';
import type { RowFields } from './types.ts';

const ASOF = '2024-06-01';
const NOW = new Date('2024-06-01T12:00:00Z');

/** 1,300 rows (above the threaded minimum): the example vendors, some altered, with ordinary names between them. */
function vendorRows(): string[][] {
  const examples = readFileSync(new URL('../../examples/vendors.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const names = examples.map((l) => l.split(',')[1]);
  const rows: string[][] = [];
  for (let i = 0; i < 1300; i++) {
    const listed = names[i % names.length];
    const name = i % 3 === 0 ? listed : i % 3 === 1 ? `${listed.toUpperCase()} ${i}` : `Ordinary Widgets ${i} Ltd`;
    rows.push([`V-${i}`, name, i % 2 ? 'China' : 'United Kingdom']);
  }
  return rows;
}

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-threads-'));
  const db = join(dir, 'sightline.db');
  const store = await openStore(db);
  await importFiles(store, [fixture('csl-current.csv')]);
  const file = join(dir, 'vendors.csv');
  const rows = vendorRows();
  writeFileSync(file, `Vendor ID,Vendor Name,Country\n${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n')}\n`);
  return { store, file, rows, snapshot: snapshotPath({ db, dataDir: dir })! };
}

test('worker threads give each row the verdict one thread gives it, in row order', async () => {
  const { store, rows, snapshot } = await setUp();
  try {
    const { world, index, versions } = await openWorldIndex(store, snapshot);
    const options = { kind: 'vendors' as const, asOf: ASOF, hitThreshold: 0.85, reviewThreshold: 0.75 };
    const fields: RowFields[] = rows.map(([id, name, country]) => ({ id, name, country }));
    const one = new RowScreener(world, index, { ...options, rules: selectRules(undefined, ASOF).rules });
    const expected = fields.map((f) => one.screen(f));
    assert.ok(expected.some((v) => v.status === 'hit') && expected.some((v) => v.status === 'clear'), 'the file has hits and clear rows');
    const setup = { snapshot, key: snapshotKey(versions), ...options };
    // from source the worker's code is bundled once: done first, the workers below start at once and take chunks
    await (await readyWorker(setup)).terminate();
    const local = new RowScreener(world, index, { ...options, rules: selectRules(undefined, ASOF).rules });
    // 3 threads: the calling one and two workers
    const pool = new ScreeningPool(3, setup, (r) => local.screen(r));
    for (const f of fields) pool.add(f);
    const threaded = await pool.finish();
    assert.ok(pool.workerRows > 0 && pool.workerRows < fields.length, `the workers screened ${pool.workerRows} of ${fields.length} rows`);
    assert.equal(JSON.stringify(threaded), JSON.stringify(expected));
  } finally {
    await store.close();
  }
});

test('screening a file on 2 threads gives the report of 1 thread, without falling back', async () => {
  const { store, file, snapshot } = await setUp();
  const warn = mock.method(process, 'emitWarning');
  try {
    const run = (threads: number) => runScreening(store, file, { snapshot, threads, asOf: ASOF, now: NOW, runId: 'same' });
    const single = await run(1);
    const double = await run(2);
    assert.ok(single.summary.hit > 0);
    assert.equal(single.summary.screened, 1300);
    assert.equal(JSON.stringify(double), JSON.stringify(single));
    assert.deepEqual(
      warn.mock.calls.map((c) => c.arguments[0]),
      [],
    );
  } finally {
    warn.mock.restore();
    await store.close();
  }
});

test('a worker that cannot open the snapshot fails with the reason instead of answering from nothing', async () => {
  const { store, snapshot } = await setUp();
  try {
    await openWorldIndex(store, snapshot);
    const setup = { snapshot, key: 'another key', kind: 'vendors' as const, asOf: ASOF, hitThreshold: 0.85, reviewThreshold: 0.75 };
    await assert.rejects(readyWorker(setup), /other list versions/);
  } finally {
    await store.close();
  }
});

test('a file below the threaded minimum is screened on the calling thread alone; workers start at the minimum', async () => {
  const warn = mock.method(process, 'emitWarning');
  try {
    const setup = { snapshot: join(tmpdir(), 'no-such-snapshot'), key: 'k', kind: 'vendors' as const, asOf: ASOF, hitThreshold: 0.85, reviewThreshold: 0.75 };
    let screened = 0;
    const local = (r: RowFields) => (screened++, { status: 'clear' as const, listings: [], paths: [], lists: [r.name ?? ''] });
    const rows: RowFields[] = Array.from({ length: 20_000 }, (_, i) => ({ name: `Vendor ${i}` }));
    const small = threadedBatch(2, setup, local, 20_000);
    for (const r of rows.slice(1)) small.add(r);
    assert.equal(small.threaded, false);
    const verdicts = await small.finish();
    assert.equal(screened, rows.length - 1);
    assert.deepEqual(verdicts[19_998].lists, ['Vendor 19999']);
    assert.deepEqual(warn.mock.calls, []);
    const large = threadedBatch(2, setup, local, 20_000);
    for (const r of rows) large.add(r);
    assert.equal(large.threaded, true);
    // its worker cannot open the snapshot: whether or not that shows before the end, every row gets its own verdict
    assert.deepEqual(
      (await large.finish()).map((v) => v.lists[0]),
      rows.map((r) => r.name),
    );
  } finally {
    warn.mock.restore();
  }
});
