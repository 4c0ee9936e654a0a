/**
 * The graphile-worker tasks that run Sightline jobs on PostgreSQL. `sightline_job` runs a job, or for a
 * vendor file splits it into chunks; `sightline_chunk` screens one chunk; `sightline_merge` joins the
 * chunks when the last is written. Every write is conditional, so a task retried after its worker died
 * (or run twice) writes nothing twice: a chunk's result is set only while it is unset, a job finished once.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Job } from 'graphile-worker';
import type { AuditLog } from '../../review/index.ts';
import type { ServerDatabase } from '../../review/schema.ts';
import type { ScreenReport } from '../../screen/index.ts';
import { SightlineError } from '../../errors.ts';
import type { WorldHolder } from '../world-state.ts';
import type { JobHandler, JobOptions } from './types.ts';
import { failureMessage, readInput } from './job-rows.ts';
import { failJob, finishJob } from './queue.ts';
import { PARSE_LIMITS, runIsolated, type ParseLimits } from './isolate.ts';
import { READ_TABLE, type ReadTable } from './parsers.ts';
import { screenTable } from './adapters.ts';
import { CHUNK_ROWS, mergeChunkReports, splitTable } from './chunks.ts';

export interface ChunkTable {
  job_id: string;
  chunk: number;
  rows: number;
  input: string;
  done: number;
  worker: string | null;
  attempts: number;
  result: string | null;
  versions: string | null;
  finished_at: string | null;
}

export interface QueueWorkerTable {
  worker_id: string;
  process: string;
  heartbeat_at: unknown;
}

export type QueueDatabase = ServerDatabase & { job_chunks: ChunkTable; queue_workers: QueueWorkerTable };

export interface TaskDeps {
  db: Kysely<QueueDatabase>;
  worlds: WorldHolder;
  handlers: Record<string, JobHandler>;
  audit: AuditLog;
  chunkRows?: number;
  limits?: ParseLimits;
}

/** Enqueues a graphile-worker job inside the caller's transaction (so a job row never exists without its task). */
export async function addTask(trx: Kysely<any> | Transaction<any>, task: string, payload: object, jobKey?: string): Promise<void> {
  await sql`select graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json, job_key := ${jobKey ?? null}::text, max_attempts := 5)`.execute(trx);
}

/** Kinds whose files are split: vendor rows screen independently (holdings need the whole portfolio for exposure). */
const CHUNKED_KINDS = new Set(['vendors']);

export function jobTask(d: TaskDeps) {
  return async (payload: unknown, helpers: { job: Job }): Promise<void> => {
    const { jobId } = payload as { jobId: string };
    const status = await d.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirst();
    if (!status || status.status === 'done' || status.status === 'failed') return;
    const input = await readInput(d.db, jobId);
    if (!input) return;
    await d.db.updateTable('jobs').set({ status: 'running' }).where('id', '=', jobId).execute();
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    try {
      if (CHUNKED_KINDS.has(input.kind) && !input.options.lookThrough) return await split(d, jobId, input.fileName, input.data);
      let last = { done: 0 };
      const result = await d.handlers[input.kind]({ jobId, ...input, snapshot: d.worlds.get(), progress: (p) => (last = p) });
      await finishJob(d.db, jobId, result, last);
    } catch (err) {
      // A file that cannot be read fails its job at once; anything else is retried by graphile-worker first.
      if (!(err instanceof SightlineError) && !lastAttempt) throw err;
      await failJob(
        d.db,
        jobId,
        failureMessage(err, (e) => e instanceof SightlineError),
      );
    }
  };
}

/** Reads the file once, stores its rows in chunks and enqueues one task per chunk, all in one transaction. */
async function split(d: TaskDeps, jobId: string, fileName: string, data: Buffer): Promise<void> {
  const existing = await d.db.selectFrom('job_chunks').select('chunk').where('job_id', '=', jobId).limit(1).execute();
  if (existing.length) return; // split before by a worker that stopped after committing
  const read = await runIsolated<ReadTable>(READ_TABLE, [fileName, data], fileName, d.limits ?? PARSE_LIMITS);
  const chunks = splitTable(read, d.chunkRows ?? CHUNK_ROWS);
  await d.db.transaction().execute(async (trx) => {
    for (const [i, c] of chunks.entries()) {
      await trx
        .insertInto('job_chunks')
        .values({ job_id: jobId, chunk: i, rows: c.rows.length, input: JSON.stringify(c), done: 0, attempts: 0 })
        .onConflict((oc) => oc.columns(['job_id', 'chunk']).doNothing())
        .execute();
      await addTask(trx, 'sightline_chunk', { jobId, chunk: i }, `chunk:${jobId}:${i}`);
    }
    const progress = { done: 0, total: read.rows.length, message: `${read.rows.length} rows in ${chunks.length} chunks queued` };
    await trx
      .updateTable('jobs')
      .set({ progress: JSON.stringify(progress) })
      .where('id', '=', jobId)
      .execute();
  });
}

