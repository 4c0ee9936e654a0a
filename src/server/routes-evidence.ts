/** `GET /jobs/:id/evidence.zip`: the evidence pack of a screening job (evidence-pack.ts); the export is audited. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import { buildEvidencePack } from './evidence-pack.ts';
import { actorOf } from './routes-four-eyes.ts';
import { JobIdParams, fileResponse } from './schemas.ts';

export function registerEvidenceRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/jobs/:id/evidence.zip',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Evidence pack: certificate, reports, list versions, decisions and the audit slice with its chain proof (ZIP)',
        description:
          'Each download appends an `evidence.exported` audit entry recording the sha256 of the files; it is the last entry of the slice. Verify with `sightline audit verify pack.zip`.',
        tags: ['review'],
        params: JobIdParams,
        response: { 200: fileResponse('the evidence pack', ['application/zip']) },
      },
    },
    async (req, reply) => {
      const pack = await buildEvidencePack(ctx, req.params.id, actorOf(req));
      return sendZip(reply, `sightline-evidence-${req.params.id}.zip`, pack.zip);
    },
  );
}

function sendZip(reply: FastifyReply, name: string, zip: Buffer) {
  return reply.header('Content-Type', 'application/zip').header('Content-Disposition', `attachment; filename="${name}"`).send(zip);
}
