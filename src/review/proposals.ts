/**
 * Four-eyes decisions: with four-eyes on, a reviewer's decision is a proposal; a second person with the
 * approver role approves it (it becomes the decision) or rejects it, with a reason code. The proposer
 * cannot resolve their own proposal: the refusal is audited too. Proposals and resolutions are appended,
 * never edited; a proposal is pending while it has no resolution.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DecisionProposalTable, ProposalResolutionTable, ServerDatabase } from './schema.ts';
import { checkedReason, decidedFields, storableText, type Decision, type DecisionInput, type DecisionRecord, type ReviewStore } from './decisions.ts';
import { SightlineError, badInput } from '../errors.ts';

export const OUTCOMES = ['approved', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const MAX_NOTE = 2000;

/** Who acts: the name shown and audited, the API key id that tells two people apart, the role. */
export interface Actor {
  name: string;
  keyId: string;
  role: string;
}

export interface ProposalRecord {
  id: number;
  recordKey: string;
  entityId: string;
  decision: Decision;
  reason: string;
  proposer: string;
  createdAt: string;
  listingHash: string;
  jobId?: string;
  label?: string;
  status: 'proposed' | Outcome;
  resolution?: { outcome: Outcome; reasonCode: string; note?: string; resolver: string; resolvedAt: string };
}

export interface ResolveInput {
  proposalId: number;
  outcome: Outcome;
  reasonCode: string;
  note?: string;
  actor: Actor;
}

/** A refusal an HTTP client sees as 403 (the proposer resolving their own) or 409 (already resolved). */
export class FourEyesRefusal extends SightlineError {
  constructor(
    readonly status: 403 | 409,
    message: string,
  ) {
    super('USAGE', message);
  }
  override get httpStatus(): number {
    return this.status;
  }
}

