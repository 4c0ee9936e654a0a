import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../store/index.ts';
import { ReviewStore, serverDb } from '../review/index.ts';
import { monitorsOnVersionA, currentWorld, monitorFixture, ADMIN } from '../../test/helpers/monitor-lists.ts';
import { concurrentRescreens, listChangeAlerts } from '../../test/helpers/monitor-expect.ts';

test('a list change raises exactly the new, changed and resolved alerts, once each (SQLite)', async () => {
  const store = await openStore(':memory:');
  try {
    await listChangeAlerts(store);
  } finally {
    await store.close();
  }
});

test('a reviewer decision on the same listings holds; replacing the file alerts on the difference', async () => {
  const store = await openStore(':memory:');
  try {
    const service = await monitorsOnVersionA(store);
    const short = await service.monitors.require('short list');
    const hits = await service.monitors.hits(short.id);
    assert.deepEqual(
      hits.map((h) => h.caption),
      ['Meridax Surveillance Ltd.'],
    );
    const brixtel = (await service.monitors.hits((await service.monitors.require('all vendors')).id)).find((h) => h.caption.startsWith('Brixtel'))!;
    await new ReviewStore(serverDb(store)).decide({ ...brixtel, decision: 'dismissed', reason: 'not our Brixtel', actor: 'ana', role: 'reviewer' });
    const sw = await currentWorld(store);
    const replaced = await service.replaceInput('short list', { path: monitorFixture('vendors.csv') }, sw, ADMIN);
    assert.deepEqual(
      replaced.alerts.map((a) => [a.kind, a.caption]).sort(),
      [['new', 'Qorvane Optics Ltd.']],
      'Brixtel was dismissed on these very listings: no alert',
    );
    const again = await service.rescreen('short list', sw, { full: true });
    assert.equal(again.alerts.length, 0, 'a full re-screen with nothing changed raises nothing');
  } finally {
    await store.close();
  }
});

test('two re-screens of the same monitors at once raise each alert once (one process)', async () => {
  const store = await openStore(':memory:');
  try {
    await concurrentRescreens(store);
  } finally {
    await store.close();
  }
});
