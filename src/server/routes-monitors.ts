/** Monitors and the alert inbox over HTTP: the same calls as `sightline monitor …`, behind the roles. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from './context.ts';
import { HttpError } from './http-errors.ts';
import { readUpload, type Upload } from './routes-jobs.ts';
import { withUploadFile } from './jobs/upload-file.ts';
import { badInput } from '../errors.ts';
import { withoutSecrets, type Monitor, type MonitorKind, type Recipients } from '../monitor/index.ts';
import type { Monitoring } from './monitoring.ts';
import {
  AlertDetail,
  AlertParams,
  AlertInfo,
  Alerts,
  AlertsQuerystring,
  MonitorDetail,
  MonitorForm,
  MonitorInfo,
  MonitorParams,
  Monitors,
  RunQuerystring,
  RunResult,
} from './schemas.ts';

const by = (req: FastifyRequest) => ({ actor: req.principal.name, role: req.principal.role });

/** A monitor as served: webhook secrets never leave the server. */
export function publicMonitor(m: Monitor) {
  return withoutSecrets(m);
}

function recipientsOf(fields: Record<string, string>): Recipients {
  let webhooks: Recipients['webhooks'] = [];
  if (fields.webhooks?.trim()) {
    try {
      webhooks = JSON.parse(fields.webhooks);
    } catch {
      throw badInput('webhooks must be JSON: [{"url": "https://…", "secret": "…"}]');
    }
    if (!Array.isArray(webhooks)) throw badInput('webhooks must be a JSON array');
  }
  return { webhooks, emails: (fields.emails ?? '').split(/[,;\s]+/).filter(Boolean) };
}

function mapOf(spec: string | undefined): Record<string, string> | undefined {
  if (!spec?.trim()) return undefined;
  return Object.fromEntries(
    spec.split(',').map((part) => {
      const [k, ...v] = part.split('=');
      if (!k || !v.length) throw badInput(`map takes field="Header",…, got ${spec}`);
      return [k.trim(), v.join('=').trim().replace(/^"|"$/g, '')];
    }),
  );
}

/** Writes the upload (and the index file) to a private temp folder for the readers. */
async function withFiles<T>(file: Upload, index: Upload | undefined, fn: (path: string, indexPath?: string) => Promise<T>): Promise<T> {
  return withUploadFile(file.name, file.data, (path) => (index ? withUploadFile(index.name, index.data, (ip) => fn(path, ip)) : fn(path)));
}

