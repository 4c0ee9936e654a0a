/** Opens the store named by --db / SIGHTLINE_DB for one command and closes it afterwards. */
import { loadConfig, type Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import type { IndexedWorld } from '../snapshot/index.ts';

export async function withStore<T>(flags: { db?: string }, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(flags);
  // loaded here, not at the top: `sightline --help` and `--version` need no database driver
  const { openStore } = await import('../store/index.ts');
  const store = await openStore(config.db);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/**
 * The world and match index of the store's current lists, from the snapshot beside the database (built
 * and written on first use, or when the lists, the pack or Sightline changed, or the file is damaged).
 */
export async function openWorld(store: Store, config: Config): Promise<IndexedWorld> {
  const { openWorldIndex, snapshotPath } = await import('../snapshot/index.ts');
  return openWorldIndex(store, snapshotPath(config));
}

/** After an import: the snapshot for the new versions, written now rather than by the next command. */
export async function refreshSnapshot(store: Store, config: Config): Promise<void> {
  await openWorld(store, config);
}
