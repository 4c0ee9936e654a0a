/**
 * The job queue the server talks to, and its in-process implementation for the embedded (SQLite) store:
 * jobs run one or two at a time in this process, progress is kept in memory while running and the job,
 * its input and its result are stored, so results and re-screening survive a restart. On PostgreSQL
 * the same interface is served by graphile-worker (pg-queue.ts), shared by many processes.
 * Handlers are looked up by kind, so tests can plug in fakes and capabilities can be added later.
 */
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../review/schema.ts';
import type { AuditLog } from '../../review/index.ts';
import { SightlineError } from '../../errors.ts';
import type { WorldHolder } from '../world-state.ts';
import type { JobHandler, JobInfo, JobProgress, JobResult } from './types.ts';
import { failureMessage, insertJob, readInput, readJob, readResult, recentJobIds, type StoredInput, type SubmitInput } from './job-rows.ts';

export { shownOptions, type SubmitInput } from './job-rows.ts';

/** What the API needs of a queue, whichever runs the jobs. */
export interface JobQueue {
  kinds(): string[];
  submit(input: SubmitInput): Promise<JobInfo>;
  get(id: string): Promise<JobInfo | undefined>;
  list(limit?: number): Promise<JobInfo[]>;
  result(id: string): Promise<JobResult | undefined>;
  input(id: string): Promise<StoredInput | undefined>;
  /** Resolves when nothing is queued or running (tests). */
  idle(): Promise<void>;
  /** Stops taking jobs; a job running in this process finishes first (graceful shutdown). */
  close(): Promise<void>;
}

export interface JobQueueOptions {
  db: Kysely<ServerDatabase>;
  worlds: WorldHolder;
  handlers: Record<string, JobHandler>;
  audit?: AuditLog;
  concurrency?: number;
}

export function checkKind(handlers: Record<string, JobHandler>, kind: string): void {
  if (!handlers[kind]) throw new SightlineError('USAGE', `no screening of kind "${kind}" in this build (available: ${Object.keys(handlers).join(', ')})`);
}

/** What both queues read the same way from the job tables; each says how it finds a job's live progress. */
export abstract class StoredJobQueue {
  constructor(protected readonly o: { db: Kysely<ServerDatabase>; handlers: Record<string, JobHandler> }) {}

  abstract get(id: string): Promise<JobInfo | undefined>;

  kinds(): string[] {
    return Object.keys(this.o.handlers);
  }

  async list(limit = 50): Promise<JobInfo[]> {
    const ids = await recentJobIds(this.o.db, limit);
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((j): j is JobInfo => Boolean(j));
  }

  result(id: string): Promise<JobResult | undefined> {
    return readResult(this.o.db, id);
  }

  input(id: string): Promise<StoredInput | undefined> {
    return readInput(this.o.db, id);
  }
}

/** The embedded queue: one process owns the database, so jobs it finds running at start were its own, interrupted. */
export class LocalJobQueue extends StoredJobQueue implements JobQueue {
  private readonly pending: string[] = [];
  private readonly live = new Map<string, JobProgress>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private recovered: Promise<void> | undefined;

  constructor(protected readonly o: JobQueueOptions) {
    super(o);
  }

  /** Marks jobs left queued or running by a previous run of this (only) process as failed. */
  recover(): Promise<void> {
    this.recovered ??= this.o.db
      .updateTable('jobs')
      .set({
        status: 'failed',
        error: 'interrupted: the server stopped before the job finished; re-screen to run it again',
        finished_at: new Date().toISOString(),
      })
      .where('status', 'in', ['queued', 'running'])
      .execute()
      .then(() => undefined);
    return this.recovered;
  }

  async submit(input: SubmitInput): Promise<JobInfo> {
    checkKind(this.o.handlers, input.kind);
    await this.recover();
    const id = await insertJob(this.o.db, input, this.o.audit);
    this.live.set(id, { done: 0, message: 'queued' });
    this.pending.push(id);
    this.pump();
    return (await this.get(id))!;
  }

  get(id: string): Promise<JobInfo | undefined> {
    return readJob(this.o.db, id, this.live.get(id));
  }

  idle(): Promise<void> {
    if (!this.running && !this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): Promise<void> {
    return this.idle();
  }

  private pump(): void {
    const max = Math.max(1, Math.min(2, this.o.concurrency ?? 1));
    while (this.running < max && this.pending.length) {
      const id = this.pending.shift()!;
      this.running++;
      this.run(id)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.live.delete(id);
          this.pump();
          if (!this.running && !this.pending.length) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  private async run(id: string): Promise<void> {
    const db = this.o.db;
    const input = await this.input(id);
    if (!input) return;
    await db.updateTable('jobs').set({ status: 'running' }).where('id', '=', id).execute();
    this.live.set(id, { done: 0, message: 'starting' });
    try {
      const handler = this.o.handlers[input.kind];
      const result = await handler({ jobId: id, ...input, snapshot: this.o.worlds.get(), progress: (p) => this.live.set(id, p) });
      await finishJob(db, id, result, this.live.get(id));
    } catch (err) {
      await failJob(
        db,
        id,
        failureMessage(err, (e) => e instanceof SightlineError),
        this.live.get(id),
      );
    }
  }
}

/** Stores a job's result; only once (a job finished by one worker is not finished again by another). */
export async function finishJob(db: Kysely<ServerDatabase>, id: string, result: JobResult, last?: JobProgress): Promise<boolean> {
  const progress = {
    done: result.rows.length,
    total: result.rows.length,
    message: last?.message && last.message !== 'starting' ? last.message : 'finished',
  };
  const updated = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date().toISOString(), progress: JSON.stringify(progress), result: JSON.stringify(result) })
    .where('id', '=', id)
    .where('status', '<>', 'done')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function failJob(db: Kysely<ServerDatabase>, id: string, message: string, last?: JobProgress): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', finished_at: new Date().toISOString(), error: message, progress: JSON.stringify(last ?? { done: 0 }) })
    .where('id', '=', id)
    .where('status', '<>', 'done')
    .execute();
}
