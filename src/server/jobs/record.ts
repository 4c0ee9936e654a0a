/**
 * Screening runs made outside the queue (`sightline screen`) are recorded as finished jobs in the same
 * tables, with their input and an audit entry: the server lists them, serves their reports, takes
 * review decisions on them and can re-screen them, exactly as for uploads.
 */
import { randomBytes } from 'node:crypto';
import { AuditLog, serverDb } from '../../review/index.ts';
import type { Store } from '../../store/index.ts';
import type { JobResult } from './types.ts';
import type { SubmitInput } from './queue.ts';

/** Job ids sort by day: 20260301-1a2b3c4d5e. */
export function newJobId(now = new Date()): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex')}`;
}

/** A run done elsewhere (the CLI): what a job is submitted with, plus its id, time and result. */
export interface FinishedRun extends SubmitInput {
  /** The run's id (the certificate's run id), or a new job id. */
  id?: string;
  createdAt: string;
  result: JobResult;
}

export async function recordFinishedJob(store: Store, run: FinishedRun): Promise<string> {
  const db = serverDb(store);
  const id = run.id ?? newJobId();
  const finishedAt = new Date().toISOString();
  const rows = run.result.rows.length;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('jobs')
      .values({
        id,
        kind: run.kind,
        status: 'done',
        file_name: run.fileName,
        options: JSON.stringify(run.options),
        actor: run.actor,
        created_at: run.createdAt,
        finished_at: finishedAt,
        progress: JSON.stringify({ done: rows, total: rows, message: `screened ${rows} rows` }),
        error: null,
        result: JSON.stringify(run.result),
      })
      .execute();
    await trx
      .insertInto('job_inputs')
      .values({ job_id: id, data: run.data.toString('base64') })
      .execute();
    const detail = { kind: run.kind, fileName: run.fileName, options: run.options, summary: run.result.summary };
    await new AuditLog(db).append({ actor: run.actor, role: run.role, action: 'job.recorded', subject: id, detail }, trx);
  });
  return id;
}
