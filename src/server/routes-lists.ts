/** Lists page API: sources and versions, diffs between versions, and `lists update` as a job (admin). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { HttpError } from './http-errors.ts';
import { checkSources, defaultUpdateSources } from './list-updates.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Diff, DiffQuerystring, JobInfo, Lists, ListsUpdateRequest } from './schemas.ts';

export function registerListRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/lists',
    {
      config: { role: 'viewer' },
      schema: { summary: 'Sources, their versions and counts; which versions screening uses now', tags: ['lists'], response: { 200: Lists } },
    },
    async () => {
      const all = await ctx.store.versions();
      const snap = ctx.worlds.get();
      const current = new Set(snap.versions.map((v) => v.id));
      const sources = new Map<string, typeof all>();
      for (const v of all) (sources.get(v.source) ?? sources.set(v.source, []).get(v.source)!).push(v);
      return {
        loadedAt: snap.loadedAt,
        parties: snap.world.parties().length,
        canUpdate: Boolean(ctx.updateLists),
        updateSources: ctx.updateLists ? defaultUpdateSources() : [],
        sources: [...sources].map(([source, versions]) => ({
          source,
          current: versions.find((v) => current.has(v.id))?.id ?? versions.at(-1)!.id,
          versions: [...versions].reverse(),
        })),
      };
    },
  );

  app.get(
    '/lists/diff',
    {
      config: { role: 'viewer' },
      schema: { summary: 'What changed between two versions of a source', tags: ['lists'], querystring: DiffQuerystring, response: { 200: Diff } },
    },
    async (req) => {
      const { from, to, limit = 500 } = req.query;
      const d = await ctx.store.diff(from, to);
      return {
        ...d,
        counts: { added: d.added.length, removed: d.removed.length, changed: d.changed.length },
        added: d.added.slice(0, limit),
        removed: d.removed.slice(0, limit),
        changed: d.changed.slice(0, limit),
      };
    },
  );

  app.post(
    '/lists/update',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Download and import the latest lists (runs as a job), then reload',
        description:
          'Without `sources`, every default source (csl, ofac-sdn, ofac-cons). Each source is updated on its own: the job result lists a status per source, and one failing does not stop the others.',
        tags: ['lists'],
        body: ListsUpdateRequest,
        response: { 202: JobInfo },
      },
    },
    async (req, reply) => {
      if (!ctx.updateLists) throw new HttpError(501, 'list updates are not configured on this server');
      const sources = checkSources(req.body?.sources);
      const job = await ctx.jobs.submit({
        kind: 'lists-update',
        fileName: `lists update: ${sources.join(', ')}`,
        data: Buffer.from(JSON.stringify(sources)),
        options: { sources },
        actor: req.principal.name,
        role: req.principal.role,
      });
      return reply.code(202).send(job);
    },
  );
}
