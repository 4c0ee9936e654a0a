/**
 * Monitors in the store: the monitor, its saved input (mapped rows, not the file), and the flagged rows of
 * its last screening. Written through Kysely, so SQLite and PostgreSQL behave alike.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { SightlineError, badInput } from '../errors.ts';
import { monitorDb, type MonitorDatabase, type MonitorHitTable, type MonitorTable } from './schema.ts';
import type { Store } from '../store/index.ts';
import type { IndexFile } from '../screen/index.ts';
import {
  MONITOR_KINDS,
  type Monitor,
  type MonitorHit,
  type MonitorInput,
  type MonitorKind,
  type MonitorOptions,
  type MonitorSummary,
  type Recipients,
} from './types.ts';

export interface NewMonitor {
  name: string;
  kind: MonitorKind;
  owner: string;
  options?: MonitorOptions;
  recipients?: Partial<Recipients>;
}

const BATCH = 200;

export class MonitorStore {
  readonly db: Kysely<MonitorDatabase>;
  constructor(store: Store) {
    this.db = monitorDb(store);
  }

  async create(m: NewMonitor): Promise<Monitor> {
    const name = m.name.trim();
    if (!name) throw badInput('a monitor needs a name');
    if (!MONITOR_KINDS.includes(m.kind)) throw badInput(`monitor kind must be one of ${MONITOR_KINDS.join(', ')}, got ${m.kind}`);
    if (await this.find(name)) throw badInput(`a monitor named "${name}" exists already`);
    const now = new Date().toISOString();
    const row: MonitorTable = {
      id: randomUUID(),
      name,
      kind: m.kind,
      owner: m.owner,
      options: JSON.stringify(m.options ?? {}),
      recipients: JSON.stringify(checkRecipients(m.recipients)),
      created_at: now,
      updated_at: now,
      screened_at: null,
      screened_versions: '{}',
      summary: JSON.stringify({ rows: 0, hit: 0, review: 0 }),
    };
    await this.db.insertInto('monitors').values(row).execute();
    return (await this.get(row.id))!;
  }

  async list(): Promise<Monitor[]> {
    const rows = await this.db
      .selectFrom('monitors')
      .leftJoin('monitor_inputs', 'monitor_inputs.monitor_id', 'monitors.id')
      .selectAll('monitors')
      .select(['monitor_inputs.file_name', 'monitor_inputs.sha256'])
      .orderBy('monitors.created_at')
      .execute();
    return rows.map(toMonitor);
  }

  async get(id: string): Promise<Monitor | undefined> {
    return (await this.list()).find((m) => m.id === id);
  }

  /** By id or name. */
  async find(idOrName: string): Promise<Monitor | undefined> {
    return (await this.list()).find((m) => m.id === idOrName || m.name === idOrName);
  }

  async require(idOrName: string): Promise<Monitor> {
    const m = await this.find(idOrName);
    if (!m) throw new SightlineError('NOT_FOUND', `no monitor "${idOrName}" (sightline monitor list shows them)`);
    return m;
  }

  async update(id: string, change: { owner?: string; options?: MonitorOptions; recipients?: Partial<Recipients> }): Promise<Monitor> {
    const set: Partial<MonitorTable> = { updated_at: new Date().toISOString() };
    if (change.owner !== undefined) set.owner = change.owner;
    if (change.options) set.options = JSON.stringify(change.options);
    if (change.recipients) set.recipients = JSON.stringify(checkRecipients(change.recipients));
    await this.db.updateTable('monitors').set(set).where('id', '=', id).execute();
    return (await this.get(id))!;
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('monitor_hits').where('monitor_id', '=', id).execute();
      await trx.deleteFrom('monitor_inputs').where('monitor_id', '=', id).execute();
      await trx.deleteFrom('monitors').where('id', '=', id).execute();
    });
  }

  async input(id: string): Promise<MonitorInput | undefined> {
    const r = await this.db.selectFrom('monitor_inputs').selectAll().where('monitor_id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const index = r.index_file
      ? (JSON.parse(r.index_file) as { name: string; funds: [string, IndexFile['funds'] extends Map<string, infer C> ? C : never][]; constituents: number })
      : undefined;
    return {
      fileName: r.file_name,
      sha256: r.sha256,
      columns: JSON.parse(r.columns),
      rows: JSON.parse(r.rows),
      index: index ? { name: index.name, funds: new Map(index.funds), constituents: index.constituents } : undefined,
    };
  }

  async hits(id: string): Promise<MonitorHit[]> {
    const rows = await this.db.selectFrom('monitor_hits').selectAll().where('monitor_id', '=', id).orderBy('row').orderBy('entity_id').execute();
    return rows.map(toHit);
  }

  /**
   * Saves a screening's outcome in one transaction: the input (when replaced), the flagged rows of the
   * screened records (all of them, or only `records` after a delta), the versions used and the summary.
   */
  async saveScreening(
    id: string,
    s: { input?: MonitorInput; hits: MonitorHit[]; records?: Set<string>; versions: Record<string, number>; summary: MonitorSummary },
    extra?: (trx: Transaction<MonitorDatabase>) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (s.input) await saveInput(trx, id, s.input);
      if (s.records) {
        const keys = [...s.records];
        for (let i = 0; i < keys.length; i += BATCH)
          await trx
            .deleteFrom('monitor_hits')
            .where('monitor_id', '=', id)
            .where('record_key', 'in', keys.slice(i, i + BATCH))
            .execute();
      } else await trx.deleteFrom('monitor_hits').where('monitor_id', '=', id).execute();
      const unique = new Map(s.hits.map((h) => [`${h.recordKey}:${h.entityId}`, h]));
      const rows = [...unique.values()].map((h) => fromHit(id, h));
      for (let i = 0; i < rows.length; i += BATCH)
        await trx
          .insertInto('monitor_hits')
          .values(rows.slice(i, i + BATCH))
          .execute();
      await trx
        .updateTable('monitors')
        .set({ screened_at: new Date().toISOString(), screened_versions: JSON.stringify(s.versions), summary: JSON.stringify(s.summary) })
        .where('id', '=', id)
        .execute();
      await extra?.(trx);
    });
  }
}

