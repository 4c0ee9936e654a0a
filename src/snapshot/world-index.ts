/**
 * The world and its match index for the store's current list versions, from a snapshot file when one
 * was written for exactly these versions (one read, arrays used in place), else built from the store
 * and written for the next command. A stale snapshot (other versions, pack or code) or a damaged one
 * (checksum) is never used: it is rebuilt and replaced.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { loadWorld } from '../graph/load.ts';
import type { MergedWorld } from '../graph/world.ts';
import { LAZY_COLUMNS, worldColumns, worldFromColumns, type WorldColumns } from '../graph/world-columns.ts';
import { InMemoryMatchIndex, type MatchIndexState } from '../match/index.ts';
import type { Store, VersionInfo } from '../store/index.ts';
import { decodeSnapshot, SnapshotError, writeSnapshotFile, type StateRecord } from './codec.ts';
import { snapshotKey } from './key.ts';

export interface IndexedWorld {
  world: MergedWorld;
  versions: VersionInfo[];
  index: InMemoryMatchIndex;
  /** `snapshot`: opened from the file; `built`: built from the store (and written, when there is a path). */
  from: 'snapshot' | 'built';
  /** Why a snapshot present was not used (stale, damaged), when it was not. */
  rejected?: string;
}

/** Where the snapshot of a database lives: beside a SQLite file, in the data folder for PostgreSQL; none in memory. */
export function snapshotPath(config: Pick<Config, 'db' | 'dataDir'>): string | undefined {
  const db = config.db;
  if (db === ':memory:' || db.startsWith('file::memory:')) return undefined;
  if (/^postgres(ql)?:\/\//.test(db)) return join(config.dataDir, `snapshot-${createHash('sha256').update(db).digest('hex').slice(0, 16)}.bin`);
  return `${db}.snapshot`;
}

/** The world's JSON texts: kept in deflated blocks, read entry by entry when used. */
const packed = (name: string) => LAZY_COLUMNS.some((c) => name === `world.${c}`);
/**
 * Read entry by entry too: the index's sorted name keys and the candidate index's vocabulary (a query looks up
 * a few by binary search; decoding and mapping all of them would slow every open).
 */
const readOnDemand = (name: string) => packed(name) || name === 'index.nameKeys' || name === 'index.names.keys';

interface SnapshotMeta {
  key: string;
  versions: VersionInfo[];
  createdAt: string;
}

/** The world and index of a snapshot file if it is sound and its key is `key`; why not otherwise. */
export function openSnapshot(path: string, key: string): { world: MergedWorld; index: InMemoryMatchIndex; versions: VersionInfo[] } | string {
  let decoded: ReturnType<typeof decodeSnapshot>;
  try {
    decoded = decodeSnapshot(readFileSync(path), readOnDemand);
  } catch (err) {
    if (err instanceof SnapshotError) return err.message;
    throw err;
  }
  const meta = decoded.meta as unknown as SnapshotMeta;
  if (meta.key !== key) return 'snapshot built for other list versions or another Sightline version';
  const world = worldFromColumns(decoded.state.world as unknown as WorldColumns);
  const index = new InMemoryMatchIndex([], { state: decoded.state.index as unknown as MatchIndexState, source: (k) => world.party(k) });
  return { world, index, versions: meta.versions };
}

/** Writes the snapshot of a built world and index (atomically: a reader never sees half a file). */
export function writeSnapshot(path: string, key: string, built: { world: MergedWorld; index: InMemoryMatchIndex; versions: VersionInfo[] }): void {
  const maps = built.world.maps?.();
  if (!maps) throw new Error('writeSnapshot: the world was not built by createWorld');
  const state = { world: worldColumns(maps), index: built.index.state() } as unknown as StateRecord;
  const meta: SnapshotMeta = { key, versions: built.versions, createdAt: new Date().toISOString() };
  const tmp = `${path}.${process.pid}.tmp`;
  writeSnapshotFile(tmp, state, meta as unknown as Record<string, unknown>, packed);
  renameSync(tmp, path);
}

/** Builds world and index from the store (importing the pack when it changed) and writes the snapshot when there is a path. */
export async function buildWorldIndex(store: Store, path: string | undefined): Promise<IndexedWorld> {
  const { world, versions } = await loadWorld(store);
  const index = new InMemoryMatchIndex(world.parties());
  if (path) {
    try {
      writeSnapshot(path, snapshotKey(versions), { world, index, versions });
    } catch (err) {
      // a read-only data folder or a full disk costs speed, not answers
      process.emitWarning(`sightline: could not write the index snapshot ${path}: ${(err as Error).message}`);
    }
  }
  return { world, versions, index, from: 'built' };
}

/** The world and index for the store's current versions: the snapshot when it is sound and current, else built (and written). */
export async function openWorldIndex(store: Store, path: string | undefined): Promise<IndexedWorld> {
  if (!path || !existsSync(path)) return buildWorldIndex(store, path);
  const opened = openSnapshot(path, snapshotKey(await store.currentVersions()));
  if (typeof opened !== 'string') return { ...opened, from: 'snapshot' };
  return { ...(await buildWorldIndex(store, path)), rejected: opened };
}
