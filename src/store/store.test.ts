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
  const out = await store.importVersion({ source: 'csl', format: 'csl-csv', fileNames: ['a.csv'], sha256: 'aaa' }, [company('a', 'Alpha'), sanction('a-el', 'a', 'EL')]);
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
  assert.deepEqual(entities.map((e) => e.id), ['a']);
  await store.close();
});

test('diff reports added, removed and changed entries with the changed properties', async () => {
  const store = await openStore(':memory:');
  const v1 = await store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '1' }, [company('a', 'Alpha'), company('b', 'Beta'), company('c', 'Gamma')]);
  const v2 = await store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '2' }, [company('a', 'Alpha'), company('b', 'Beta', { country: ['cn'] }), company('d', 'Delta')]);
  const diff = await store.diff(v1.version.id, v2.version.id);
  assert.deepEqual(diff.added.map((e) => e.id), ['d']);
  assert.deepEqual(diff.removed.map((e) => e.id), ['c']);
  assert.deepEqual(diff.changed.map((e) => [e.id, e.properties]), [['b', ['country']]]);
  await store.close();
});

test('duplicate ids within one import are refused naming the record', async () => {
  const store = await openStore(':memory:');
  await assert.rejects(store.importVersion({ source: 's', format: 'x', fileNames: [], sha256: '1' }, [company('a', 'A'), company('a', 'B')]), /f\.csv, record 1: duplicate entity id a/);
  assert.equal((await store.versions()).length, 0);
  await store.close();
});
