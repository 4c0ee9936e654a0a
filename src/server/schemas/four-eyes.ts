/** Wire schemas of four-eyes decisions: proposals, their resolution with a reason code, the reason codes. */
import { Type, type Static } from 'typebox';
import { DECISIONS, MAX_NOTE, OUTCOMES } from '../../review/index.ts';
import { Int, Str } from './common.ts';

export const Resolution = Type.Object({
  outcome: Type.Enum(OUTCOMES),
  reasonCode: Str,
  note: Type.Optional(Str),
  resolver: Str,
  resolvedAt: Str,
});
export const Proposal = Type.Object({
  id: Int,
  recordKey: Str,
  entityId: Str,
  decision: Type.Enum(DECISIONS),
  reason: Str,
  proposer: Str,
  createdAt: Str,
  listingHash: Str,
  jobId: Type.Optional(Str),
  label: Type.Optional(Str),
  status: Type.Enum(['proposed', ...OUTCOMES]),
  resolution: Type.Optional(Resolution),
});
export const ProposalList = Type.Object({ fourEyes: Type.Boolean(), proposals: Type.Array(Proposal) });
export const ProposalQuerystring = Type.Object({
  all: Type.Optional(Type.Boolean({ default: false, description: 'Resolved proposals too (default: pending only)' })),
  jobId: Type.Optional(Type.String({ maxLength: 64, description: 'Only proposals on this job' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export const ProposalIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ResolveInput = Type.Object(
  {
    reasonCode: Type.String({ maxLength: 60, description: 'A code of GET /review/reason-codes for this outcome' }),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE })),
  },
  { additionalProperties: false },
);
export const ReasonCodes = Type.Object({
  fourEyes: Type.Boolean({ description: 'Whether decisions on this server need a second person' }),
  codes: Type.Array(Type.Object({ code: Str, outcome: Type.Enum(OUTCOMES), label: Str })),
});

export type ProposalResponse = Static<typeof Proposal>;
export type ReasonCodesResponse = Static<typeof ReasonCodes>;
