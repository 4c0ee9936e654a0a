/**
 * A new list version reaches every process: each one LISTENs on PostgreSQL for the version ids the
 * store announces on import (whichever process imported), and reloads its world. The reload builds
 * the new index beside the old one and swaps it in (WorldHolder), so requests in flight are not dropped.
 */
import pg from 'pg';
import { LIST_VERSION_CHANNEL } from '../store/index.ts';
import type { WorldHolder } from './world-state.ts';

export interface VersionWatch {
  /** Reloads done after announcements (tests, /readyz). */
  reloads(): number;
  close(): Promise<void>;
}

const RECONNECT_MS = 2_000;

/**
 * `currentVersionIds` (the store's) closes the gap between loading the world and listening: a version
 * committed in between (another process starting at the same moment, importing) was announced to no one
 * here, so after the first LISTEN the loaded versions are compared with the store's and reloaded if older.
 */
export function watchListVersions(
  url: string,
  worlds: WorldHolder,
  onError: (message: string) => void = () => {},
  currentVersionIds?: () => Promise<number[]>,
): VersionWatch {
  let client: pg.Client | undefined;
  let closed = false;
  let reloads = 0;
  let reloading: Promise<void> | undefined;
  let again = false;
  let connectedBefore = false;
  // Announcements that arrive during a reload are folded into one more reload after it.
  const reload = (): void => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = worlds
      .reload()
      .then(() => void reloads++)
      .catch((err) => onError(`reloading the lists failed: ${(err as Error).message}`))
      .finally(() => {
        reloading = undefined;
        if (again && !closed) {
          again = false;
          reload();
        }
      });
  };
  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => reload());
    c.on('error', (err) => {
      onError(`list version listener: ${err.message}; reconnecting`);
      client = undefined;
      void c.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS).unref();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${LIST_VERSION_CHANNEL}`);
      client = c;
      // A version imported while the connection was down is picked up now.
      if (connectedBefore) reload();
      else if (
        currentVersionIds &&
        !sameIds(
          await currentVersionIds(),
          worlds.get().versions.map((v) => v.id),
        )
      )
        reload();
      connectedBefore = true;
    } catch (err) {
      onError(`list version listener: ${(err as Error).message}; retrying`);
      void c.end().catch(() => undefined);
      setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS).unref();
    }
  };
  void connect();
  return {
    reloads: () => reloads,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      await reloading;
    },
  };
}

function sameIds(a: number[], b: number[]): boolean {
  const key = (ids: number[]) => [...ids].sort((x, y) => x - y).join(',');
  return key(a) === key(b);
}
