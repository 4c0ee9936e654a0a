/**
 * The append-only audit trail. Each entry carries the hash of the previous one, so an edited or
 * deleted row breaks the chain (`verify`). There is deliberately no update or delete method, and
 * database triggers refuse both.
 */
import { PostgresAdapter, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AuditLogTable, ServerDatabase } from './schema.ts';
import { toCsv } from '../report/csv-writer.ts';
import { GENESIS, entryHash, type StoredAuditEntry } from './audit-chain.ts';

/** An entry as read: the stored entry with its `detail` parsed. */
export interface AuditEntry extends Omit<StoredAuditEntry, 'detail'> {
  detail: Record<string, unknown>;
}

export interface AuditInput {
  actor: string;
  role: string;
  /** e.g. `decision.dismissed`, `job.created`, `key.created`, `lists.imported`. */
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export class AuditLog {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  /** Appends one entry; pass a transaction to make it part of the change it records. */
  async append(input: AuditInput, trx?: Transaction<ServerDatabase>): Promise<AuditEntry> {
    const run = async (t: Transaction<ServerDatabase>) => {
      // Read-last-then-insert must not interleave, or two entries would chain to the same predecessor.
      // SQLite runs one write transaction at a time; PostgreSQL needs a lock, held until commit. An
      // advisory lock needs no table privilege beyond INSERT, so the app role can stay append-only.
      if (t.getExecutor().adapter instanceof PostgresAdapter) await sql`SELECT pg_advisory_xact_lock(hashtext('sightline.audit_log'))`.execute(t);
      const last = await t.selectFrom('audit_log').select(['hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
      const prev = last?.hash ?? GENESIS;
      const row = {
        at: new Date().toISOString(),
        actor: input.actor,
        role: input.role,
        action: input.action,
        subject: input.subject,
        detail: JSON.stringify(input.detail ?? {}),
      };
      const hash = entryHash(prev, row);
      const ins = await t
        .insertInto('audit_log')
        .values({ ...row, prev_hash: prev, hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toEntry({ ...row, id: Number(ins.id), prev_hash: prev, hash });
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  async list(opts: { limit?: number; afterId?: number; subject?: string } = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'asc');
    if (opts.afterId !== undefined) q = q.where('id', '>', opts.afterId);
    if (opts.subject) q = q.where('subject', '=', opts.subject);
    if (opts.limit) q = q.limit(opts.limit);
    return (await q.execute()).map(toEntry);
  }

  /** Id of the oldest entry about any of the subjects (a job id, `recordKey:entityId` of hits). */
  async firstAbout(subjects: string[]): Promise<number | undefined> {
    let first: number | undefined;
    for (let i = 0; i < subjects.length; i += 500) {
      const row = await this.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.min('id').as('id'))
        .where('subject', 'in', subjects.slice(i, i + 500))
        .executeTakeFirst();
      if (row?.id != null && (first === undefined || Number(row.id) < first)) first = Number(row.id);
    }
    return first;
  }

  /** Entries `fromId`..`toId` as stored (detail as the JSON text that was hashed): a slice an evidence pack proves. */
  async storedSlice(fromId: number, toId: number): Promise<StoredAuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('id', '>=', fromId).where('id', '<=', toId).orderBy('id', 'asc').execute();
    return rows.map((r) => ({ ...toEntry(r), detail: r.detail }));
  }

  /** Recomputes the chain; returns the id of the first entry that does not fit, or undefined if intact. */
  async verify(): Promise<number | undefined> {
    let prev = GENESIS;
    for (const e of await this.db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').execute()) {
      if (e.prev_hash !== prev || entryHash(prev, e) !== e.hash) return Number(e.id);
      prev = e.hash;
    }
    return undefined;
  }
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    subject: r.subject,
    detail: JSON.parse(r.detail),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const CSV_COLUMNS = ['id', 'at', 'actor', 'role', 'action', 'subject', 'detail', 'prev_hash', 'hash'];

/** The audit trail as CSV through the one CSV writer (RFC 4180, formula-looking cells neutralised). */
export function auditCsv(entries: AuditEntry[]): string {
  return toCsv(
    CSV_COLUMNS,
    entries.map((e) => [e.id, e.at, e.actor, e.role, e.action, e.subject, JSON.stringify(e.detail), e.prevHash, e.hash]),
  );
}
