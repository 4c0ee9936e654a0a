/**
 * OpenRefine Reconciliation Service API v0.2 (https://reconciliation-api.github.io/specs/0.2/):
 * manifest, batched queries, entity, type and property suggest, preview and data extension
 * (reconcile-extend.ts), answered from the same matcher and world as /match and /entities.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { hasSchema, model } from '../model/ftm.ts';
import { isParty } from '../match/index.ts';
import { nameKey } from '../graph/world.ts';
import { type Entity, caption } from '../model/entity.ts';
import { HttpError } from './http-errors.ts';
import { escapeHtml } from '../report/escape.ts';
import { runMatch } from './routes-api.ts';
import type { WorldSnapshot } from './world-state.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import {
  ExtendResponse,
  Manifest,
  PreviewQuerystring,
  ProposeQuerystring,
  ProposedProperties,
  ReconcileBatch,
  ReconcileForm,
  ReconcileQuerystring,
  SuggestPrefixQuerystring,
  SuggestQuerystring,
  SuggestResults,
  Suggestions,
  fileResponse,
} from './schemas.ts';
import { PROPERTY_SETTINGS, extendRows, proposeProperties, suggestProperties, suggestTypes } from './reconcile-extend.ts';

export const DEFAULT_TYPES = [
  { id: 'LegalEntity', name: 'Legal entity' },
  { id: 'Company', name: 'Company' },
  { id: 'Organization', name: 'Organization' },
  { id: 'Person', name: 'Person' },
];

/** Reconciliation property ids → FtM properties. */
const PROPERTY_MAP: Record<string, string> = {
  country: 'country',
  jurisdiction: 'jurisdiction',
  address: 'address',
  lei: 'leiCode',
  leiCode: 'leiCode',
  isin: 'isinCode',
  isinCode: 'isinCode',
  registrationNumber: 'registrationNumber',
  uscc: 'uscCode',
  uscCode: 'uscCode',
  taxNumber: 'taxNumber',
  website: 'website',
  alias: 'alias',
  birthDate: 'birthDate',
};

interface ReconQuery {
  query?: string;
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: unknown }[];
}

function baseUrl(ctx: AppContext, req: FastifyRequest): string {
  return ctx.baseUrl ?? `${req.protocol}://${req.host}`;
}

export function manifest(base: string) {
  return {
    versions: ['0.2'],
    name: 'Sightline sanctions and export-control screening',
    identifierSpace: `${base}/entities/`,
    schemaSpace: 'https://followthemoney.tech/explorer/schemata/',
    defaultTypes: DEFAULT_TYPES,
    documentation: `${base}/docs`,
    view: { url: `${base}/#/entity/{{id}}` },
    preview: { url: `${base}/reconcile/preview?id={{id}}`, width: 430, height: 300 },
    suggest: {
      entity: { service_url: base, service_path: '/reconcile/suggest/entity' },
      type: { service_url: base, service_path: '/reconcile/suggest/type' },
      property: { service_url: base, service_path: '/reconcile/suggest/property' },
    },
    extend: { propose_properties: { service_url: base, service_path: '/reconcile/properties' }, property_settings: PROPERTY_SETTINGS },
    batchSize: 20,
  };
}

function values(v: unknown): string[] {
  const arr = Array.isArray(v) ? v : [v];
  return arr
    .map((x) => (x && typeof x === 'object' && 'id' in x ? String((x as { id: unknown }).id) : typeof x === 'string' || typeof x === 'number' ? String(x) : ''))
    .filter(Boolean);
}

export function reconcileOne(ctx: AppContext, q: ReconQuery) {
  if (!q || typeof q.query !== 'string' || !q.query.trim()) return { result: [] };
  const type = Array.isArray(q.type) ? q.type[0] : q.type;
  const schema = type && hasSchema(type) && isParty(type) ? type : 'LegalEntity';
  const properties: Record<string, string[]> = { name: [q.query.slice(0, 500)] };
  for (const p of Array.isArray(q.properties) ? q.properties.slice(0, 20) : []) {
    const prop = PROPERTY_MAP[p?.pid];
    if (prop) properties[prop] = [...(properties[prop] ?? []), ...values(p.v)].slice(0, 20);
  }
  const limit = Number.isInteger(q.limit) && q.limit! > 0 ? Math.min(q.limit!, 50) : 5;
  const snap = ctx.worlds.get();
  const results = runMatch(snap, { schema, properties }, { limit, threshold: 0.8 });
  return {
    result: results.map((r, i) => ({
      id: r.id,
      name: r.caption,
      score: Math.round(r.score * 100),
      // OpenRefine auto-matches `match: true`: only the top result, and only when clearly ahead of the next.
      match: i === 0 && r.match && (results[1]?.score ?? 0) < r.score - 0.05,
      type: [{ id: r.schema, name: r.schema }],
      description: snap.world
        .listings(r.id)
        .map((l) => l.listCode)
        .filter((c, j, a) => a.indexOf(c) === j)
        .join(', '),
    })),
  };
}

function parseJson(text: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, `\`${name}\` must be a JSON object`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, `\`${name}\` must be a JSON object`);
  return value as Record<string, unknown>;
}

