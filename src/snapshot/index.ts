/** Persisted world and match index: one file per database and list-version set, opened instead of rebuilt. */
export { buildWorldIndex, openSnapshot, openWorldIndex, snapshotPath, writeSnapshot, type IndexedWorld } from './world-index.ts';
export { snapshotKey } from './key.ts';
export { SnapshotError, FORMAT_VERSION } from './codec.ts';
