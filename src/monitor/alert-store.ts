/**
 * The alert inbox: alerts are appended with one delivery per recipient (webhook endpoint, e-mail address).
 * A delivery stays pending, with its last error, until it succeeds; every attempt is logged. Nothing here
 * deletes an alert, so an unreachable endpoint never loses one.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AlertDeliveryTable, AlertTable, MonitorDatabase } from './schema.ts';
import type { Alert, AlertInput, AttemptInfo, DeliveryInfo, Recipients } from './types.ts';

const BATCH = 200;

export interface DueDelivery extends DeliveryInfo {
  alert: Alert;
}

export class AlertStore {
  constructor(readonly db: Kysely<MonitorDatabase>) {}

  /** Appends alerts and their deliveries; pass a transaction to make them part of the screening that raised them. */
  async add(alerts: AlertInput[], recipients: (a: AlertInput) => Recipients, trx?: Transaction<MonitorDatabase>): Promise<number[]> {
    const run = async (t: Transaction<MonitorDatabase>) => {
      const ids: number[] = [];
      const now = new Date().toISOString();
      for (const a of alerts) {
        const ins = await t.insertInto('alerts').values(fromAlert(a, now)).returning('id').executeTakeFirstOrThrow();
        const id = Number(ins.id);
        ids.push(id);
        const r = recipients(a);
        const deliveries = [...r.webhooks.map((w) => ({ channel: 'webhook', target: w.url })), ...r.emails.map((e) => ({ channel: 'email', target: e }))].map(
          (d) => ({ ...d, alert_id: id, status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, delivered_at: null }),
        );
        for (let i = 0; i < deliveries.length; i += BATCH)
          await t
            .insertInto('alert_deliveries')
            .values(deliveries.slice(i, i + BATCH))
            .execute();
      }
      return ids;
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  async list(opts: { monitorId?: string; kind?: string; afterId?: number; limit?: number; undelivered?: boolean } = {}): Promise<Alert[]> {
    let q = this.db
      .selectFrom('alerts')
      .leftJoin('monitors', 'monitors.id', 'alerts.monitor_id')
      .selectAll('alerts')
      .select('monitors.name as monitor_name')
      .orderBy('alerts.id', 'desc');
    if (opts.monitorId) q = q.where('alerts.monitor_id', '=', opts.monitorId);
    if (opts.kind) q = q.where('alerts.kind', '=', opts.kind);
    if (opts.afterId !== undefined) q = q.where('alerts.id', '>', opts.afterId);
    if (opts.undelivered) q = q.where('alerts.id', 'in', this.db.selectFrom('alert_deliveries').select('alert_id').where('status', '=', 'pending'));
    q = q.limit(opts.limit ?? 500);
    const rows = await q.execute();
    return this.withDeliveries(rows.map((r) => toAlert(r, r.monitor_name ?? undefined)));
  }

  async get(id: number): Promise<Alert | undefined> {
    const r = await this.db
      .selectFrom('alerts')
      .leftJoin('monitors', 'monitors.id', 'alerts.monitor_id')
      .selectAll('alerts')
      .select('monitors.name as monitor_name')
      .where('alerts.id', '=', id)
      .executeTakeFirst();
    return r ? (await this.withDeliveries([toAlert(r, r.monitor_name ?? undefined)]))[0] : undefined;
  }

  async acknowledge(id: number, by: string): Promise<Alert | undefined> {
    await this.db.updateTable('alerts').set({ acknowledged_by: by, acknowledged_at: new Date().toISOString() }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Pending deliveries whose next attempt is due, with their alerts. */
  async due(now: Date, limit = 500): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('id')
      .limit(limit)
      .execute();
    const alerts = new Map<number, Alert>();
    const ids = [...new Set(rows.map((r) => Number(r.alert_id)))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const found = await this.db
        .selectFrom('alerts')
        .leftJoin('monitors', 'monitors.id', 'alerts.monitor_id')
        .selectAll('alerts')
        .select('monitors.name as monitor_name')
        .where('alerts.id', 'in', ids.slice(i, i + BATCH))
        .execute();
      for (const r of found) alerts.set(Number(r.id), toAlert(r, r.monitor_name ?? undefined));
    }
    return rows.map((r) => ({ ...toDelivery(r), alert: alerts.get(Number(r.alert_id))! }));
  }

  /**
   * Claims due deliveries for one attempt by moving their next attempt to `until`, only where it is still
   * pending and due, and returns them as claimed. Processes (or timers) that read the same due rows race on
   * this one update; the database applies it row by row (PostgreSQL re-checks the condition once the
   * row lock is free), so each delivery goes to one sender. A sender that dies leaves its claim to lapse
   * at `until`, when the delivery is due again: at least once, never twice at the same time.
   */
  async claim(due: DueDelivery[], now: Date, until: Date): Promise<DueDelivery[]> {
    if (!due.length) return [];
    const claimedUntil = until.toISOString();
    const rows = await this.db
      .updateTable('alert_deliveries')
      .set({ next_attempt_at: claimedUntil })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .returning('id')
      .execute();
    const won = new Set(rows.map((r) => Number(r.id)));
    return due.filter((d) => won.has(d.id)).map((d) => ({ ...d, nextAttemptAt: claimedUntil }));
  }

  /**
   * Logs one attempt and moves the delivery on: delivered, or pending again at `retryAt` with the error.
   * `d` is a claimed delivery: its state changes only while the claim holds (false when it had lapsed and
   * another sender took the delivery); the attempt is logged either way, as it happened.
   */
  async recordAttempt(d: DeliveryInfo, outcome: { ok: boolean; httpStatus?: number; error?: string; ms: number; retryAt: Date }): Promise<boolean> {
    const at = new Date().toISOString();
    return this.db.transaction().execute(async (t) => {
      await t
        .insertInto('alert_attempts')
        .values({
          delivery_id: d.id,
          attempt: d.attempts + 1,
          at,
          ok: outcome.ok ? 1 : 0,
          http_status: outcome.httpStatus ?? null,
          error: outcome.error ?? null,
          ms: Math.round(outcome.ms),
        })
        .execute();
      const moved = await t
        .updateTable('alert_deliveries')
        .set({
          attempts: d.attempts + 1,
          status: outcome.ok ? 'delivered' : 'pending',
          delivered_at: outcome.ok ? at : null,
          last_error: outcome.ok ? null : (outcome.error ?? 'failed'),
          next_attempt_at: outcome.ok ? at : outcome.retryAt.toISOString(),
        })
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', d.nextAttemptAt)
        .executeTakeFirst();
      return Number(moved.numUpdatedRows) === 1;
    });
  }

  async attempts(alertId: number): Promise<AttemptInfo[]> {
    const rows = await this.db
      .selectFrom('alert_attempts')
      .innerJoin('alert_deliveries', 'alert_deliveries.id', 'alert_attempts.delivery_id')
      .selectAll('alert_attempts')
      .where('alert_deliveries.alert_id', '=', alertId)
      .orderBy('alert_attempts.id')
      .execute();
    return rows.map((r) => ({
      deliveryId: Number(r.delivery_id),
      attempt: Number(r.attempt),
      at: r.at,
      ok: Boolean(Number(r.ok)),
      httpStatus: r.http_status === null ? undefined : Number(r.http_status),
      error: r.error ?? undefined,
      ms: Number(r.ms),
    }));
  }

  private async withDeliveries(alerts: Alert[]): Promise<Alert[]> {
    const byId = new Map(alerts.map((a) => [a.id, a]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await this.db
        .selectFrom('alert_deliveries')
        .selectAll()
        .where('alert_id', 'in', ids.slice(i, i + BATCH))
        .orderBy('id')
        .execute();
      for (const r of rows) byId.get(Number(r.alert_id))?.deliveries.push(toDelivery(r));
    }
    return alerts;
  }
}

function fromAlert(a: AlertInput, now: string) {
  return {
    monitor_id: a.monitorId ?? null,
    kind: a.kind,
    record_key: a.recordKey ?? null,
    entity_id: a.entityId ?? null,
    label: a.label,
    caption: a.caption,
    lists: JSON.stringify(a.lists),
    detail: JSON.stringify(a.detail),
    cause: a.cause,
    created_at: now,
    acknowledged_by: null,
    acknowledged_at: null,
  };
}

function toAlert(r: Selectable<AlertTable>, monitorName?: string): Alert {
  return {
    id: Number(r.id),
    monitorId: r.monitor_id ?? undefined,
    monitorName,
    kind: r.kind as Alert['kind'],
    recordKey: r.record_key ?? undefined,
    entityId: r.entity_id ?? undefined,
    label: r.label,
    caption: r.caption,
    lists: JSON.parse(r.lists),
    detail: JSON.parse(r.detail),
    cause: r.cause,
    createdAt: r.created_at,
    acknowledgedBy: r.acknowledged_by ?? undefined,
    acknowledgedAt: r.acknowledged_at ?? undefined,
    deliveries: [],
  };
}

function toDelivery(r: Selectable<AlertDeliveryTable>): DeliveryInfo {
  return {
    id: Number(r.id),
    channel: r.channel as DeliveryInfo['channel'],
    target: r.target,
    status: r.status as DeliveryInfo['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error ?? undefined,
    deliveredAt: r.delivered_at ?? undefined,
  };
}