/** GET or POST /reconcile: `extend` → the data extension, `queries` → the batch answered query by query, neither → the manifest. */
async function reconcileRequest(ctx: AppContext, req: FastifyRequest) {
  const params = { ...((req.query as Record<string, string>) ?? {}), ...((req.body as Record<string, string>) ?? {}) };
  if (params.extend) return extendRows(ctx.worlds.get(), parseJson(params.extend, 'extend'), baseUrl(ctx, req));
  if (!params.queries) return manifest(baseUrl(ctx, req));
  const queries = parseJson(params.queries, 'queries') as Record<string, ReconQuery>;
  const keys = Object.keys(queries);
  if (keys.length > 100) throw new HttpError(400, 'at most 100 queries per batch');
  const out: Static<typeof ReconcileBatch> = {};
  for (const k of keys) out[k] = reconcileOne(ctx, queries[k]);
  return out;
}

/** Up to ten parties, from `cursor` on, with a name or alias (or a word of one) that starts with `prefix`. */
function suggestEntities(snap: WorldSnapshot, prefix: string, cursor: number): Static<typeof Suggestions> {
  const key = nameKey(prefix);
  const out: { id: string; name: string; description: string }[] = [];
  if (key) {
    for (const e of snap.world.parties()) {
      const names = ['name', 'alias'].flatMap((p) => e.properties[p] ?? []);
      const hit = names.find((n) => nameKey(n).startsWith(key) || nameKey(n).includes(` ${key}`));
      if (hit) out.push({ id: e.id, name: caption(e), description: [e.schema, ...new Set(snap.world.listings(e.id).map((l) => l.listCode))].join(' · ') });
      if (out.length >= cursor + 10) break;
    }
  }
  return { result: out.slice(cursor, cursor + 10) };
}

/** The small HTML card OpenRefine shows for an entity: name, schema, countries, aliases, listings. */
function previewHtml(snap: WorldSnapshot, e: Entity): string {
  const x = escapeHtml;
  const listings = snap.world
    .listings(e.id)
    .map((l) => `<li>${x(l.list)}${l.since ? ` — since ${x(l.since)}` : ''}${l.citation ? ` (${x(l.citation)})` : ''}</li>`)
    .join('');
  const aliases = (e.properties.alias ?? []).slice(0, 6).map(x).join(' · ');
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{font:13px system-ui,sans-serif;margin:8px;color:#1d2330}h1{font-size:15px;margin:0 0 4px}p{margin:2px 0;color:#545c6b}ul{padding-left:18px;margin:4px 0}</style></head><body><h1>${x(caption(e))}</h1><p>${x(e.schema)}${e.properties.country ? ` · ${x(e.properties.country.join(', '))}` : ''}</p>${aliases ? `<p>Also: ${aliases}</p>` : ''}${listings ? `<ul>${listings}</ul>` : '<p>Not listed itself.</p>'}</body></html>`;
}

export function registerReconcileRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const handle = (req: FastifyRequest) => reconcileRequest(ctx, req);
  // Manifest first: a batch never has its required fields, so the serialiser picks the right shape.
  const schema = {
    summary: 'Reconciliation API v0.2: manifest (no parameters), batched `queries`, or data extension (`extend`)',
    tags: ['reconciliation'],
    querystring: ReconcileQuerystring,
    response: { 200: Type.Union([Manifest, ExtendResponse, ReconcileBatch]) },
  };
  app.get('/reconcile', { config: { role: 'viewer' }, schema }, handle);
  app.post('/reconcile', { config: { role: 'viewer' }, schema: { ...schema, body: ReconcileForm, consumes: ['application/x-www-form-urlencoded'] } }, handle);

  app.get(
    '/reconcile/suggest/entity',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Entity suggest (autocomplete by name prefix)',
        tags: ['reconciliation'],
        querystring: SuggestQuerystring,
        response: { 200: Suggestions },
      },
    },
    async (req) => {
      const { prefix, cursor = 0 } = req.query;
      return suggestEntities(ctx.worlds.get(), prefix, cursor);
    },
  );

  registerExtensionRoutes(app);

  app.get(
    '/reconcile/preview',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'HTML preview of an entity (for OpenRefine)',
        tags: ['reconciliation'],
        querystring: PreviewQuerystring,
        response: { 200: fileResponse('HTML card of the entity', ['text/html']) },
      },
    },
    async (req, reply) => {
      const { id } = req.query;
      const snap = ctx.worlds.get();
      const e = snap.world.get(id);
      if (!e) throw new HttpError(404, `no entity with id "${id}"`);
      reply.header('Content-Type', 'text/html; charset=utf-8');
      reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return previewHtml(snap, e);
    },
  );
}

/** Property proposals, type suggest and property suggest (the data extension's companions). */
function registerExtensionRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reconciliation'];
  app.get(
    '/reconcile/properties',
    {
      config: { role: 'viewer' },
      schema: { summary: 'Properties proposed for data extension', tags, querystring: ProposeQuerystring, response: { 200: ProposedProperties } },
    },
    async (req) => proposeProperties(req.query.type, req.query.limit),
  );
  app.get(
    '/reconcile/suggest/type',
    {
      config: { role: 'viewer' },
      schema: { summary: 'Type suggest (FtM party schemata)', tags, querystring: SuggestPrefixQuerystring, response: { 200: SuggestResults } },
    },
    async (req) => suggestTypes(req.query.prefix, Object.keys(model.schemata)),
  );
  app.get(
    '/reconcile/suggest/property',
    {
      config: { role: 'viewer' },
      schema: { summary: 'Property suggest (extension properties)', tags, querystring: SuggestPrefixQuerystring, response: { 200: SuggestResults } },
    },
    async (req) => suggestProperties(req.query.prefix),
  );
}
