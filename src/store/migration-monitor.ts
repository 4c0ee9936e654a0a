/**
 * Monitoring tables (issue #30): monitors and their saved input, the flagged rows of each monitor's last
 * screening (what the next one is compared with), the alert inbox, and the delivery of each alert to each
 * recipient with a log of every attempt. src/monitor types and queries them.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from './migrations.ts';

// long: one migration (six tables and their indexes) stays one unit, as it ran
export function monitorMigration(kind: DialectKind): Migration {
  const serial = kind === 'postgres' ? 'serial' : 'integer';
  const key = (c: any) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
  return {
    // long: the six tables of one migration, in the order of their foreign keys
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('monitors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('screened_at', 'text')
        .addColumn('screened_versions', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('monitor_inputs')
        .addColumn('monitor_id', 'text', (c) => c.primaryKey().references('monitors.id').onDelete('cascade'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('rows', 'text', (c) => c.notNull())
        .addColumn('index_file', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('monitor_hits')
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('row', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('lists', 'text', (c) => c.notNull())
        .addColumn('listing_hash', 'text', (c) => c.notNull())
        .addColumn('listings', 'text', (c) => c.notNull())
        .addColumn('ids', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitor_hits_pk', ['monitor_id', 'record_key', 'entity_id'])
        .execute();
      await db.schema
        .createTable('alerts')
        .addColumn('id', serial, key)
        .addColumn('monitor_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('lists', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_at', 'text')
        .execute();
      await db.schema.createIndex('alerts_monitor').on('alerts').columns(['monitor_id', 'id']).execute();
      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', serial, key)
        .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('alert_deliveries_due').on('alert_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createTable('alert_attempts')
        .addColumn('id', serial, key)
        .addColumn('delivery_id', 'integer', (c) => c.notNull().references('alert_deliveries.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alert_attempts_delivery').on('alert_attempts').columns(['delivery_id', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['alert_attempts', 'alert_deliveries', 'alerts', 'monitor_hits', 'monitor_inputs', 'monitors']) await db.schema.dropTable(t).execute();
    },
  };
}
