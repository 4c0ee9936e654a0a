/** Screening jobs, review decisions and the audit trail. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { HttpError } from './http-errors.ts';
import { reviewedResult } from './jobs/reviewed.ts';
import { actorOf } from './routes-four-eyes.ts';
import { REPORT_FORMATS, renderJobReport, reportFormats } from './job-reports.ts';
import { JOB_KINDS, type JobOptions } from './jobs/types.ts';
import { auditCsv, storableText } from '../review/index.ts';
import { withBom } from '../report/index.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AuditQuerystring,
  AuditTrail,
  DecisionHistory,
  DecisionInput,
  DecisionQuerystring,
  DecisionRecord,
  JobIdParams,
  JobInfo,
  JobList,
  Proposal,
  Results,
  ScreenUpload,
  fileResponse,
} from './schemas.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REPORT_TYPES: Record<string, string> = {
  html: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function parseJobOptions(fields: Record<string, string>): JobOptions {
  const o: JobOptions = {};
  if (fields.as_of) {
    if (!DATE.test(fields.as_of)) throw new HttpError(400, 'as_of must be a date YYYY-MM-DD');
    o.asOf = fields.as_of;
  }
  if (fields.threshold) {
    const t = Number(fields.threshold);
    if (!(t >= 0 && t <= 1)) throw new HttpError(400, 'threshold must be a number in 0..1');
    o.threshold = t;
  }
  if (fields.rules)
    o.rules = fields.rules
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 20);
  return o;
}

/** The job's results with review status, and apart from them the screening module's own report data (downloads only). */
async function loadReviewed(ctx: AppContext, id: string) {
  const job = await ctx.jobs.get(id);
  if (!job) throw new HttpError(404, `no job ${id}`);
  const stored = await ctx.jobs.result(id);
  if (!stored) throw new HttpError(409, job.status === 'failed' ? `job ${id} failed: ${job.error}` : `job ${id} is ${job.status}; results are not ready`);
  const { native, ...result } = stored;
  const reviewed = await reviewedResult(ctx.jobs, ctx.review, job, result, ctx.proposals);
  return { reviewed: { ...reviewed, reports: reportFormats(native) }, native };
}

function download(reply: FastifyReply, type: string, name: string, body: string | Buffer) {
  if (type.startsWith('text/csv') && typeof body === 'string') body = withBom(body);
  return reply.header('Content-Type', type).header('Content-Disposition', `attachment; filename="${name}"`).send(body);
}

export function registerJobRoutes(fastify: FastifyInstance, ctx: AppContext, limits: { uploadBytes: number }): void {
  registerScreeningRoutes(fastify, ctx, limits);
  registerReviewRoutes(fastify, ctx);
}

/** Uploading a file to screen, the jobs, their results and reports. */
function registerScreeningRoutes(fastify: FastifyInstance, ctx: AppContext, limits: { uploadBytes: number }): void {
  registerUploadRoute(fastify, ctx, limits);
  registerJobQueryRoutes(fastify, ctx);
  registerReportRoutes(fastify, ctx);
}

/** The uploaded file and the form's other fields, read as the parts stream in. */
export type Upload = { name: string; data: Buffer };

/** The uploaded file (part `file`), a holdings job's index file (part `index`) or a vendors job's tiers file (`tiers`), and the other fields. */
export async function readUpload(
  req: FastifyRequest,
  uploadBytes: number,
): Promise<{ file: Upload; index?: Upload; tiers?: Upload; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new HttpError(415, 'send multipart/form-data with a `file` part');
  const fields: Record<string, string> = {};
  const files: Record<string, Upload> = {};
  for await (const part of req.parts({ limits: { fileSize: uploadBytes, files: 2, fields: 20, fieldSize: 10_000 } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.file.truncated) throw new HttpError(413, `file is larger than ${uploadBytes} bytes`);
      if (!['file', 'index', 'tiers'].includes(part.fieldname))
        throw new HttpError(400, `unexpected file part "${part.fieldname}" (send \`file\`, and \`index\` for holdings or \`tiers\` for vendors)`);
      files[part.fieldname] = { name: storableText(part.filename.replace(/[\\/]/g, '_')).slice(0, 200) || 'upload', data };
    } else fields[part.fieldname] = String(part.value ?? '');
  }
  const { file, index, tiers } = files;
  if (!file) throw new HttpError(400, 'no file uploaded (multipart field `file`)');
  for (const f of [file, index, tiers]) if (f && !f.data.length) throw new HttpError(400, `${f.name} is empty`);
  return { file, index, tiers, fields };
}

