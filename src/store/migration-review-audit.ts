/**
 * Migration 0003, tables for the server: review decisions and the audit log (append-only, enforced by
 * triggers so that no code path, not even a hand-written query, can rewrite history), API keys and
 * screening jobs. The store owns every migration; src/review only types and queries these tables.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from './migrations.ts';

const APPEND_ONLY = ['review_decisions', 'audit_log'];

// long: one migration (five tables, an index and the append-only triggers) stays one unit, as it ran
export function reviewAuditMigration(kind: DialectKind): Migration {
  const idColumn = kind === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('review_decisions')
        .addColumn('id', idColumn, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('listing_hash', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text')
        .addColumn('label', 'text')
        .execute();
      await db.schema.createIndex('review_decisions_key').on('review_decisions').columns(['record_key', 'entity_id', 'id']).execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', idColumn, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('salt', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('progress', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('result', 'text')
        .execute();
      await db.schema
        .createTable('job_inputs')
        .addColumn('job_id', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      for (const table of APPEND_ONLY) {
        if (kind === 'sqlite') {
          for (const op of ['UPDATE', 'DELETE']) {
            await sql
              .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
              .execute(db);
          }
        } else {
          await sql
            .raw(
              `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$ LANGUAGE plpgsql`,
            )
            .execute(db);
          await sql
            .raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`)
            .execute(db);
        }
      }
    },
    async down(db: Kysely<any>) {
      for (const t of ['job_inputs', 'jobs', 'api_keys', 'audit_log', 'review_decisions']) await db.schema.dropTable(t).execute();
    },
  };
}
