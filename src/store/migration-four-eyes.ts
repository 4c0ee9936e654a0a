/**
 * Migration 0006, four-eyes decisions: a reviewer's decision is first a proposal; an approver resolves
 * it once (approved or rejected, with a reason code). Proposals and resolutions are append-only like the
 * audit log (a resolution is a new row, never an update), and the one-resolution rule is the primary key.
 * Approved decisions keep who approved them and the proposal they came from. Also an index of the audit
 * log by subject, for evidence packs.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from './migrations.ts';

const APPEND_ONLY = ['decision_proposals', 'proposal_resolutions'];

export function fourEyesMigration(kind: DialectKind): Migration {
  const idColumn = kind === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('decision_proposals')
        .addColumn('id', idColumn, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('proposer', 'text', (c) => c.notNull())
        .addColumn('proposer_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('listing_hash', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text')
        .addColumn('label', 'text')
        .execute();
      await db.schema.createIndex('decision_proposals_key').on('decision_proposals').columns(['record_key', 'entity_id', 'id']).execute();
      await db.schema
        .createTable('proposal_resolutions')
        .addColumn('proposal_id', 'integer', (c) => c.primaryKey().references('decision_proposals.id'))
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason_code', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('resolver', 'text', (c) => c.notNull())
        .addColumn('resolver_key', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('review_decisions').addColumn('approved_by', 'text').execute();
      await db.schema.alterTable('review_decisions').addColumn('proposal_id', 'integer').execute();
      for (const table of APPEND_ONLY) await appendOnly(db, kind, table);
      // Evidence packs look up the first entry about a job or its hits.
      await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('audit_log_subject').execute();
      await db.schema.alterTable('review_decisions').dropColumn('proposal_id').execute();
      await db.schema.alterTable('review_decisions').dropColumn('approved_by').execute();
      for (const t of ['proposal_resolutions', 'decision_proposals']) await db.schema.dropTable(t).execute();
    },
  };
}

/** Triggers refusing UPDATE and DELETE, as on the audit log (migration 0003). */
async function appendOnly(db: Kysely<any>, kind: DialectKind, table: string): Promise<void> {
  if (kind === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(`CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$ LANGUAGE plpgsql`)
    .execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
}
