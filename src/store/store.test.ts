import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from './index.ts';
import type { Entity } from '../model/entity.ts';

function company(id: string, name: string, extra: Record<string, string[]> = {}): Entity {
  return { id, schema: 'Company', properties: { name: [name], ...extra }, origin: { source: 't', file: 'f.csv', record: 1 } };
}
function sanction(id: string, entity: string, code: string): Entity {
  return { id, schema: 'Sanction', properties: { entity: [entity], programId: [code] } };
}

test('an import becomes a version with counts by list and schema', async () => {
  const store = await openStore(':memory:');
  const out = await store.importVersion({ source: 'csl', format: 'csl-csv', fileNames: ['a.csv'], sha256: 'aaa' }, [
    company('a', 'Alpha'),
    sanction('a-el', 'a', 'EL'),
  ]);
  assert.equal(out.unchanged, false);
  assert.equal(out.version.entityCount, 2);
  assert.deepEqual(out.version.counts.byList, { EL: 1 });
  assert.deepEqual(out.version.counts.bySchema, { Company: 1, Sanction: 1 });
  assert.equal((await store.entitiesOf(out.version.id)).length, 2);
  await store.close();
});

test('re-importing identical content creates no new version', async () => {
  const store = await openStore(':memory:');
  const meta = { source: 'csl', format: 'csl-csv', fileNames: ['a.csv'], sha256: 'same' };
  const first = await store.importVersion(meta, [company('a', 'Alpha')]);
  const again = await store.importVersion(meta, [company('a', 'Alpha')]);
  assert.equal(again.unchanged, true);
  assert.equal(again.version.id, first.version.id);
  assert.equal((await store.versions('csl')).length, 1);
  await store.close();
});

test('a failing stream leaves the previous version untouched', async () => {
  const store = await openStore(':memory:');
  await store.importVersion({ source: 'csl', format: 'x', fileNames: [], sha256: 'v1' }, [company('a', 'Alpha')]);
  async function* broken() {
    yield company('b', 'Beta');
    throw new Error('truncated file');
  }
  await assert.rejects(store.importVersion({ source: 'csl', format: 'x', fileNames: [], sha256: 'v2' }, broken()), /truncated/);
  const versions = await store.versions('csl');
  assert.equal(versions.length, 1);
  const { entities } = await store.currentEntities();
  assert.deepEqual(
    entities.map((e) => e.id),
    ['a'],
  );
  await store.close();
});

test('diff reports added, removed and changed entries with the changed properties', async () => {
  const store = await openStore(':memory:');
  const v1 = await store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '1' }, [
    company('a', 'Alpha'),
    company('b', 'Beta'),
    company('c', 'Gamma'),
  ]);
  const v2 = await store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '2' }, [
    company('a', 'Alpha'),
    company('b', 'Beta', { country: ['cn'] }),
    company('d', 'Delta'),
  ]);
  const diff = await store.diff(v1.version.id, v2.version.id);
  assert.deepEqual(
    diff.added.map((e) => e.id),
    ['d'],
  );
  assert.deepEqual(
    diff.removed.map((e) => e.id),
    ['c'],
  );
  assert.deepEqual(
    diff.changed.map((e) => [e.id, e.properties]),
    [['b', ['country']]],
  );
  await store.close();
});

test('duplicate ids within one import are refused naming the record', async () => {
  const store = await openStore(':memory:');
  await assert.rejects(
    store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '1' }, [company('a', 'A'), company('a', 'B')]),
    /f\.csv, record 1: duplicate entity id a/,
  );
  assert.equal((await store.versions()).length, 0);
  await store.close();
});

test('the store runs every migration: the review and job tables are there, the dead screenings table is dropped', async () => {
  const { sql } = await import('kysely');
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'sightline-store-')), 'old.db');
  const store = await openStore(file);
  const tables = async (s: typeof store) =>
    (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(s.handle.db)).rows.map((r) => r.name);
  try {
    const names = await tables(store);
    for (const t of ['versions', 'review_decisions', 'audit_log', 'jobs', 'job_inputs']) assert.ok(names.includes(t), t);
    assert.ok(!names.includes('screenings'));
    // A database from before 0004 still holds the table: reopening drops it.
    await sql`CREATE TABLE screenings (id text primary key)`.execute(store.handle.db);
    await sql`DELETE FROM kysely_migration WHERE name = '0004_drop_screenings'`.execute(store.handle.db);
  } finally {
    await store.close();
  }
  const reopened = await openStore(file);
  try {
    assert.ok(!(await tables(reopened)).includes('screenings'));
  } finally {
    await reopened.close();
  }
});
