/**
 * Review memory: a reviewer's decision on one hit (input record × entity), with the reason, who and
 * when, and the hash of the entity's listings at the time. Decisions are appended, never edited:
 * the latest one for a (record, entity) pair is the current one, the rest is its history.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ReviewDecisionTable, ServerDatabase } from './schema.ts';
import { AuditLog } from './audit-log.ts';
import { badInput } from '../errors.ts';

export const DECISIONS = ['confirmed', 'dismissed', 'escalated'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionInput {
  recordKey: string;
  entityId: string;
  decision: Decision;
  reason: string;
  actor: string;
  role: string;
  listingHash: string;
  jobId?: string;
  /** What the reviewer saw, e.g. "ACME Surveillance Ltd → Hikvision", kept for the audit trail. */
  label?: string;
}

export interface DecisionRecord {
  id: number;
  recordKey: string;
  entityId: string;
  decision: Decision;
  reason: string;
  actor: string;
  createdAt: string;
  listingHash: string;
  jobId?: string;
  label?: string;
  /** Four-eyes: who approved the decision, and the proposal it came from. */
  approvedBy?: string;
  proposalId?: number;
}

/** A four-eyes approval that turns a proposal into a decision (its audit entry is the approval's). */
export interface ApprovalOf {
  approvedBy: string;
  proposalId: number;
}

export const MAX_REASON = 2000;

/** PostgreSQL text cannot hold NUL (SQLite can): one replacement character keeps both stores alike. */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, '\uFFFD');
}

export class ReviewStore {
  readonly audit: AuditLog;
  constructor(private readonly db: Kysely<ServerDatabase>) {
    this.audit = new AuditLog(db);
  }

  /** Records a decision and its audit entry in one transaction. */
  async decide(input: DecisionInput): Promise<DecisionRecord> {
    return this.db.transaction().execute((trx) => this.decideIn(trx, input));
  }

  /** Records a decision inside the caller's transaction; an approved proposal's audit entry is written by the approval. */
  async decideIn(trx: Transaction<ServerDatabase>, input: DecisionInput, approval?: ApprovalOf): Promise<DecisionRecord> {
    const reason = checkedReason(input);
    const row = {
      record_key: input.recordKey,
      entity_id: input.entityId,
      decision: input.decision,
      reason,
      actor: input.actor,
      created_at: new Date().toISOString(),
      listing_hash: input.listingHash,
      job_id: input.jobId ?? null,
      label: input.label === undefined ? null : storableText(input.label),
      approved_by: approval?.approvedBy ?? null,
      proposal_id: approval?.proposalId ?? null,
    };
    const ins = await trx.insertInto('review_decisions').values(row).returning('id').executeTakeFirstOrThrow();
    if (!approval)
      await this.audit.append(
        {
          actor: input.actor,
          role: input.role,
          action: `decision.${input.decision}`,
          subject: `${input.recordKey}:${input.entityId}`,
          detail: { reason, jobId: input.jobId, label: row.label ?? undefined, listingHash: input.listingHash },
        },
        trx,
      );
    return toRecord({ ...row, id: Number(ins.id) });
  }

  /** Current decision per `recordKey:entityId` for the given record keys. */
  async current(recordKeys: string[]): Promise<Map<string, DecisionRecord>> {
    const out = new Map<string, DecisionRecord>();
    const unique = [...new Set(recordKeys)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('review_decisions')
        .selectAll()
        .where('record_key', 'in', unique.slice(i, i + 500))
        .orderBy('id', 'asc')
        .execute();
      for (const r of rows) out.set(`${r.record_key}:${r.entity_id}`, toRecord(r));
    }
    return out;
  }

  /** Every decision (history included) on the given record keys, oldest first. */
  async allOf(recordKeys: string[]): Promise<DecisionRecord[]> {
    const unique = [...new Set(recordKeys)];
    const out: DecisionRecord[] = [];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('review_decisions')
        .selectAll()
        .where('record_key', 'in', unique.slice(i, i + 500))
        .execute();
      out.push(...rows.map(toRecord));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async history(recordKey: string, entityId: string): Promise<DecisionRecord[]> {
    const rows = await this.db
      .selectFrom('review_decisions')
      .selectAll()
      .where('record_key', '=', recordKey)
      .where('entity_id', '=', entityId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toRecord);
  }
}

/** The decision's reason, trimmed and storable; a decision without one, or an unknown decision, is refused. */
export function checkedReason(input: { decision: string; reason: string }): string {
  if (!(DECISIONS as readonly string[]).includes(input.decision)) throw badInput(`decision must be one of ${DECISIONS.join(', ')}`);
  const reason = storableText(input.reason.trim());
  if (!reason) throw badInput('a decision needs a reason');
  if (reason.length > MAX_REASON) throw badInput(`reason is longer than ${MAX_REASON} characters`);
  return reason;
}

/** The columns a decision and a proposal of one share, as the records name them. */
type DecidedRow = Pick<
  Selectable<ReviewDecisionTable>,
  'id' | 'record_key' | 'entity_id' | 'decision' | 'reason' | 'created_at' | 'listing_hash' | 'job_id' | 'label'
>;
export type DecidedFields = Pick<DecisionRecord, 'id' | 'recordKey' | 'entityId' | 'decision' | 'reason' | 'createdAt' | 'listingHash' | 'jobId' | 'label'>;

export function decidedFields(r: DecidedRow): DecidedFields {
  return {
    id: Number(r.id),
    recordKey: r.record_key,
    entityId: r.entity_id,
    decision: r.decision as Decision,
    reason: r.reason,
    createdAt: r.created_at,
    listingHash: r.listing_hash,
    jobId: r.job_id ?? undefined,
    label: r.label ?? undefined,
  };
}

function toRecord(r: Selectable<ReviewDecisionTable>): DecisionRecord {
  return {
    ...decidedFields(r),
    actor: r.actor,
    approvedBy: r.approved_by ?? undefined,
    proposalId: r.proposal_id ?? undefined,
  };
}
