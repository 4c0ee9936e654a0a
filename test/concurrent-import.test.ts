// Two imports into one SQLite database: the second waits for the first instead of failing with "database is locked".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, Store } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';

const CSL = 'test/fixtures/lists/csl-current.csv';

/**
 * Another process holding the write lock for `ms`, as a running import does; resolves once it holds it, with
 * the time (Date.now(), the same clock here) at which it took the lock: it commits no sooner than `ms` after.
 */
async function holdWriteLock(db: string, ms: number): Promise<{ child: ChildProcess; lockedAt: number }> {
  const script = `const db = new (require('better-sqlite3'))(${JSON.stringify(db)}); db.exec('BEGIN IMMEDIATE'); console.log('locked', Date.now());
setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lockedAt = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (line: Buffer) => resolve(Number(/locked (\d+)/.exec(line.toString())?.[1])));
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  assert.ok(lockedAt > 0, 'the lock holder printed when it took the lock');
  return { child, lockedAt };
}

test('an import waits for another one holding the lock longer than the 5 s busy timeout, then succeeds', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-concurrent-'));
  const store = new Store(await openDb(join(dir, 'store.db')));
  try {
    const { child: holder, lockedAt } = await holdWriteLock(join(dir, 'store.db'), 6500);
    const out = await importFiles(store, [CSL]);
    assert.equal(out.unchanged, false);
    // From when the other process took the lock, not from when this one heard of it (later on a loaded machine).
    assert.ok(Date.now() - lockedAt >= 6000, 'it waited for the other writer');
    assert.equal((await store.versions('csl')).length, 1);
    holder.kill();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('past its wait, the import fails with "another import is running", not a raw SqliteError', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-concurrent-'));
  const store = new Store(await openDb(join(dir, 'store.db')), 1000);
  const { child: holder } = await holdWriteLock(join(dir, 'store.db'), 20_000);
  try {
    await assert.rejects(importFiles(store, [CSL]), (err: Error) => {
      assert.equal(err.name, 'SightlineError');
      assert.match(err.message, /another import is running on this database/);
      return true;
    });
    assert.equal((await store.versions('csl')).length, 0, 'nothing was written');
  } finally {
    holder.kill();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
