/** Opens the store database: embedded SQLite by default, PostgreSQL when given a postgres:// URL. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider, type DialectKind } from './migrations.ts';
import { SightlineError } from '../errors.ts';

export interface Db {
  db: Kysely<Database>;
  kind: DialectKind;
  close(): Promise<void>;
}

export async function openDb(location: string): Promise<Db> {
  const kind: DialectKind = /^postgres(ql)?:\/\//.test(location) ? 'postgres' : 'sqlite';
  const db = kind === 'postgres' ? await openPostgres(location) : await openSqlite(location);
  // Unordered: features append migrations independently; each runs once whatever the order they arrive in.
  const migrator = new Migrator({ db, provider: migrationProvider(kind), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new SightlineError('IO', `database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
  return { db, kind, close: () => db.destroy() };
}

async function openSqlite(path: string): Promise<Kysely<Database>> {
  const { default: SQLite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let database: import('better-sqlite3').Database;
  try {
    database = new SQLite(path);
  } catch (err) {
    throw new SightlineError('IO', `cannot open database ${path}: ${(err as Error).message}`);
  }
  // WAL keeps readers going during an import; the import itself is one transaction, so a killed process leaves the previous version intact.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const pg = await import('pg');
  const pool = new pg.default.Pool({ connectionString: url, max: 10 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
