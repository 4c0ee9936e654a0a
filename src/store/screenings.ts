/** Screening audit records (table `screenings`, migration 0002): one row per run, JSON for options, summary and results. */
import type { Kysely } from 'kysely';
import type { Store } from './store.ts';

export interface ScreeningRecord {
  id: string;
  createdAt: string;
  inputName: string;
  inputSha256: string;
  options: unknown;
  summary: unknown;
  results: unknown;
}

interface ScreeningTable {
  id: string;
  created_at: string;
  input_name: string;
  input_sha256: string;
  options: string;
  summary: string;
  results: string;
}

function db(store: Store): Kysely<{ screenings: ScreeningTable }> {
  return store.handle.db as unknown as Kysely<{ screenings: ScreeningTable }>;
}

export async function saveScreening(store: Store, rec: ScreeningRecord): Promise<void> {
  await db(store)
    .insertInto('screenings')
    .values({
      id: rec.id, created_at: rec.createdAt, input_name: rec.inputName, input_sha256: rec.inputSha256,
      options: JSON.stringify(rec.options), summary: JSON.stringify(rec.summary), results: JSON.stringify(rec.results),
    })
    .execute();
}

export async function screening(store: Store, id: string): Promise<ScreeningRecord | undefined> {
  const row = await db(store).selectFrom('screenings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Newest first, without the (large) results. */
export async function listScreenings(store: Store, limit = 50): Promise<Omit<ScreeningRecord, 'results'>[]> {
  const rows = await db(store).selectFrom('screenings').select(['id', 'created_at', 'input_name', 'input_sha256', 'options', 'summary']).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, inputName: r.input_name, inputSha256: r.input_sha256, options: JSON.parse(r.options), summary: JSON.parse(r.summary) }));
}

function toRecord(r: ScreeningTable): ScreeningRecord {
  return { id: r.id, createdAt: r.created_at, inputName: r.input_name, inputSha256: r.input_sha256, options: JSON.parse(r.options), summary: JSON.parse(r.summary), results: JSON.parse(r.results) };
}