// long: the route table of one resource, each route a few lines
export function registerMonitorRoutes(fastify: FastifyInstance, ctx: AppContext, monitoring: Monitoring, limits: { uploadBytes: number }): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = monitoring.service;
  const tags = ['monitors'];
  app.get('/monitors', { config: { role: 'viewer' }, schema: { summary: 'Every monitor', tags, response: { 200: Monitors } } }, async () => ({
    monitors: (await service.monitors.list()).map(publicMonitor),
    nextListUpdate: monitoring.nextUpdate(),
  }));
  app.post(
    '/monitors',
    {
      config: { role: 'reviewer' },
      schema: {
        summary: 'Add a monitor: a file screened now (the baseline) and again whenever the lists change',
        tags,
        consumes: ['multipart/form-data'],
        docBody: MonitorForm,
        response: { 201: MonitorInfo },
      },
    },
    async (req, reply) => {
      const { file, index, fields } = await readUpload(req, limits.uploadBytes);
      const threshold = fields.threshold ? Number(fields.threshold) : undefined;
      const spec = {
        name: fields.name ?? '',
        kind: (fields.kind || undefined) as MonitorKind,
        owner: fields.owner || req.principal.name,
        options: { threshold, map: mapOf(fields.map), rules: fields.rules ? fields.rules.split(',') : undefined },
        recipients: recipientsOf(fields),
      };
      const { monitor } = await withFiles(file, index, (path, indexPath) =>
        service.add(spec, { path, indexPath, name: file.name }, monitoring.snapshotWorld(), by(req)),
      );
      return reply.code(201).send(publicMonitor(monitor));
    },
  );
  app.get(
    '/monitors/:id',
    {
      config: { role: 'viewer' },
      schema: { summary: 'A monitor, its current hits and its latest alerts', tags, params: MonitorParams, response: { 200: MonitorDetail } },
    },
    async (req) => {
      const m = await service.monitors.require(req.params.id);
      return { monitor: publicMonitor(m), hits: await service.monitors.hits(m.id), alerts: await service.alerts.list({ monitorId: m.id, limit: 100 }) };
    },
  );
  app.put(
    '/monitors/:id/file',
    {
      config: { role: 'reviewer' },
      schema: {
        summary: "Replace a monitor's file: re-screened, alerts on the difference",
        tags,
        params: MonitorParams,
        consumes: ['multipart/form-data'],
        response: { 200: RunResult },
      },
    },
    async (req) => {
      const { file, index } = await readUpload(req, limits.uploadBytes);
      const outcome = await withFiles(file, index, (path, indexPath) =>
        service.replaceInput(req.params.id, { path, indexPath, name: file.name }, monitoring.snapshotWorld(), by(req)),
      );
      await monitoring.deliver();
      return { outcomes: [outcome] };
    },
  );
  app.post(
    '/monitors/run',
    {
      config: { role: 'reviewer' },
      schema: { summary: 'Re-screen every monitor against what changed in the lists', tags, querystring: RunQuerystring, response: { 200: RunResult } },
    },
    async (req) => ({ outcomes: await monitoring.rescreenAll({ full: req.query.full }) }),
  );
  app.post(
    '/monitors/:id/run',
    {
      config: { role: 'reviewer' },
      schema: { summary: 'Re-screen one monitor (`full`: every row)', tags, params: MonitorParams, querystring: RunQuerystring, response: { 200: RunResult } },
    },
    async (req) => {
      const outcome = await service.rescreen(req.params.id, monitoring.snapshotWorld(), { full: req.query.full });
      await monitoring.deliver();
      return { outcomes: [outcome] };
    },
  );
  app.delete(
    '/monitors/:id',
    {
      config: { role: 'admin' },
      schema: { summary: 'Remove a monitor (its alerts stay in the inbox)', tags, params: MonitorParams, response: { 200: MonitorInfo } },
    },
    async (req) => publicMonitor(await service.remove(req.params.id, by(req))),
  );
  registerAlertRoutes(fastify, monitoring);
  void ctx;
}

function registerAlertRoutes(fastify: FastifyInstance, monitoring: Monitoring): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = monitoring.service;
  const tags = ['alerts'];
  app.get(
    '/alerts',
    {
      config: { role: 'viewer' },
      schema: { summary: 'The alert inbox, newest first, with each delivery', tags, querystring: AlertsQuerystring, response: { 200: Alerts } },
    },
    async (req) => {
      const monitorId = req.query.monitor ? (await service.monitors.require(req.query.monitor)).id : undefined;
      return { alerts: await service.alerts.list({ monitorId, kind: req.query.kind, undelivered: req.query.undelivered, limit: req.query.limit }) };
    },
  );
  app.get(
    '/alerts/:id',
    {
      config: { role: 'viewer' },
      schema: { summary: 'One alert and the log of every delivery attempt', tags, params: AlertParams, response: { 200: AlertDetail } },
    },
    async (req) => {
      const alert = await service.alerts.get(req.params.id);
      if (!alert) throw new HttpError(404, `no alert ${req.params.id}`);
      return { alert, attempts: await service.alerts.attempts(alert.id) };
    },
  );
  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { role: 'reviewer' },
      schema: { summary: 'Mark an alert as seen', tags, params: AlertParams, body: Type.Optional(Type.Object({})), response: { 200: AlertInfo } },
    },
    async (req) => {
      const alert = await service.alerts.acknowledge(req.params.id, req.principal.name);
      if (!alert) throw new HttpError(404, `no alert ${req.params.id}`);
      return alert;
    },
  );
}
