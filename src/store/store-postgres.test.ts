import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from './index.ts';
import { pgClusterPerFile } from '../../test/helpers/pg-cluster.ts';
import type { Entity } from '../model/entity.ts';

// The same store code on PostgreSQL (multi-user deployments): a throwaway cluster per run.
const pg = pgClusterPerFile();

const company = (id: string, name: string): Entity => ({ id, schema: 'Company', properties: { name: [name] }, origin: { source: 't' } });

test('on PostgreSQL, versions, no-op re-imports, rollback and diffs behave as on SQLite', {
  skip: pg.skip,
}, async () => {
  const store = await openStore(pg.url());
  try {
    const v1 = await store.importVersion({ source: 'csl', format: 'x', fileNames: ['a'], sha256: '1' }, [company('a', 'Alpha'), company('b', 'Beta')]);
    assert.equal(v1.version.entityCount, 2);
    assert.equal((await store.importVersion({ source: 'csl', format: 'x', fileNames: ['a'], sha256: '1' }, [])).unchanged, true);
    async function* broken() {
      yield company('c', 'Gamma');
      throw new Error('malformed row');
    }
    await assert.rejects(store.importVersion({ source: 'csl', format: 'x', fileNames: ['a'], sha256: '2' }, broken()), /malformed/);
    assert.equal((await store.versions('csl')).length, 1);
    const v2 = await store.importVersion({ source: 'csl', format: 'x', fileNames: ['a'], sha256: '3' }, [company('a', 'Alpha'), company('c', 'Gamma')]);
    const diff = await store.diff(v1.version.id, v2.version.id);
    assert.deepEqual([diff.added.map((e) => e.id), diff.removed.map((e) => e.id)], [['c'], ['b']]);
  } finally {
    await store.close();
  }
});

test('on PostgreSQL, two imports of one source at once both land, numbered one after the other', {
  skip: pg.skip,
}, async () => {
  const [first, second] = [await openStore(pg.url()), await openStore(pg.url())];
  try {
    async function* slow(name: string) {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield company(`${name}-${i}`, `${name} ${i}`);
      }
    }
    const meta = (sha256: string) => ({ source: 'race', format: 'x', fileNames: ['a'], sha256 });
    const outcomes = await Promise.all([first.importVersion(meta('r1'), slow('One')), second.importVersion(meta('r2'), slow('Two'))]);
    assert.deepEqual(outcomes.map((o) => o.version.number).sort(), [1, 2]);
    assert.equal((await first.versions('race')).length, 2);
  } finally {
    await first.close();
    await second.close();
  }
});

test('on PostgreSQL, processes importing the same file at once make one version (the bundled pack at a shared start)', {
  skip: pg.skip,
}, async () => {
  const stores = [await openStore(pg.url()), await openStore(pg.url()), await openStore(pg.url())];
  try {
    async function* slow() {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield company(`same-${i}`, `Same ${i}`);
      }
    }
    const meta = { source: 'shared-start', format: 'x', fileNames: ['a'], sha256: 'one-file' };
    const outcomes = await Promise.all(stores.map((s) => s.importVersion(meta, slow())));
    assert.equal((await stores[0].versions('shared-start')).length, 1);
    assert.deepEqual(new Set(outcomes.map((o) => o.version.id)).size, 1);
    assert.deepEqual(outcomes.map((o) => o.unchanged).sort(), [false, true, true]);
  } finally {
    for (const s of stores) await s.close();
  }
});
