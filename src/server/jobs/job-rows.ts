/**
 * The job tables as both queues read and write them (jobs, job_inputs, audit): a job is created with
 * its input and an audit entry in one transaction, whichever queue then runs it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../../review/schema.ts';
import type { AuditLog } from '../../review/index.ts';
import type { JobInfo, JobOptions, JobProgress, JobResult } from './types.ts';
import { newJobId } from './record.ts';

export interface SubmitInput {
  kind: string;
  fileName: string;
  data: Buffer;
  options: JobOptions;
  actor: string;
  role: string;
}

export interface StoredInput {
  fileName: string;
  data: Buffer;
  kind: string;
  options: JobOptions;
}

/** Inserts a queued job, its input and the `job.created` audit entry; `then` runs in the same transaction (enqueueing). */
export async function insertJob(
  db: Kysely<ServerDatabase>,
  input: SubmitInput,
  audit: AuditLog | undefined,
  then?: (trx: Transaction<ServerDatabase>, id: string) => Promise<void>,
): Promise<string> {
  const id = newJobId();
  const written = await db.transaction().execute((trx) => writeJob(trx, id, input, audit, then));
  if (!written) throw new Error(`job id ${id} is taken`);
  return id;
}

/**
 * As insertJob with a fixed id, once: false (and nothing written) when a job with that id exists. Processes
 * submitting the same id at once (a scheduled slot) wait on the row's key; the first one's job stands.
 */
export async function insertJobOnce(
  db: Kysely<ServerDatabase>,
  id: string,
  input: SubmitInput,
  audit: AuditLog | undefined,
  then?: (trx: Transaction<ServerDatabase>, id: string) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute((trx) => writeJob(trx, id, input, audit, then));
}

async function writeJob(
  trx: Transaction<ServerDatabase>,
  id: string,
  input: SubmitInput,
  audit: AuditLog | undefined,
  then?: (trx: Transaction<ServerDatabase>, id: string) => Promise<void>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('jobs')
    .values({
      id,
      kind: input.kind,
      status: 'queued',
      file_name: input.fileName,
      options: JSON.stringify(input.options),
      actor: input.actor,
      created_at: new Date().toISOString(),
      finished_at: null,
      progress: JSON.stringify({ done: 0 }),
      error: null,
      result: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) return false;
  await trx
    .insertInto('job_inputs')
    .values({ job_id: id, data: input.data.toString('base64') })
    .execute();
  await audit?.append(
    {
      actor: input.actor,
      role: input.role,
      action: 'job.created',
      subject: id,
      detail: { kind: input.kind, fileName: input.fileName, options: shownOptions(input.options) },
    },
    trx,
  );
  await then?.(trx, id);
  return true;
}

/** A job as listed; `progress` overrides the stored progress (a running job's live figure). */
export async function readJob(db: Kysely<ServerDatabase>, id: string, progress?: JobProgress): Promise<JobInfo | undefined> {
  const row = await db
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
    progress: progress ?? JSON.parse(row.progress),
    error: row.error ?? undefined,
    summary,
  };
}

export async function recentJobIds(db: Kysely<ServerDatabase>, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('id').orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function readResult(db: Kysely<ServerDatabase>, id: string): Promise<JobResult | undefined> {
  const row = await db.selectFrom('jobs').select('result').where('id', '=', id).executeTakeFirst();
  return row?.result ? (JSON.parse(row.result) as JobResult) : undefined;
}

export async function readInput(db: Kysely<ServerDatabase>, id: string): Promise<StoredInput | undefined> {
  const row = await db
    .selectFrom('jobs')
    .innerJoin('job_inputs', 'job_inputs.job_id', 'jobs.id')
    .select(['jobs.file_name', 'jobs.kind', 'jobs.options', 'job_inputs.data'])
    .where('jobs.id', '=', id)
    .executeTakeFirst();
  return row ? { fileName: row.file_name, kind: row.kind, options: JSON.parse(row.options), data: Buffer.from(row.data, 'base64') } : undefined;
}

/** The message a failed job records: a SightlineError's own, anything else marked unexpected. */
export function failureMessage(err: unknown, known: (err: unknown) => boolean): string {
  return known(err) ? (err as Error).message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
}

/** Options as shown in job listings and the audit trail: an uploaded index or tiers file by its name, not its content. */
export function shownOptions(options: JobOptions): JobOptions {
  const { lookThrough, tiers, ...rest } = options;
  return {
    ...rest,
    ...(lookThrough ? { lookThrough: { name: lookThrough.name } } : {}),
    ...(tiers ? { tiers: { name: tiers.name } } : {}),
  };
}
