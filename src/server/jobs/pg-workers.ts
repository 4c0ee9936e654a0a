/**
 * The workers of one process on PostgreSQL: a graphile-worker runner with Sightline's tasks, and a
 * heartbeat. graphile-worker frees the jobs of a worker that died only after 4 hours; here every worker
 * writes a heartbeat, and any process that sees one stop (LOST_AFTER_MS) releases that worker's jobs
 * (graphile_worker.force_unlock_workers), so another worker retries its chunk within seconds. No process
 * ever marks another's running job failed.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { Logger, run, type Runner } from 'graphile-worker';
import { chunkTask, jobTask, mergeTask, type TaskDeps } from './pg-tasks.ts';

export interface PgWorkerOptions extends TaskDeps {
  connectionString: string;
  /** graphile-worker workers in this process (jobs or chunks screened at once). */
  concurrency: number;
  heartbeatMs?: number;
  lostAfterMs?: number;
}

export interface PgWorkers {
  workerIds(): string[];
  /** Stops taking jobs; the chunk each worker holds is finished first. */
  stop(): Promise<void>;
}

export const HEARTBEAT_MS = 2_000;
export const LOST_AFTER_MS = 10_000;

/** graphile-worker's own log: warnings and errors only, on stderr. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') process.stderr.write(`graphile-worker ${level}: ${message}\n`);
});

export async function startPgWorkers(o: PgWorkerOptions): Promise<PgWorkers> {
  const ids = new Set<string>();
  const events = new EventEmitter();
  // graphile-worker 0.17 locks jobs in the name of the worker pool (one per process), not of each worker.
  events.on('pool:create', ({ workerPool }: { workerPool: { id: string } }) => ids.add(workerPool.id));
  const runner: Runner = await run({
    connectionString: o.connectionString,
    concurrency: o.concurrency,
    maxPoolSize: o.concurrency + 2,
    noHandleSignals: true,
    // A stop (SIGTERM) lets the chunk in hand finish rather than abandoning it after graphile's 5 s default.
    gracefulShutdownAbortTimeout: 10 * 60_000,
    pollInterval: 1000,
    logger: quietLogger,
    events: events as never,
    taskList: { sightline_job: jobTask(o), sightline_chunk: chunkTask(o), sightline_merge: mergeTask(o) },
  });
  const heartbeat = new Heartbeat(o, () => [...ids]);
  await heartbeat.beat();
  return {
    workerIds: () => [...ids],
    async stop() {
      await runner.stop();
      heartbeat.stop();
      await heartbeat.forget();
    },
  };
}

class Heartbeat {
  private readonly timer: NodeJS.Timeout;
  private readonly process = `${hostname()}:${process.pid}`;

  constructor(
    private readonly o: PgWorkerOptions,
    private readonly ids: () => string[],
  ) {
    this.timer = setInterval(() => void this.beat().catch(() => undefined), o.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref();
  }

  async beat(): Promise<void> {
    for (const id of this.ids())
      await sql`insert into queue_workers (worker_id, process, heartbeat_at) values (${id}, ${this.process}, now())
        on conflict (worker_id) do update set heartbeat_at = now()`.execute(this.o.db);
    await this.releaseLost();
  }

  /** Frees the jobs of workers whose heartbeat stopped; the delete is the claim, so one process alone releases each. */
  private async releaseLost(): Promise<void> {
    const seconds = (this.o.lostAfterMs ?? LOST_AFTER_MS) / 1000;
    const lost = await sql<{ worker_id: string; process: string }>`delete from queue_workers
      where heartbeat_at < now() - make_interval(secs => ${seconds}) returning worker_id, process`.execute(this.o.db);
    if (!lost.rows.length) return;
    const workers = lost.rows.map((r) => r.worker_id);
    const held = await sql<{ task_identifier: string; key: string | null }>`select task_identifier, key
      from graphile_worker.jobs where locked_by = any(${workers}::text[])`.execute(this.o.db);
    await sql`select graphile_worker.force_unlock_workers(${workers}::text[])`.execute(this.o.db);
    await this.o.audit.append({
      actor: 'queue',
      role: 'admin',
      action: 'queue.worker.lost',
      subject: [...new Set(lost.rows.map((r) => r.process))].join(', '),
      detail: { workers, releasedBy: this.process, released: held.rows.map((r) => r.key ?? r.task_identifier) },
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async forget(): Promise<void> {
    const ids = this.ids();
    await sql`delete from queue_workers where process = ${this.process}`.execute(this.o.db);
    void ids;
  }
}
