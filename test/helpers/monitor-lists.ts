/**
 * The list-change scenario of issue #30, shared by the SQLite and PostgreSQL tests: import CSL version A,
 * add two monitors, import version B (one entry added, one changed, one removed), re-screen.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Store } from '../../src/store/index.ts';
import { importFiles } from '../../src/lists/import-files.ts';
import { loadWorld } from '../../src/graph/load.ts';
import { MonitorService, screeningWorld, type ScreeningWorld } from '../../src/monitor/index.ts';

export const monitorFixture = (name: string): string => join(fileURLToPath(new URL('../fixtures/monitor/', import.meta.url)), name);

export const ADMIN = { actor: 'test', role: 'admin' };

export async function currentWorld(store: Store): Promise<ScreeningWorld> {
  const { world, versions } = await loadWorld(store);
  return screeningWorld(world, versions);
}

/** Version A imported, monitors "all vendors" and "short list" added as the baseline. */
export async function monitorsOnVersionA(store: Store): Promise<MonitorService> {
  await importFiles(store, [monitorFixture('csl-a.csv')]);
  const service = new MonitorService(store);
  const sw = await currentWorld(store);
  await service.add({ name: 'all vendors', kind: 'vendors', owner: 'ana' }, { path: monitorFixture('vendors.csv') }, sw, ADMIN);
  await service.add({ name: 'short list', kind: 'vendors', owner: 'bo' }, { path: monitorFixture('vendors-short.csv') }, sw, ADMIN);
  return service;
}

export async function importVersionB(store: Store): Promise<ScreeningWorld> {
  await importFiles(store, [monitorFixture('csl-b.csv')]);
  return currentWorld(store);
}
