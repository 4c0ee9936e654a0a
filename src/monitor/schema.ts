/** Kysely table types for monitors, their last state, alerts and deliveries (created by src/store/migration-monitor.ts). */
import type { Generated, Kysely } from 'kysely';
import type { Store } from '../store/index.ts';

export interface MonitorTable {
  id: string;
  name: string;
  kind: string;
  owner: string;
  /** JSON: MonitorOptions. */
  options: string;
  /** JSON: Recipients (webhook secrets included; never served). */
  recipients: string;
  created_at: string;
  updated_at: string;
  screened_at: string | null;
  /** JSON: source → version id the last screening used. */
  screened_versions: string;
  /** JSON: MonitorSummary. */
  summary: string;
}

export interface MonitorInputTable {
  monitor_id: string;
  file_name: string;
  sha256: string;
  /** JSON: the column map detected or given. */
  columns: string;
  /** JSON: MonitorRow[], the mapped fields of every screenable row (re-screening reads no file). */
  rows: string;
  /** JSON: the parsed index file for look-through (holdings), or null. */
  index_file: string | null;
  created_at: string;
}

export interface MonitorHitTable {
  monitor_id: string;
  record_key: string;
  entity_id: string;
  row: number;
  label: string;
  caption: string;
  status: string;
  lists: string;
  listing_hash: string;
  listings: string;
  /** JSON: every entity id behind the hit (matched party and path steps, with their merged members). */
  ids: string;
}

export interface AlertTable {
  id: Generated<number>;
  monitor_id: string | null;
  kind: string;
  record_key: string | null;
  entity_id: string | null;
  label: string;
  caption: string;
  lists: string;
  detail: string;
  cause: string;
  created_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export interface AlertDeliveryTable {
  id: Generated<number>;
  alert_id: number;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
}

export interface AlertAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: string;
  ok: number;
  http_status: number | null;
  error: string | null;
  ms: number;
}

export interface MonitorDatabase {
  monitors: MonitorTable;
  monitor_inputs: MonitorInputTable;
  monitor_hits: MonitorHitTable;
  alerts: AlertTable;
  alert_deliveries: AlertDeliveryTable;
  alert_attempts: AlertAttemptTable;
}

/** The store's connection, typed for these tables (the store migrates them on open). */
export function monitorDb(store: Store): Kysely<MonitorDatabase> {
  return store.handle.db as unknown as Kysely<MonitorDatabase>;
}
