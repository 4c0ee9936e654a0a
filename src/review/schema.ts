/** Kysely table types for review decisions, the audit log, API keys and jobs (src/store/migration-review-audit.ts) and four-eyes proposals (migration-four-eyes.ts). */
import type { Generated, Kysely } from 'kysely';
import type { Store } from '../store/index.ts';

export interface ReviewDecisionTable {
  id: Generated<number>;
  record_key: string;
  entity_id: string;
  decision: string;
  reason: string;
  actor: string;
  created_at: string;
  listing_hash: string;
  job_id: string | null;
  label: string | null;
  /** Four-eyes: the approver, and the proposal the decision came from (migration 0006). */
  approved_by: string | null;
  proposal_id: number | null;
}

/** A four-eyes decision waiting for an approver (migration 0006). */
export interface DecisionProposalTable {
  id: Generated<number>;
  record_key: string;
  entity_id: string;
  decision: string;
  reason: string;
  proposer: string;
  /** The proposer's API key id (`local` without keys): the approver must hold another. */
  proposer_key: string;
  created_at: string;
  listing_hash: string;
  job_id: string | null;
  label: string | null;
}

/** The one resolution of a proposal. */
export interface ProposalResolutionTable {
  proposal_id: number;
  outcome: string;
  reason_code: string;
  note: string | null;
  resolver: string;
  resolver_key: string;
  resolved_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  salt: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  status: string;
  file_name: string;
  options: string;
  actor: string;
  created_at: string;
  finished_at: string | null;
  progress: string;
  error: string | null;
  result: string | null;
}

export interface JobInputTable {
  job_id: string;
  /** base64 of the uploaded bytes, kept so a job can be re-screened after a list update. */
  data: string;
}

export interface ServerDatabase {
  review_decisions: ReviewDecisionTable;
  decision_proposals: DecisionProposalTable;
  proposal_resolutions: ProposalResolutionTable;
  audit_log: AuditLogTable;
  api_keys: ApiKeyTable;
  jobs: JobTable;
  job_inputs: JobInputTable;
}

/** The store's connection, typed for these tables (the store migrates them on open). */
export function serverDb(store: Store): Kysely<ServerDatabase> {
  return store.handle.db as unknown as Kysely<ServerDatabase>;
}
