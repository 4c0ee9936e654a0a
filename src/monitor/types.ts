/** Shapes of monitors, their state and their alerts. */
import type { IndexFile, ListingRef, RowFields } from '../screen/index.ts';

export const MONITOR_KINDS = ['vendors', 'holdings'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

export interface MonitorOptions {
  /** Hit threshold 0..1 (default: the matcher's). */
  threshold?: number;
  /** `--map` overrides, field → header. */
  map?: Record<string, string>;
  /** Rule set ids; default every rule in force on the day of the screening. */
  rules?: string[];
}

export interface WebhookRecipient {
  url: string;
  /** HMAC-SHA256 key for the X-Sightline-Signature header. */
  secret: string;
}

export interface Recipients {
  webhooks: WebhookRecipient[];
  emails: string[];
}

export interface MonitorSummary {
  rows: number;
  hit: number;
  review: number;
}

export interface Monitor {
  id: string;
  name: string;
  kind: MonitorKind;
  owner: string;
  options: MonitorOptions;
  recipients: Recipients;
  createdAt: string;
  updatedAt: string;
  screenedAt?: string;
  /** Source → version id the last screening used. */
  screenedVersions: Record<string, number>;
  summary: MonitorSummary;
  fileName?: string;
  fileSha256?: string;
}

/** One screenable row of a monitor's input, as mapped fields. */
export interface MonitorRow {
  row: number;
  fields: RowFields;
}

export interface MonitorInput {
  fileName: string;
  sha256: string;
  columns: Record<string, string>;
  rows: MonitorRow[];
  index?: IndexFile;
}

/** One flagged (row × party) pair of a monitor's last screening. */
export interface MonitorHit {
  recordKey: string;
  entityId: string;
  row: number;
  /** The row, for people: "ACME Ltd (CN)". */
  label: string;
  /** The matched party. */
  caption: string;
  status: 'hit' | 'review';
  lists: string[];
  listingHash: string;
  listings: ListingRef[];
  /** Every entity id behind the hit: matched party, path steps and their merged members. */
  ids: string[];
}

export const ALERT_KINDS = ['new', 'changed', 'resolved', 'operator'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertInput {
  monitorId?: string;
  kind: AlertKind;
  recordKey?: string;
  entityId?: string;
  label: string;
  caption: string;
  lists: string[];
  /** Before and after (listings, status), or the operator message. */
  detail: Record<string, unknown>;
  /** What caused it: "csl version 2", "file replaced: vendors-2.csv", "list update failed". */
  cause: string;
}

export interface DeliveryInfo {
  id: number;
  channel: 'webhook' | 'email';
  target: string;
  status: 'pending' | 'delivered';
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  deliveredAt?: string;
}

export interface Alert extends AlertInput {
  id: number;
  createdAt: string;
  monitorName?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  deliveries: DeliveryInfo[];
}

export interface AttemptInfo {
  deliveryId: number;
  attempt: number;
  at: string;
  ok: boolean;
  httpStatus?: number;
  error?: string;
  ms: number;
}
