/**
 * Delivery of the alert inbox. Webhooks: one signed JSON POST per endpoint with its due alerts;
 * e-mail: one digest per address over SMTP (nodemailer). A failure leaves each delivery pending with its
 * error and a next attempt after an exponential backoff (base × 2^attempts, capped); every attempt is logged.
 */
import { createHmac } from 'node:crypto';
import type { AlertStore, DueDelivery } from './alert-store.ts';
import type { MonitorStore } from './monitor-store.ts';
import type { Alert } from './types.ts';
import { digestText } from './digest.ts';

export const SIGNATURE_HEADER = 'X-Sightline-Signature';
export const TIMESTAMP_HEADER = 'X-Sightline-Timestamp';

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

export interface DeliveryOptions {
  smtp?: SmtpSettings;
  /** Time a webhook endpoint or SMTP server has to answer, ms (default 10 s). */
  timeoutMs?: number;
  /** First retry after this long, ms (default 30 s); doubled at each failure up to maxBackoffMs (default 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a sender holds the deliveries it is sending before another may retry them, ms (default: 10 × timeoutMs, at least 5 min). */
  claimMs?: number;
  now?: () => Date;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  errors: string[];
}

const BATCH = 100;

/** `sha256=` and the hex HMAC-SHA256 of the exact body bytes with the endpoint's secret. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The webhook body: the alerts as JSON, with the time it was sent (also in the timestamp header, and signed with the body). */
export function webhookBody(alerts: Alert[], sentAt: string): string {
  return JSON.stringify({
    event: 'sightline.alerts',
    sentAt,
    alerts: alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      monitor: a.monitorId ? { id: a.monitorId, name: a.monitorName } : undefined,
      label: a.label,
      caption: a.caption,
      lists: a.lists,
      cause: a.cause,
      createdAt: a.createdAt,
      detail: a.detail,
    })),
  });
}

export function backoff(attempts: number, o: DeliveryOptions): number {
  return Math.min(o.maxBackoffMs ?? 3_600_000, (o.backoffMs ?? 30_000) * 2 ** attempts);
}

export function claimMs(o: DeliveryOptions): number {
  return o.claimMs ?? Math.max(300_000, 10 * (o.timeoutMs ?? 10_000));
}

/**
 * Sends every due delivery once. Each batch is claimed just before it is sent, so processes delivering
 * from one database at the same time (several `serve` on PostgreSQL, the CLI) never send the same one.
 */
export async function deliverDue(stores: { alerts: AlertStore; monitors: MonitorStore }, o: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = o.now ?? (() => new Date());
  const due = await stores.alerts.due(now());
  const report: DeliveryReport = { delivered: 0, failed: 0, errors: [] };
  const secrets = new Map<string, string>();
  for (const m of await stores.monitors.list()) for (const w of m.recipients.webhooks) secrets.set(w.url, w.secret);
  for (const [target, group] of groupBy(due, (d) => `${d.channel} ${d.target}`)) {
    for (let i = 0; i < group.length; i += BATCH) {
      const claimedAt = now();
      const batch = await stores.alerts.claim(group.slice(i, i + BATCH), claimedAt, new Date(claimedAt.getTime() + claimMs(o)));
      if (!batch.length) continue; // another sender has them
      const started = performance.now();
      const outcome = batch[0].channel === 'webhook' ? await postWebhook(batch, secrets.get(batch[0].target), o) : await sendDigest(batch, o);
      const ms = performance.now() - started;
      for (const d of batch) await stores.alerts.recordAttempt(d, { ...outcome, ms, retryAt: new Date(now().getTime() + backoff(d.attempts, o)) });
      if (outcome.ok) report.delivered += batch.length;
      else {
        report.failed += batch.length;
        report.errors.push(`${target}: ${outcome.error}`);
      }
    }
  }
  return report;
}

interface Outcome {
  ok: boolean;
  httpStatus?: number;
  error?: string;
}

async function postWebhook(batch: DueDelivery[], secret: string | undefined, o: DeliveryOptions): Promise<Outcome> {
  if (!secret) return { ok: false, error: 'this endpoint is no longer a recipient of any monitor: no secret to sign with' };
  const sentAt = (o.now ?? (() => new Date()))().toISOString();
  const body = webhookBody(
    batch.map((d) => d.alert),
    sentAt,
  );
  try {
    const res = await fetch(batch[0].target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Sightline',
        [SIGNATURE_HEADER]: signature(body, secret),
        [TIMESTAMP_HEADER]: sentAt,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status };
    return { ok: false, httpStatus: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { ok: false, error: `no answer within ${o.timeoutMs ?? 10_000} ms` };
    return { ok: false, error: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

async function sendDigest(batch: DueDelivery[], o: DeliveryOptions): Promise<Outcome> {
  if (!o.smtp) return { ok: false, error: 'no SMTP server configured (SIGHTLINE_SMTP_URL, SIGHTLINE_SMTP_FROM)' };
  const { createTransport } = await import('nodemailer');
  const timeout = o.timeoutMs ?? 10_000;
  const url = new URL(o.smtp.url);
  for (const [k, v] of Object.entries({ connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout })) url.searchParams.set(k, String(v));
  const transport = createTransport(url.toString());
  const digest = digestText(batch.map((d) => d.alert));
  try {
    await transport.sendMail({ from: o.smtp.from, to: batch[0].target, subject: digest.subject, text: digest.text });
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number };
    return { ok: false, httpStatus: e.responseCode, error: `${e.code ? `${e.code}: ` : ''}${e.message}` };
  } finally {
    transport.close();
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}
