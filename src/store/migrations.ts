/** Portable migrations (SQLite and PostgreSQL) run by Kysely's Migrator on every open. */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { sql } from 'kysely';
import { reviewAuditMigration } from './migration-review-audit.ts';
import { scaleoutMigration } from './migration-scaleout.ts';
import { fourEyesMigration } from './migration-four-eyes.ts';
import { monitorMigration } from './migration-monitor.ts';

export type DialectKind = 'sqlite' | 'postgres';

function allMigrations(kind: DialectKind): Record<string, Migration> {
  const idColumn = kind === 'postgres' ? 'serial' : 'integer';
  return {
    '0001_versions_and_entities': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('versions')
          .addColumn('id', idColumn, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('file_names', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('entity_count', 'integer', (c) => c.notNull())
          .addColumn('counts', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('versions_source').on('versions').columns(['source', 'id']).execute();
        await db.schema
          .createTable('blobs')
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('version_entities')
          .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id').onDelete('cascade'))
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('version_entities_pk', ['version_id', 'entity_id'])
          .execute();
        await db.schema
          .createTable('http_cache')
          .addColumn('url', 'text', (c) => c.primaryKey())
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('sha256', 'text')
          .addColumn('fetched_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<any>) {
        for (const t of ['http_cache', 'version_entities', 'blobs', 'versions']) await db.schema.dropTable(t).execute();
      },
    },
    // Audit record of each screening run, superseded by 0004: CLI runs are recorded as jobs since.
    '0002_screenings': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('screenings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('input_name', 'text', (c) => c.notNull())
          .addColumn('input_sha256', 'text', (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('results', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('screenings_created').on('screenings').columns(['created_at']).execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('screenings').execute();
      },
    },
    '0003_review_audit': reviewAuditMigration(kind),
    // CLI runs are recorded in `jobs` (with their input and an audit entry), where the server and the
    // audit trail see them; `screenings` was written by the CLI and read by nothing.
    '0004_drop_screenings': {
      async up(db: Kysely<any>) {
        await db.schema.dropTable('screenings').ifExists().execute();
      },
      async down(db: Kysely<any>) {
        await allMigrations(kind)['0002_screenings'].up(db);
      },
    },
    '0005_source_numbers_and_row_origins': sourceNumbersAndRowOrigins,
    '0006_scaleout_job_chunks': scaleoutMigration(kind),
    '0007_four_eyes_proposals': fourEyesMigration(kind),
    '0008_monitors_and_alerts': monitorMigration(kind),
  };
}

/**
 * Versions are numbered per source (the first CSL import is CSL version 1, whatever was imported before;
 * the global id stays the key). Each version's rows keep their own origin (file, record, list identifier):
 * entity JSON is shared across versions by content hash, so the blob's origin is the first version's.
 */
const sourceNumbersAndRowOrigins: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('versions').addColumn('number', 'integer').execute();
    await sql`UPDATE versions SET number = (SELECT COUNT(*) FROM versions earlier WHERE earlier.source = versions.source AND earlier.id <= versions.id)`.execute(
      db,
    );
    await db.schema.createIndex('versions_source_number').on('versions').columns(['source', 'number']).unique().execute();
    await db.schema.alterTable('version_entities').addColumn('origin', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('versions_source_number').execute();
    await db.schema.alterTable('versions').dropColumn('number').execute();
    await db.schema.alterTable('version_entities').dropColumn('origin').execute();
  },
};

/** Migrations are keyed so that they sort in the order they run; later features append here. */
export function migrationProvider(kind: DialectKind): MigrationProvider {
  return { getMigrations: async () => allMigrations(kind) };
}
