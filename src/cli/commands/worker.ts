/** `sightline worker` (job workers only, PostgreSQL) and `sightline jobs` (queue depth, running, failed, workers). */
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { CliIO } from '../io.ts';
import { withStore } from '../context.ts';
import { SightlineError } from '../../errors.ts';
import type { QueueDatabase } from '../../server/jobs/pg-tasks.ts';
import { positive, untilSignal } from './serve.ts';

export function registerWorker(program: Command, io: CliIO): void {
  program
    .command('worker')
    .description('run screening jobs from the PostgreSQL queue (no API); run as many as the database and cores allow')
    .option('--concurrency <n>', 'jobs or chunks this process screens at once', '1')
    .option('--chunk-rows <n>', 'rows per chunk when this worker splits a large vendor file', '10000')
    .option('--mirror <url>', 'list updates this worker runs (scheduled ones included) fetch the list files from this mirror')
    .option('--health-port <port>', 'answer /healthz and /readyz on this port (0: any free port)')
    .option('--health-host <host>', 'address for the health port', '127.0.0.1')
    .action(async (opts, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as { db?: string };
      const { startWorkerProcess } = await import('../../server/worker-process.ts');
      const worker = await startWorkerProcess({
        db: flags.db,
        workers: positive(opts.concurrency, '--concurrency'),
        chunkRows: positive(opts.chunkRows, '--chunk-rows'),
        mirror: opts.mirror,
        healthPort: opts.healthPort === undefined ? undefined : Number(opts.healthPort),
        healthHost: opts.healthHost,
        onProgress: (m) => io.err(m),
      });
      io.out(`Sightline worker running${worker.healthUrl ? `; health at ${worker.healthUrl}healthz and ${worker.healthUrl}readyz` : ''}`);
      await untilSignal(io, () => worker.close());
    });

  program
    .command('jobs')
    .description('the job queue on PostgreSQL: jobs queued, running, failed, tasks waiting and live workers')
    .option('--json', 'print as JSON')
    .action(async (opts, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as { db?: string };
      await withStore(flags, async (store) => {
        if (store.handle.kind !== 'postgres')
          throw new SightlineError('USAGE', 'sightline jobs reads the PostgreSQL queue (--db postgres://…); on SQLite the server runs jobs in-process');
        const { serverDb } = await import('../../review/index.ts');
        const { queueCounts } = await import('../../server/jobs/pg-queue.ts');
        const c = await queueCounts(serverDb(store) as unknown as Kysely<QueueDatabase>);
        if (opts.json) return io.out(JSON.stringify(c, null, 2));
        io.out(`jobs: ${c.queued} queued, ${c.running} running, ${c.failed} failed, ${c.done} done`);
        io.out(`queue: ${c.tasksWaiting} tasks waiting (jobs and chunks), ${c.tasksLocked} held by a worker`);
        io.out(`workers: ${c.workers.length}`);
        for (const w of c.workers) io.out(`  ${w.process}  ${w.workerId}  heartbeat ${w.heartbeatAgeS} s ago`);
      });
    });
}
