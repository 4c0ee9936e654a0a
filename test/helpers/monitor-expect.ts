/** The assertions of the list-change test, run on each store. */
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/index.ts';
import { MonitorService } from '../../src/monitor/index.ts';
import { currentWorld, monitorsOnVersionA, importVersionB } from './monitor-lists.ts';

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

/**
 * Two re-screens of every monitor at the same moment after version B, through `first` and `second` (one
 * service twice, or two services on two connections to one database, as two API processes): each alert
 * is raised once, by whichever re-screen came first; the other finds the monitors up to date.
 */
export async function concurrentRescreens(store: Store, second: Store = store): Promise<void> {
  const service = await monitorsOnVersionA(store);
  const sw = await importVersionB(store);
  const other = second === store ? service : new MonitorService(second);
  const [a, b] = await Promise.all([service.rescreenAll(sw), other.rescreenAll(await currentWorld(second))]);
  const modes = [...a, ...b].map((o) => ('mode' in o ? o.mode : o.error)).sort();
  assert.deepEqual(modes, ['delta', 'delta', 'unchanged', 'unchanged'], 'each monitor re-screened once');
  const alerts = (await service.alerts.list()).map((x) => [x.monitorName, x.kind, x.caption]).sort();
  assert.equal(alerts.length, 4, JSON.stringify(alerts));
  assert.equal(new Set(alerts.map((x) => x.join())).size, 4, 'no alert twice');
}