/** POST /screen: an uploaded file and its options become a queued job. */
function registerUploadRoute(fastify: FastifyInstance, ctx: AppContext, limits: { uploadBytes: number }): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/screen',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Start a screening job from an uploaded file',
        description:
          'multipart/form-data with one `file` and fields `kind` (vendors, holdings, devices, documents), optional `as_of` (YYYY-MM-DD), `threshold` (0..1), `rules`; for holdings, an optional second file part `index` (index or fund constituents: fund ISIN or name, constituent ISIN/name, weight) for look-through; for vendors, `supply` (true: Xinjiang origin and UFLPA sectors) and an optional second file part `tiers` (supplier links: buyer,supplier,product,share,source), which implies supply. Answers 202 with the job.',
        tags: ['screening'],
        consumes: ['multipart/form-data'],
        // Documented only: the handler reads the parts as they stream (Fastify does not parse multipart bodies).
        docBody: ScreenUpload,
        response: { 202: JobInfo },
      },
    },
    async (req: FastifyRequest, reply) => {
      const { file, index, tiers, fields } = await readUpload(req, limits.uploadBytes);
      const kind = fields.kind || 'vendors';
      if (!(JOB_KINDS as readonly string[]).includes(kind)) throw new HttpError(400, `kind must be one of ${JOB_KINDS.join(', ')}`);
      if (index && kind !== 'holdings') throw new HttpError(400, 'an index file (look-through) goes with kind=holdings only');
      if (tiers && kind !== 'vendors') throw new HttpError(400, 'a tiers file (supplier links) goes with kind=vendors only');
      const lookThrough = index ? { lookThrough: { name: index.name, data: index.data.toString('base64') } } : {};
      const supply = tiers
        ? { supply: true, tiers: { name: tiers.name, data: tiers.data.toString('base64') } }
        : ['true', 'on', '1'].includes(fields.supply ?? '')
          ? { supply: true }
          : {};
      const job = await ctx.jobs.submit({
        kind,
        fileName: file.name,
        data: file.data,
        options: { ...parseJobOptions(fields), ...lookThrough, ...supply },
        actor: req.principal.name,
        role: req.principal.role,
      });
      return reply.code(202).header('Location', `/jobs/${job.id}`).send(job);
    },
  );
}

/** The jobs, one job, its results, and screening its input again. */
function registerJobQueryRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/jobs', { config: { role: 'viewer' }, schema: { summary: 'Recent jobs', tags: ['screening'], response: { 200: JobList } } }, async () => ({
    jobs: await ctx.jobs.list(100),
    kinds: ctx.jobs.kinds(),
  }));

  app.get(
    '/jobs/:id',
    { config: { role: 'viewer' }, schema: { summary: 'A job with its progress', tags: ['screening'], params: JobIdParams, response: { 200: JobInfo } } },
    async (req) => {
      const { id } = req.params;
      const job = await ctx.jobs.get(id);
      if (!job) throw new HttpError(404, `no job ${id}`);
      return job;
    },
  );

  app.get(
    '/jobs/:id/results',
    {
      config: { role: 'viewer' },
      schema: { summary: "Results with each hit's review status", tags: ['screening'], params: JobIdParams, response: { 200: Results } },
    },
    async (req) => (await loadReviewed(ctx, req.params.id)).reviewed,
  );

  app.post(
    '/jobs/:id/rescreen',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Screen the same input again against the current lists; only new or changed hits are raised',
        tags: ['screening'],
        params: JobIdParams,
        response: { 202: JobInfo },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const input = await ctx.jobs.input(id);
      if (!input) throw new HttpError(404, `no job ${id}`);
      const { previousJobId: _drop, ...options } = input.options;
      const job = await ctx.jobs.submit({
        kind: input.kind,
        fileName: input.fileName,
        data: input.data,
        options: { ...options, previousJobId: id },
        actor: req.principal.name,
        role: req.principal.role,
      });
      return reply.code(202).header('Location', `/jobs/${job.id}`).send(job);
    },
  );
}