export class Proposals {
  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly review: ReviewStore,
  ) {}

  /** Records a proposal and its audit entry (`decision.proposed`) in one transaction. */
  async propose(input: Omit<DecisionInput, 'actor' | 'role'>, actor: Actor): Promise<ProposalRecord> {
    const reason = checkedReason(input);
    return this.db.transaction().execute(async (trx) => {
      const row = {
        record_key: input.recordKey,
        entity_id: input.entityId,
        decision: input.decision,
        reason,
        proposer: actor.name,
        proposer_key: actor.keyId,
        created_at: new Date().toISOString(),
        listing_hash: input.listingHash,
        job_id: input.jobId ?? null,
        label: input.label === undefined ? null : storableText(input.label),
      };
      const ins = await trx.insertInto('decision_proposals').values(row).returning('id').executeTakeFirstOrThrow();
      const id = Number(ins.id);
      await this.review.audit.append(
        {
          actor: actor.name,
          role: actor.role,
          action: 'decision.proposed',
          subject: `${input.recordKey}:${input.entityId}`,
          detail: { proposalId: id, decision: input.decision, reason, jobId: input.jobId, label: row.label ?? undefined, listingHash: input.listingHash },
        },
        trx,
      );
      return toProposal({ ...row, id }, undefined);
    });
  }

  async get(id: number): Promise<ProposalRecord | undefined> {
    const row = await this.db.selectFrom('decision_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const res = await this.db.selectFrom('proposal_resolutions').selectAll().where('proposal_id', '=', id).executeTakeFirst();
    return toProposal(row, res);
  }

  /** Proposals, newest first: pending ones only unless `all`; or those of the given record keys (any number). */
  async list(opts: { all?: boolean; recordKeys?: string[]; limit?: number } = {}): Promise<ProposalRecord[]> {
    if (!opts.recordKeys) return this.query(opts);
    const unique = [...new Set(opts.recordKeys)];
    const out: ProposalRecord[] = [];
    for (let i = 0; i < unique.length; i += 500) out.push(...(await this.query({ ...opts, recordKeys: unique.slice(i, i + 500) })));
    return out.sort((a, b) => b.id - a.id).slice(0, opts.limit);
  }

  private async query(opts: { all?: boolean; recordKeys?: string[]; limit?: number }): Promise<ProposalRecord[]> {
    let q = this.db
      .selectFrom('decision_proposals')
      .leftJoin('proposal_resolutions', 'proposal_resolutions.proposal_id', 'decision_proposals.id')
      .selectAll('decision_proposals')
      .select(['outcome', 'reason_code', 'note', 'resolver', 'resolver_key', 'resolved_at', 'proposal_id'])
      .orderBy('decision_proposals.id', 'desc');
    if (!opts.all) q = q.where('proposal_resolutions.proposal_id', 'is', null);
    if (opts.recordKeys) q = q.where('decision_proposals.record_key', 'in', opts.recordKeys);
    if (opts.limit) q = q.limit(opts.limit);
    const rows = await q.execute();
    return rows.map((r) => toProposal(r, r.outcome ? (r as Selectable<ProposalResolutionTable>) : undefined));
  }

  /**
   * Approves or rejects a pending proposal. The proposer (same key, or same name) is refused with 403 and
   * the attempt is audited; an approval records the decision, with the approver, in the same transaction.
   */
  async resolve(input: ResolveInput): Promise<{ proposal: ProposalRecord; decision?: DecisionRecord }> {
    const note = input.note === undefined ? undefined : storableText(input.note.trim()).slice(0, MAX_NOTE) || undefined;
    if (!(OUTCOMES as readonly string[]).includes(input.outcome)) throw badInput(`outcome must be one of ${OUTCOMES.join(', ')}`);
    const proposal = await this.get(input.proposalId);
    if (!proposal) throw new SightlineError('NOT_FOUND', `no proposal ${input.proposalId}`);
    const subject = `${proposal.recordKey}:${proposal.entityId}`;
    const a = input.actor;
    if (await this.isProposer(proposal.id, a)) {
      await this.review.audit.append({
        actor: a.name,
        role: a.role,
        action: 'decision.self-approval-refused',
        subject,
        detail: { proposalId: proposal.id, outcome: input.outcome, decision: proposal.decision, label: proposal.label },
      });
      throw new FourEyesRefusal(403, `four-eyes: ${a.name} proposed this decision and cannot ${input.outcome === 'approved' ? 'approve' : 'reject'} it`);
    }
    return this.db.transaction().execute(async (trx) => {
      const done = await trx.selectFrom('proposal_resolutions').select('outcome').where('proposal_id', '=', proposal.id).executeTakeFirst();
      if (done) throw new FourEyesRefusal(409, `proposal ${proposal.id} was already ${done.outcome}`);
      const resolution = {
        proposal_id: proposal.id,
        outcome: input.outcome,
        reason_code: input.reasonCode,
        note: note ?? null,
        resolver: a.name,
        resolver_key: a.keyId,
        resolved_at: new Date().toISOString(),
      };
      await trx.insertInto('proposal_resolutions').values(resolution).execute();
      const decision =
        input.outcome === 'approved'
          ? await this.review.decideIn(trx, { ...proposal, actor: proposal.proposer, role: 'reviewer' }, { approvedBy: a.name, proposalId: proposal.id })
          : undefined;
      await this.review.audit.append(
        {
          actor: a.name,
          role: a.role,
          action: `decision.${input.outcome}`,
          subject,
          detail: {
            proposalId: proposal.id,
            decision: proposal.decision,
            proposer: proposal.proposer,
            reasonCode: input.reasonCode,
            note,
            reason: proposal.reason,
            jobId: proposal.jobId,
            label: proposal.label,
            listingHash: proposal.listingHash,
          },
        },
        trx,
      );
      return { proposal: { ...proposal, status: input.outcome, resolution: toResolution(resolution) }, decision };
    });
  }

  /** The same person: the proposer's key, or a key with the proposer's name (one person may hold several keys). */
  private async isProposer(id: number, a: Actor): Promise<boolean> {
    const row = await this.db.selectFrom('decision_proposals').select(['proposer', 'proposer_key']).where('id', '=', id).executeTakeFirstOrThrow();
    return row.proposer_key === a.keyId || row.proposer.trim().toLowerCase() === a.name.trim().toLowerCase();
  }
}

function toResolution(r: Selectable<ProposalResolutionTable>): NonNullable<ProposalRecord['resolution']> {
  return { outcome: r.outcome as Outcome, reasonCode: r.reason_code, note: r.note ?? undefined, resolver: r.resolver, resolvedAt: r.resolved_at };
}

function toProposal(r: Selectable<DecisionProposalTable>, res: Selectable<ProposalResolutionTable> | undefined): ProposalRecord {
  return {
    ...decidedFields(r),
    proposer: r.proposer,
    status: res ? (res.outcome as Outcome) : 'proposed',
    resolution: res ? toResolution(res) : undefined,
  };
}
