/**
 * `GET /jobs/:id/evidence.zip` and `GET /monitors/:id/evidence.zip`: the evidence pack of a screening job
 * (evidence-pack.ts) or of a monitor (evidence-monitor.ts); each export is audited.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import { buildEvidencePack } from './evidence-pack.ts';
import { actorOf } from './routes-four-eyes.ts';
import { buildMonitorEvidencePack } from './evidence-monitor.ts';
import { JobIdParams, MonitorParams, fileResponse } from './schemas.ts';
import { MonitorService } from '../monitor/index.ts';

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
  app.get(
    '/monitors/:id/evidence.zip',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "A monitor's evidence pack: its current state, alert history, list versions, decisions and the audit slice with its chain proof (ZIP)",
        description:
          'The certificate and report of its last screening, every alert it raised with its cause, every list version it was screened against, the decisions on its hits, and the audit log from its creation (each re-screen is an entry). Each download appends an `evidence.exported` entry; verify with `sightline audit verify pack.zip`.',
        tags: ['monitors'],
        params: MonitorParams,
        response: { 200: fileResponse('the evidence pack', ['application/zip']) },
      },
    },
    async (req, reply) => {
      const monitors = ctx.monitoring?.service ?? new MonitorService(ctx.store);
      const pack = await buildMonitorEvidencePack({ ...ctx, monitors }, req.params.id, actorOf(req));
      return sendZip(reply, `sightline-evidence-monitor-${pack.monitor.id}.zip`, pack.zip);
    },
  );
}

function sendZip(reply: FastifyReply, name: string, zip: Buffer) {
  return reply.header('Content-Type', 'application/zip').header('Content-Disposition', `attachment; filename="${name}"`).send(zip);
}
