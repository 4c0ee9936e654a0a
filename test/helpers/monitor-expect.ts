/** The assertions of the list-change test, run on each store. */
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/index.ts';
import { monitorsOnVersionA, importVersionB } from './monitor-lists.ts';

export async function listChangeAlerts(store: Store): Promise<void> {
  const service = await monitorsOnVersionA(store);
  assert.equal((await service.alerts.list()).length, 0, 'the baseline screening raises no alert');
  const all = await service.monitors.require('all vendors');
  assert.deepEqual(all.summary, { rows: 6, hit: 3, review: 0 });
  const sw = await importVersionB(store);
  const outcomes = await service.rescreenAll(sw);
  assert.ok(
    outcomes.every((o) => 'mode' in o && o.mode === 'delta'),
    JSON.stringify(outcomes),
  );
  const alerts = (await service.alerts.list()).map((a) => [a.monitorName, a.kind, a.caption, a.cause]).sort();
  assert.deepEqual(alerts, [
    ['all vendors', 'changed', 'Qorvane Optics Ltd.', 'csl version 2'],
    ['all vendors', 'new', 'Tolvaro Imaging Co., Ltd.', 'csl version 2'],
    ['all vendors', 'resolved', 'Brixtel Vision Co., Ltd.', 'csl version 2'],
    ['short list', 'new', 'Tolvaro Imaging Co., Ltd.', 'csl version 2'],
  ]);
  const changed = (await service.alerts.list({ kind: 'changed' }))[0];
  const detail = changed.detail as { before: { listings: { since?: string }[] }; after: { listings: { since?: string }[] } };
  assert.deepEqual([detail.before.listings[0].since, detail.after.listings[0].since], ['2024-02-01', '2025-06-05']);
  const second = await service.rescreenAll(sw);
  assert.ok(second.every((o) => 'mode' in o && o.mode === 'unchanged'));
  const full = await service.rescreenAll(sw, { full: true });
  assert.equal(full.flatMap((o) => ('alerts' in o ? o.alerts : [])).length, 0, 'a full re-screen agrees with the delta: nothing more');
  assert.equal((await service.alerts.list()).length, 4, 'each alert once');
  assert.deepEqual((await service.monitors.require('all vendors')).summary, { rows: 6, hit: 3, review: 0 });
}
