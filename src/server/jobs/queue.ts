/**
 * In-process job queue: jobs run one or two at a time, progress is kept in memory while running and
 * the job, its input and its result are stored, so results and re-screening survive a restart.
 * Handlers are looked up by kind, so tests can plug in fakes and capabilities can be added later.
 */
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../review/schema.ts';
import type { AuditLog } from '../../review/index.ts';
import { SightlineError } from '../../errors.ts';
import type { WorldHolder } from '../world-state.ts';
import type { JobHandler, JobInfo, JobOptions, JobProgress, JobResult } from './types.ts';
import { newJobId } from './record.ts';

export interface JobQueueOptions {
  db: Kysely<ServerDatabase>;
  worlds: WorldHolder;
  handlers: Record<string, JobHandler>;
  audit?: AuditLog;
  concurrency?: number;
}

export interface SubmitInput {
  kind: string;
  fileName: string;
  data: Buffer;
  options: JobOptions;
  actor: string;
  role: string;
}

export class JobQueue {
  private readonly pending: string[] = [];
  private readonly live = new Map<string, JobProgress>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private recovered: Promise<void> | undefined;

  constructor(private readonly o: JobQueueOptions) {}

  kinds(): string[] {
    return Object.keys(this.o.handlers);
  }

  /** Marks jobs left queued or running by a previous process as failed. */
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
    if (!this.o.handlers[input.kind])
      throw new SightlineError('USAGE', `no screening of kind "${input.kind}" in this build (available: ${this.kinds().join(', ')})`);
    await this.recover();
    const id = newJobId();
    const now = new Date().toISOString();
    await this.o.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('jobs')
        .values({
          id,
          kind: input.kind,
          status: 'queued',
          file_name: input.fileName,
          options: JSON.stringify(input.options),
          actor: input.actor,
          created_at: now,
          finished_at: null,
          progress: JSON.stringify({ done: 0 }),
          error: null,
          result: null,
        })
        .execute();
      await trx
        .insertInto('job_inputs')
        .values({ job_id: id, data: input.data.toString('base64') })
        .execute();
      await this.o.audit?.append(
        {
          actor: input.actor,
          role: input.role,
          action: 'job.created',
          subject: id,
          detail: { kind: input.kind, fileName: input.fileName, options: shownOptions(input.options) },
        },
        trx,
      );
    });
    this.live.set(id, { done: 0, message: 'queued' });
    this.pending.push(id);
    this.pump();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const row = await this.o.db
      .selectFrom('jobs')
      .select(['id', 'kind', 'status', 'file_name', 'options', 'actor', 'created_at', 'finished_at', 'progress', 'error', 'result'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const summary = row.result ? (JSON.parse(row.result) as JobResult).summary : undefined;
    return {
      id: row.id,
      kind: row.kind,
      status: row.status as JobInfo['status'],
      fileName: row.file_name,
      options: shownOptions(JSON.parse(row.options)),
      actor: row.actor,
      createdAt: row.created_at,
      finishedAt: row.finished_at ?? undefined,
      progress: this.live.get(id) ?? JSON.parse(row.progress),
      error: row.error ?? undefined,
      summary,
    };
  }

  async list(limit = 50): Promise<JobInfo[]> {
    const rows = await this.o.db.selectFrom('jobs').select('id').orderBy('created_at', 'desc').limit(limit).execute();
    return (await Promise.all(rows.map((r) => this.get(r.id)))).filter((j): j is JobInfo => Boolean(j));
  }

  async result(id: string): Promise<JobResult | undefined> {
    const row = await this.o.db.selectFrom('jobs').select('result').where('id', '=', id).executeTakeFirst();
    return row?.result ? (JSON.parse(row.result) as JobResult) : undefined;
  }

  async input(id: string): Promise<{ fileName: string; data: Buffer; kind: string; options: JobOptions } | undefined> {
    const row = await this.o.db
      .selectFrom('jobs')
      .innerJoin('job_inputs', 'job_inputs.job_id', 'jobs.id')
      .select(['jobs.file_name', 'jobs.kind', 'jobs.options', 'job_inputs.data'])
      .where('jobs.id', '=', id)
      .executeTakeFirst();
    return row ? { fileName: row.file_name, kind: row.kind, options: JSON.parse(row.options), data: Buffer.from(row.data, 'base64') } : undefined;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.running && !this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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
      const result = await handler({
        jobId: id,
        kind: input.kind,
        fileName: input.fileName,
        data: input.data,
        options: input.options,
        snapshot: this.o.worlds.get(),
        progress: (p) => this.live.set(id, p),
      });
      const last = this.live.get(id) ?? { done: result.rows.length };
      const progress = {
        done: result.rows.length,
        total: result.rows.length,
        message: last.message && last.message !== 'starting' ? last.message : 'finished',
      };
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: new Date().toISOString(), progress: JSON.stringify(progress), result: JSON.stringify(result) })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      const message = err instanceof SightlineError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
      await db
        .updateTable('jobs')
        .set({ status: 'failed', finished_at: new Date().toISOString(), error: message, progress: JSON.stringify(this.live.get(id) ?? { done: 0 }) })
        .where('id', '=', id)
        .execute();
    }
  }
}

/** Options as shown in job listings and the audit trail: an uploaded index by its name, not its content. */
export function shownOptions(options: JobOptions): JobOptions {
  const { lookThrough, ...rest } = options;
  return lookThrough ? { ...rest, lookThrough: { name: lookThrough.name } } : rest;
}