async function saveInput(trx: Transaction<MonitorDatabase>, id: string, input: MonitorInput): Promise<void> {
  const row = {
    monitor_id: id,
    file_name: input.fileName,
    sha256: input.sha256,
    columns: JSON.stringify(input.columns),
    rows: JSON.stringify(input.rows),
    index_file: input.index ? JSON.stringify({ name: input.index.name, funds: [...input.index.funds], constituents: input.index.constituents }) : null,
    created_at: new Date().toISOString(),
  };
  await trx.deleteFrom('monitor_inputs').where('monitor_id', '=', id).execute();
  await trx.insertInto('monitor_inputs').values(row).execute();
}

/** A monitor as shown outside the server (API, evidence pack): webhook secrets never leave it. */
export function withoutSecrets(m: Monitor) {
  return { ...m, recipients: { emails: m.recipients.emails, webhooks: m.recipients.webhooks.map((w) => ({ url: w.url, secret: 'set' as const })) } };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

export function checkRecipients(r: Partial<Recipients> | undefined): Recipients {
  const webhooks = (r?.webhooks ?? []).map((w) => {
    let url: URL;
    try {
      url = new URL(w.url);
    } catch {
      throw badInput(`webhook URL is not a URL: ${w.url}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(`webhook URL must be http(s): ${w.url}`);
    if (!w.secret || w.secret.length < 16) throw badInput(`webhook ${w.url} needs a secret of at least 16 characters (it signs each delivery)`);
    return { url: url.toString(), secret: w.secret };
  });
  const emails = (r?.emails ?? []).map((e) => e.trim()).filter(Boolean);
  for (const e of emails) if (!EMAIL.test(e)) throw badInput(`not an e-mail address: ${e}`);
  return { webhooks, emails: [...new Set(emails)] };
}

function toMonitor(r: Selectable<MonitorTable> & { file_name: string | null; sha256: string | null }): Monitor {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as MonitorKind,
    owner: r.owner,
    options: JSON.parse(r.options),
    recipients: JSON.parse(r.recipients),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    screenedAt: r.screened_at ?? undefined,
    screenedVersions: JSON.parse(r.screened_versions),
    summary: JSON.parse(r.summary),
    fileName: r.file_name ?? undefined,
    fileSha256: r.sha256 ?? undefined,
  };
}

function toHit(r: Selectable<MonitorHitTable>): MonitorHit {
  return {
    recordKey: r.record_key,
    entityId: r.entity_id,
    row: Number(r.row),
    label: r.label,
    caption: r.caption,
    status: r.status as MonitorHit['status'],
    lists: JSON.parse(r.lists),
    listingHash: r.listing_hash,
    listings: JSON.parse(r.listings),
    ids: JSON.parse(r.ids),
  };
}

function fromHit(monitorId: string, h: MonitorHit): MonitorHitTable {
  return {
    monitor_id: monitorId,
    record_key: h.recordKey,
    entity_id: h.entityId,
    row: h.row,
    label: h.label,
    caption: h.caption,
    status: h.status,
    lists: JSON.stringify(h.lists),
    listing_hash: h.listingHash,
    listings: JSON.stringify(h.listings),
    ids: JSON.stringify(h.ids),
  };
}
