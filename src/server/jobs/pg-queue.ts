/**
 * The job queue on PostgreSQL: graphile-worker (a proven queue on the same database, see README
 * "Scale-out"). Any number of API processes submit; any number of worker processes run the jobs.
 * A job row and its graphile-worker task are written in one transaction; progress of a chunked job is
 * the sum of its chunks', read from the database, so every API process shows the same figure.
 */
import { sql, type Kysely } from 'kysely';
import { runMigrations } from 'graphile-worker';
import type { JobHandler, JobInfo } from './types.ts';
import { insertJob, insertJobOnce, readJob, type SubmitInput } from './job-rows.ts';
import { checkKind, StoredJobQueue, type JobQueue } from './queue.ts';
import { addTask, type QueueDatabase, type TaskDeps } from './pg-tasks.ts';
import { startPgWorkers, type PgWorkers } from './pg-workers.ts';

export interface PgQueueOptions extends TaskDeps {
  connectionString: string;
  /** Workers in this process; 0: submit only (`serve --no-worker`). */
  workers: number;
  heartbeatMs?: number;
  lostAfterMs?: number;
}

export interface QueueCounts {
  queued: number;
  running: number;
  failed: number;
  done: number;
  /** graphile-worker tasks (jobs and chunks) waiting, and held by a worker now. */
  tasksWaiting: number;
  tasksLocked: number;
  workers: { workerId: string; process: string; heartbeatAgeS: number }[];
}

export class PgJobQueue extends StoredJobQueue implements JobQueue {
  private constructor(
    protected readonly o: PgQueueOptions,
    private readonly workers: PgWorkers | undefined,
  ) {
    super(o);
  }

  /** Installs graphile-worker's schema (idempotent) and starts this process's workers, if any. */
  static async start(o: PgQueueOptions): Promise<PgJobQueue> {
    await runMigrations({ connectionString: o.connectionString, logger: undefined });
    const workers = o.workers > 0 ? await startPgWorkers({ ...o, concurrency: o.workers }) : undefined;
    return new PgJobQueue(o, workers);
  }

  async submit(input: SubmitInput): Promise<JobInfo> {
    checkKind(this.o.handlers, input.kind);
    const id = await insertJob(this.o.db, input, this.o.audit, (trx, jobId) => addTask(trx, 'sightline_job', { jobId }, `job:${jobId}`));
    return (await this.get(id))!;
  }

  /** Submits a job under a fixed id, once across every process on the database: undefined when it was submitted before. */
  async submitOnce(id: string, input: SubmitInput): Promise<JobInfo | undefined> {
    checkKind(this.o.handlers, input.kind);
    const fresh = await insertJobOnce(this.o.db, id, input, this.o.audit, (trx, jobId) => addTask(trx, 'sightline_job', { jobId }, `job:${jobId}`));
    return fresh ? this.get(id) : undefined;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const chunks = await this.o.db
      .selectFrom('job_chunks')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('rows').as('rows'),
        eb.fn.sum<number>('done').as('done'),
        eb.fn.count<number>('result').as('finished'),
      ])
      .where('job_id', '=', id)
      .executeTakeFirst();
    const n = Number(chunks?.n ?? 0);
    const progress = n
      ? { done: Number(chunks!.done), total: Number(chunks!.rows), message: `${Number(chunks!.finished)} of ${n} chunks screened` }
      : undefined;
    return readJob(this.o.db, id, progress);
  }

  /** Polls until no job is queued or running (in any process). */
  async idle(): Promise<void> {
    for (;;) {
      const open = await this.o.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).limit(1).execute();
      if (!open.length) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async close(): Promise<void> {
    await this.workers?.stop();
  }

  counts(): Promise<QueueCounts> {
    return queueCounts(this.o.db);
  }
}

/** Queue depth, running and failed jobs, and live workers (`sightline jobs`). */
export async function queueCounts(db: Kysely<QueueDatabase>): Promise<QueueCounts> {
  const byStatus = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const tasks = await sql<{ waiting: number; locked: number }>`select count(*) filter (where locked_at is null)::int as waiting,
    count(*) filter (where locked_at is not null)::int as locked from graphile_worker.jobs`.execute(db);
  const workers = await sql<{ worker_id: string; process: string; age: number }>`select worker_id, process,
    extract(epoch from now() - heartbeat_at)::float as age from queue_workers order by process, worker_id`.execute(db);
  return {
    queued: count('queued'),
    running: count('running'),
    failed: count('failed'),
    done: count('done'),
    tasksWaiting: tasks.rows[0]?.waiting ?? 0,
    tasksLocked: tasks.rows[0]?.locked ?? 0,
    workers: workers.rows.map((w) => ({ workerId: w.worker_id, process: w.process, heartbeatAgeS: Math.round(w.age * 10) / 10 })),
  };
}

export type { JobHandler };
