/**
 * Four-eyes decisions over HTTP: the pending proposals, an approver's approval or rejection with a
 * reason code, and the reason codes. `POST /decisions` proposes instead of deciding when four-eyes is on
 * (routes-jobs.ts). The proposer resolving their own proposal gets 403 and an audit entry.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import { HttpError } from './http-errors.ts';
import { reasonCodeFor } from './reason-codes.ts';
import type { Actor, Outcome } from '../review/index.ts';
import { DecisionRecord, Proposal, ProposalIdParams, ProposalList, ProposalQuerystring, ReasonCodes, ResolveInput } from './schemas.ts';
import { Type } from 'typebox';

/** The caller as the review store knows them: name, key id (tells two people apart) and role. */
export function actorOf(req: FastifyRequest): Actor {
  return { name: req.principal.name, keyId: req.principal.id, role: req.principal.role };
}

export function registerFourEyesRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/review/reason-codes',
    { config: { role: 'viewer' }, schema: { summary: 'Reason codes an approver gives (four-eyes)', tags: ['review'], response: { 200: ReasonCodes } } },
    async () => ({ fourEyes: ctx.fourEyes, codes: ctx.reasonCodes }),
  );

  app.get(
    '/proposals',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Proposed decisions waiting for an approver (four-eyes)',
        tags: ['review'],
        querystring: ProposalQuerystring,
        response: { 200: ProposalList },
      },
    },
    async (req) => {
      const q = req.query;
      let proposals = await ctx.proposals.list({ all: q.all, limit: q.jobId ? undefined : (q.limit ?? 200) });
      if (q.jobId) proposals = proposals.filter((p) => p.jobId === q.jobId).slice(0, q.limit ?? 200);
      return { fourEyes: ctx.fourEyes, proposals };
    },
  );

  for (const [verb, outcome] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/proposals/:id/${verb}`,
      {
        config: { role: 'approver' },
        schema: {
          summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a proposed decision with a reason code (approver; never the proposer)`,
          description:
            'The proposer cannot resolve their own proposal: 403, recorded in the audit trail as `decision.self-approval-refused`. A proposal is resolved once (409 after).',
          tags: ['review'],
          params: ProposalIdParams,
          body: ResolveInput,
          response: { 200: Type.Object({ proposal: Proposal, decision: Type.Optional(DecisionRecord) }) },
        },
      },
      async (req) => resolve(ctx, req.params.id, outcome, req.body, actorOf(req)),
    );
  }
}

async function resolve(ctx: AppContext, id: number, outcome: Outcome, body: { reasonCode: string; note?: string }, actor: Actor) {
  if (!reasonCodeFor(ctx.reasonCodes, body.reasonCode, outcome)) {
    const known = ctx.reasonCodes.filter((c) => c.outcome === outcome).map((c) => c.code);
    throw new HttpError(400, `reasonCode "${body.reasonCode}" is not a code for ${outcome} (one of ${known.join(', ')})`);
  }
  return ctx.proposals.resolve({ proposalId: id, outcome, reasonCode: body.reasonCode, note: body.note, actor });
}
