/**
 * `sightline worker`: a process that only runs jobs (graphile-worker on PostgreSQL), no API. It holds
 * the world like the API does, follows list versions announced by other processes, and answers
 * /healthz and /readyz on its own small port for the supervisor or load balancer.
 */
import { createServer, type Server } from 'node:http';
import type { Kysely } from 'kysely';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/index.ts';
import { loadWorld } from '../graph/load.ts';
import { resolveSource, updateSource } from '../lists/update.ts';
import { AuditLog, serverDb } from '../review/index.ts';
import { SightlineError } from '../errors.ts';
import { WorldHolder, snapshot } from './world-state.ts';
import { defaultHandlers } from './jobs/handlers.ts';
import { listsUpdateHandler } from './list-updates.ts';
import { Monitoring, monitoringHooks } from './monitoring.ts';
import { PgJobQueue } from './jobs/pg-queue.ts';
import type { QueueDatabase } from './jobs/pg-tasks.ts';
import { watchListVersions } from './version-watch.ts';

export interface WorkerProcessOptions {
  db?: string;
  /** Jobs (or chunks) this process screens at once. */
  workers?: number;
  chunkRows?: number;
  /** Fetch list files from this mirror when this worker runs a lists update (a scheduled one included). */
  mirror?: string;
  /** Port for /healthz and /readyz (0: any free port; undefined: none). */
  healthPort?: number;
  healthHost?: string;
  onProgress?: (message: string) => void;
}

export interface RunningWorker {
  healthUrl?: string;
  /** Finishes the chunk each worker holds, then stops. */
  close(): Promise<void>;
}

export async function startWorkerProcess(o: WorkerProcessOptions = {}): Promise<RunningWorker> {
  const config = loadConfig({ db: o.db });
  if (!/^postgres(ql)?:\/\//.test(config.db))
    throw new SightlineError('USAGE', 'sightline worker needs a PostgreSQL database (--db postgres://…); on SQLite `sightline serve` runs the jobs itself');
  const say = o.onProgress ?? (() => {});
  const store = await openStore(config.db);
  say('loading the knowledge pack and lists');
  const { world, versions } = await loadWorld(store);
  const worlds = new WorldHolder(snapshot(world, versions), () => loadWorld(store));
  const db = serverDb(store);
  const handlers = defaultHandlers();
  // A list update run by this worker re-screens the monitors too, as it does in `serve` (not started: no schedule here).
  const monitoring = new Monitoring(store, worlds, undefined, { delivery: { smtp: config.smtp }, onLog: say });
  handlers['lists-update'] = listsUpdateHandler(
    (source, onProgress) => updateSource(store, resolveSource(source), { dataDir: config.dataDir, onProgress, mirror: o.mirror }),
    worlds,
    monitoringHooks(monitoring),
  );
  const watch = watchListVersions(
    config.db,
    worlds,
    (m) => say(m),
    async () => (await store.currentVersions()).map((v) => v.id),
  );
  const queue = await PgJobQueue.start({
    connectionString: config.db,
    workers: Math.max(1, o.workers ?? 1),
    chunkRows: o.chunkRows,
    db: db as unknown as Kysely<QueueDatabase>,
    worlds,
    handlers,
    audit: new AuditLog(db),
  });
  const health = o.healthPort === undefined ? undefined : await healthServer(o.healthPort, o.healthHost ?? '127.0.0.1', store, worlds);
  say(`worker running (${Math.max(1, o.workers ?? 1)} at once)`);
  return {
    healthUrl: health?.url,
    async close() {
      await queue.close();
      await watch.close();
      await new Promise<void>((resolve) => (health ? health.server.close(() => resolve()) : resolve()));
      await store.close();
    },
  };
}

async function healthServer(port: number, host: string, store: Awaited<ReturnType<typeof openStore>>, worlds: WorldHolder) {
  const server: Server = createServer((req, res) => {
    const send = (code: number, body: object) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/healthz') return send(200, { status: 'ok' });
    if (req.url !== '/readyz') return send(404, { status: 404, detail: 'only /healthz and /readyz here' });
    store
      .versions('__ready__')
      .then(() => {
        const snap = worlds.get();
        send(200, { status: 'ok', role: 'worker', indexed: snap.index.size, versions: snap.versions.map((v) => v.id), loadedAt: snap.loadedAt });
      })
      .catch(() => send(503, { status: 'unavailable' }));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://${host}:${address.port}/` };
}
