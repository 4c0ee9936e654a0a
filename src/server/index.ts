/**
 * The Sightline server: `buildApp` for tests (app.inject, no port), `startServer` for `sightline serve`
 * and `npm start` (opens the store, loads the pack and lists, builds the UI, listens).
 */
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/index.ts';
import { openWorldIndex, snapshotPath } from '../snapshot/index.ts';
import { resolveSource, updateSource } from '../lists/update.ts';
import { packageRoot } from '../paths.ts';
import { buildWeb } from '../web/build.ts';
import { buildApp, type BuildAppOptions } from './app.ts';
import { isLoopback } from './auth.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { watchListVersions } from './version-watch.ts';

export { buildApp, CSP, type BuildAppOptions } from './app.ts';
export { ApiKeys, ROLES, ROLE_HELP, isLoopback, type Role, type Principal } from './auth.ts';
export type { JobHandler, JobResult, ResultRow, Hit } from './jobs/types.ts';

export interface StartOptions {
  /** SQLite path or postgres:// URL (default: SIGHTLINE_DB or the data folder). */
  db?: string;
  host?: string;
  port?: number;
  /** Serve the web UI (default true). */
  ui?: boolean;
  /** Offer the files in examples/ on the home page (default true). */
  examples?: boolean;
  rateLimit?: RateLimitOptions | false;
  uploadBytes?: number;
  concurrency?: number;
  /** PostgreSQL: run job workers in this process too (default true; `serve --no-worker`: false). */
  worker?: boolean;
  /** PostgreSQL: rows per chunk of a large vendor file. */
  chunkRows?: number;
  /** Four-eyes decisions (default: SIGHTLINE_FOUR_EYES). */
  fourEyes?: boolean;
  logger?: boolean;
  /** Cron expression for the scheduled `lists update` (default daily); false: none. */
  updateSchedule?: string | false;
  /** Fetch list files from this mirror (`lists update --mirror`). */
  mirror?: string;
  /** Called with progress lines while starting (loading lists, building the UI). */
  onProgress?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  keysRequired: boolean;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig({ db: opts.db, fourEyes: opts.fourEyes });
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8000;
  const say = opts.onProgress ?? (() => {});
  say(`opening ${config.db}`);
  const store = await openStore(config.db);
  try {
    say('loading the knowledge pack and lists');
    const snapshotFile = snapshotPath(config);
    const { world, versions, index } = await openWorldIndex(store, snapshotFile);
    let webDir: string | undefined;
    if (opts.ui !== false) {
      say('building the web UI');
      webDir = await buildWeb({ cacheDir: join(config.dataDir, 'web-cache') });
    }
    const options: BuildAppOptions = {
      store,
      world,
      versions,
      index,
      // after a list update the versions differ: the snapshot is rebuilt and written
      reloadWorld: () => openWorldIndex(store, snapshotFile),
      host,
      rateLimit: opts.rateLimit,
      uploadBytes: opts.uploadBytes,
      concurrency: opts.concurrency,
      fourEyes: config.fourEyes,
      webDir,
      examplesDir: opts.examples === false ? undefined : join(packageRoot, 'examples'),
      logger: opts.logger,
      updateLists: (source, onProgress) => updateSource(store, resolveSource(source), { dataDir: config.dataDir, onProgress, mirror: opts.mirror }),
      monitoring: { updateSchedule: opts.updateSchedule, delivery: { smtp: config.smtp }, onLog: say },
    };
    const postgres = /^postgres(ql)?:\/\//.test(config.db);
    if (postgres) options.queue = { url: config.db, workers: opts.worker === false ? 0 : Math.max(1, opts.concurrency ?? 1), chunkRows: opts.chunkRows };
    const app = await buildApp(options);
    const watch = postgres ? watchListVersions(config.db, app.sightline.worlds, say, async () => (await store.currentVersions()).map((v) => v.id)) : undefined;
    const address = await app.listen({ host, port });
    const keysRequired = !isLoopback(host) || (await app.sightline.keys.count()) > 0;
    const url = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${new URL(address).port}/` : `${address.replace('[::1]', 'localhost')}/`;
    return {
      url,
      app,
      keysRequired,
      close: async () => {
        // On PostgreSQL other workers take the queued jobs: stop after the chunks held here (app.close).
        if (!postgres) await app.sightline.jobs.idle();
        await watch?.close();
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
