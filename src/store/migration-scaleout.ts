/**
 * Tables for scale-out on PostgreSQL (used only there, created on both for one schema): the chunks of a
 * large screening shared by workers, and the heartbeats of worker processes, so that a worker that stops
 * has its locked jobs released to the others (graphile-worker itself only frees them after 4 hours).
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from './migrations.ts';

export function scaleoutMigration(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('job_chunks')
        .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('chunk', 'integer', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('worker', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result', 'text')
        .addColumn('versions', 'text')
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('job_chunks_pk', ['job_id', 'chunk'])
        .execute();
      await db.schema
        .createTable('queue_workers')
        .addColumn('worker_id', 'text', (c) => c.primaryKey())
        .addColumn('process', 'text', (c) => c.notNull())
        .addColumn('heartbeat_at', kind === 'postgres' ? 'timestamptz' : 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('queue_workers').execute();
      await db.schema.dropTable('job_chunks').execute();
    },
  };
}