/** One download route per report format. */
function registerReportRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  for (const ext of REPORT_FORMATS) {
    const summary =
      ext === 'xlsx' ? 'Report as XLSX (vendor and holdings jobs)' : `Report as ${ext.toUpperCase()}, with the screening certificate and the review decisions`;
    app.get(
      `/jobs/:id/report.${ext}`,
      {
        config: { role: 'viewer' },
        schema: {
          summary,
          tags: ['screening'],
          params: JobIdParams,
          response: { 200: fileResponse(`the report as ${ext.toUpperCase()}`, [REPORT_TYPES[ext]]) },
        },
      },
      async (req, reply) => {
        const { reviewed, native } = await loadReviewed(ctx, req.params.id);
        const report = await renderJobReport(reviewed, native, ext);
        if (!report) throw new HttpError(404, `no ${ext.toUpperCase()} report for ${reviewed.kind} jobs (available: ${reviewed.reports.join(', ')})`);
        if (ext === 'html')
          reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        return download(reply, report.contentType, `sightline-${reviewed.job.id}.${ext}`, report.body);
      },
    );
  }
}

/** Review decisions on hits and the audit trail. */
function registerReviewRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/decisions',
    {
      config: { role: 'reviewer' },
      schema: {
        summary: 'Decide a hit: confirmed, dismissed or escalated, with a reason',
        description:
          'With four-eyes on, the decision is proposed instead (202 with the proposal); an approver resolves it at /proposals/{id}/approve or /reject.',
        tags: ['review'],
        body: DecisionInput,
        response: { 201: DecisionRecord, 202: Type.Object({ proposal: Proposal }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const result = await ctx.jobs.result(b.jobId);
      const row = result?.rows.find((r) => r.recordKey === b.recordKey);
      const hit = row?.hits.find((h) => h.entityId === b.entityId);
      if (!row || !hit) throw new HttpError(404, 'no such hit in that job');
      const decision = { ...b, listingHash: hit.listingHash, label: `${row.label} → ${hit.caption}` };
      if (ctx.fourEyes) return reply.code(202).send({ proposal: await ctx.proposals.propose(decision, actorOf(req)) });
      const record = await ctx.review.decide({ ...decision, actor: req.principal.name, role: req.principal.role });
      return reply.code(201).send(record);
    },
  );

  app.get(
    '/decisions',
    {
      config: { role: 'viewer' },
      schema: { summary: 'Decision history of one hit', tags: ['review'], querystring: DecisionQuerystring, response: { 200: DecisionHistory } },
    },
    async (req) => {
      const q = req.query;
      return { decisions: await ctx.review.history(q.recordKey, q.entityId) };
    },
  );

  app.get(
    '/audit',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The append-only audit trail (JSON or CSV)',
        tags: ['review'],
        querystring: AuditQuerystring,
        response: {
          200: {
            description: 'The entries, and whether the hash chain is intact',
            content: { 'application/json': { schema: AuditTrail }, 'text/csv': { schema: Type.String() } },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const entries = await ctx.review.audit.list({ limit: q.limit });
      const broken = await ctx.review.audit.verify();
      if (q.format === 'csv') return download(reply, 'text/csv; charset=utf-8', 'sightline-audit.csv', auditCsv(entries));
      return { entries, chain: broken === undefined ? 'intact' : `broken at entry ${broken}` };
    },
  );
}
