/** Review memory and the audit trail: decisions keyed to input records and entities, append-only. */
export { recordKey, listingHash, type ListingFacts } from './record-key.ts';
export { ReviewStore, DECISIONS, MAX_REASON, storableText, type Decision, type DecisionInput, type DecisionRecord } from './decisions.ts';
export { Proposals, FourEyesRefusal, OUTCOMES, MAX_NOTE, type Actor, type Outcome, type ProposalRecord, type ResolveInput } from './proposals.ts';
export { GENESIS, entryHash, verifySlice, type ChainCheck, type StoredAuditEntry } from './audit-chain.ts';
export { AuditLog, auditCsv, type AuditEntry, type AuditInput } from './audit-log.ts';
export { hitStatus, STATUS_TEXT, type HitStatus, type HitReview, type StatusInput } from './status.ts';
export { serverDb, type ServerDatabase } from './schema.ts';