export function chunkTask(d: TaskDeps) {
  return async (payload: unknown, helpers: { job: Job }): Promise<void> => {
    const { jobId, chunk } = payload as { jobId: string; chunk: number };
    const me = helpers.job.locked_by ?? 'unknown worker';
    const row = await d.db.selectFrom('job_chunks').selectAll().where('job_id', '=', jobId).where('chunk', '=', chunk).executeTakeFirst();
    if (!row || row.result !== null) return;
    const job = await d.db.selectFrom('jobs').select(['kind', 'file_name', 'options', 'status']).where('id', '=', jobId).executeTakeFirst();
    if (!job || job.status === 'done' || job.status === 'failed') return;
    if (row.worker && row.worker !== me)
      await d.audit.append({
        actor: 'queue',
        role: 'admin',
        action: 'job.chunk.retried',
        subject: jobId,
        detail: { chunk, rows: row.rows, previousWorker: row.worker, worker: me, attempt: row.attempts + 1 },
      });
    await d.db
      .updateTable('job_chunks')
      .set({ worker: me, attempts: row.attempts + 1 })
      .where('job_id', '=', jobId)
      .where('chunk', '=', chunk)
      .execute();
    const report = await screenChunk(d, jobId, chunk, job, JSON.parse(row.input) as ReadTable);
    const written = await d.db
      .updateTable('job_chunks')
      .set({ result: JSON.stringify(report), done: row.rows, finished_at: new Date().toISOString(), versions: versionIds(report) })
      .where('job_id', '=', jobId)
      .where('chunk', '=', chunk)
      .where('result', 'is', null)
      .executeTakeFirst();
    if (!Number(written.numUpdatedRows)) return;
    const left = await d.db.selectFrom('job_chunks').select('chunk').where('job_id', '=', jobId).where('result', 'is', null).limit(1).execute();
    if (!left.length) await addTask(d.db, 'sightline_merge', { jobId }, `merge:${jobId}`);
  };
}

async function screenChunk(d: TaskDeps, jobId: string, chunk: number, job: { kind: string; file_name: string; options: string }, read: ReadTable) {
  let reported = 0;
  const progress = (p: { done: number }) => {
    // Written at most every second: progress across processes is the sum of the chunks' counts.
    if (Date.now() - reported < 1000) return;
    reported = Date.now();
    void d.db
      .updateTable('job_chunks')
      .set({ done: Math.min(p.done, read.rows.length) })
      .where('job_id', '=', jobId)
      .where('chunk', '=', chunk)
      .where('result', 'is', null)
      .execute()
      .catch(() => undefined);
  };
  const options = JSON.parse(job.options) as JobOptions;
  const ctx = { jobId, kind: job.kind, fileName: job.file_name, data: Buffer.alloc(0), options, snapshot: d.worlds.get(), progress };
  const result = await screenTable(ctx, read);
  if (result.native?.kind !== 'screen') throw new Error(`chunk ${chunk} of ${jobId} gave no screening report`);
  return result.native.report;
}

function versionIds(report: ScreenReport): string {
  return report.certificate.sources.map((s) => s.versionId).join(',');
}

export function mergeTask(d: TaskDeps) {
  return async (payload: unknown): Promise<void> => {
    const { jobId } = payload as { jobId: string };
    const job = await d.db.selectFrom('jobs').select(['status', 'options', 'file_name']).where('id', '=', jobId).executeTakeFirst();
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const chunks = await d.db.selectFrom('job_chunks').select(['chunk', 'result']).where('job_id', '=', jobId).orderBy('chunk').execute();
    if (!chunks.length || chunks.some((c) => c.result === null)) return;
    const input = await d.db.selectFrom('job_inputs').select('data').where('job_id', '=', jobId).executeTakeFirstOrThrow();
    const data = Buffer.from(input.data, 'base64');
    const file = { name: job.file_name, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
    const parts = chunks.map((c) => JSON.parse(c.result!) as ScreenReport);
    const options = JSON.parse(job.options) as JobOptions;
    const result = mergeChunkReports(parts, file, options.asOf);
    const rows = result.summary.rows;
    await d.db.transaction().execute(async (trx) => {
      const finished = await finishJob(trx as unknown as Kysely<ServerDatabase>, jobId, result, {
        done: rows,
        message: `screened ${rows} rows in ${parts.length} chunks`,
      });
      if (finished) await trx.deleteFrom('job_chunks').where('job_id', '=', jobId).execute();
    });
  };
}
