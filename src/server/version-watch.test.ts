import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../store/index.ts';
import { loadWorld } from '../graph/load.ts';
import { pgClusterPerFile } from '../../test/helpers/pg-cluster.ts';
import type { Entity } from '../model/entity.ts';
import { WorldHolder, snapshot } from './world-state.ts';
import { watchListVersions } from './version-watch.ts';

const pg = pgClusterPerFile();

const company = (id: string, name: string): Entity => ({ id, schema: 'Company', properties: { name: [name] }, origin: { source: 't' } });

test('a version committed between loading the world and listening is picked up when the listener starts', {
  skip: pg.skip,
}, async () => {
  const store = await openStore(pg.url());
  const currentIds = async () => (await store.currentVersions()).map((v) => v.id);
  try {
    await store.importVersion({ source: 'gap', format: 'x', fileNames: ['a'], sha256: 'a' }, [company('gap-a', 'Alpha Gap Trading')]);
    const loaded = await loadWorld(store);
    const worlds = new WorldHolder(snapshot(loaded.world, loaded.versions), () => loadWorld(store));
    // Announced to no one: nothing listens yet.
    const b = await store.importVersion({ source: 'gap', format: 'x', fileNames: ['a'], sha256: 'b' }, [company('gap-b', 'Beta Gap Trading')]);
    const watch = watchListVersions(pg.url(), worlds, () => {}, currentIds);
    try {
      // The reload loads the whole world again (the knowledge pack included): seconds on a loaded machine.
      const deadline = Date.now() + 60_000;
      while (watch.reloads() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(watch.reloads(), 1);
      assert.ok(worlds.get().versions.some((v) => v.id === b.version.id));
    } finally {
      await watch.close();
    }
    // Up to date at start: no reload.
    const again = await loadWorld(store);
    const fresh = new WorldHolder(snapshot(again.world, again.versions), () => loadWorld(store));
    const quiet = watchListVersions(pg.url(), fresh, () => {}, currentIds);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(quiet.reloads(), 0);
    } finally {
      await quiet.close();
    }
  } finally {
    await store.close();
  }
});
