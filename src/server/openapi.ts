/**
 * The OpenAPI 3.1 document, written from the route schemas as routes register (the same schemas
 * validate requests), and a plain docs page rendered on the server (no scripts, so the CSP stays strict).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { escapeHtml } from '../report/escape.ts';
import { ROLES, ROLE_HELP } from './auth.ts';
import { VERSION } from '../version.ts';

interface Op { method: string; path: string; schema: Record<string, any>; role: string }

export function collectRoutes(app: FastifyInstance): Op[] {
  const ops: Op[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const schema = r.schema as Record<string, any> | undefined;
    if (!schema?.summary || (r.config as { hide?: boolean } | undefined)?.hide) return;
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
    for (const m of methods) ops.push({ method: m.toLowerCase(), path: r.url.replace(/:([A-Za-z_]+)/g, '{$1}'), schema, role: (r.config as { role?: string } | undefined)?.role ?? 'viewer' });
  });
  return ops;
}

function parameters(schema: Record<string, any>) {
  const out: unknown[] = [];
  for (const [where, key] of [['path', 'params'], ['query', 'querystring']] as const) {
    const s = schema[key];
    for (const [name, p] of Object.entries<Record<string, unknown>>(s?.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: p });
    }
  }
  return out;
}

export function openApiDocument(ops: Op[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const s = op.schema;
    const responses: Record<string, unknown> = {};
    for (const [code, body] of Object.entries<unknown>(s.response ?? { 200: { type: 'object' } })) responses[code] = { description: 'OK', content: { 'application/json': { schema: body } } };
    if (op.role !== 'public') {
      responses['401'] = { description: 'No or unknown API key (required when the server listens beyond loopback or keys exist)' };
      responses['403'] = { description: `Needs role ${op.role} or higher` };
      responses['429'] = { description: 'Rate limited; see Retry-After' };
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: s.summary,
      description: [s.description, op.role !== 'public' ? `Role: ${op.role} or higher.` : 'No key needed.'].filter(Boolean).join('\n\n'),
      tags: s.tags,
      parameters: parameters(s),
      ...(s.body ? { requestBody: { required: true, content: { [s.consumes?.[0] ?? 'application/json']: { schema: s.body } } } } : s.consumes ? { requestBody: { required: true, content: { [s.consumes[0]]: { schema: { type: 'object' } } } } } : {}),
      responses,
      ...(op.role !== 'public' ? { security: [{ apiKey: [] }, { bearer: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sightline API', version: VERSION, description: 'Screening against US sanctions and export-control lists. /match and /search follow yente; /reconcile follows the Reconciliation Service API v0.2.' },
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

export function docsPage(ops: Op[]): string {
  const e = escapeHtml;
  const rows = ops
    .slice()
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
    .map((o) => `<tr><td><code>${e(o.method.toUpperCase())}</code></td><td><code>${e(o.path)}</code></td><td>${e(o.schema.summary)}${o.schema.description ? `<br><small>${e(o.schema.description)}</small>` : ''}</td><td>${e(o.role)}</td></tr>`)
    .join('\n');
  const roles = ROLES.map((r) => `<li><strong>${r}</strong>: ${e(ROLE_HELP[r])}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sightline API</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="docs"><main><h1>Sightline API</h1>
<p>Machine-readable description: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send your key as <code>Authorization: Bearer sl_…</code> or <code>X-API-Key</code>.</p>
<h2>Roles</h2><ul>${roles}</ul>
<h2>Example: yente-style match</h2>
<pre>curl -s -X POST http://127.0.0.1:8000/match/default -H 'Content-Type: application/json' \\
  -d '{"queries":{"q1":{"schema":"Company","properties":{"name":["Hikvision"],"country":["cn"]}}}}'</pre>
<h2>Endpoints</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Role</th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="/">Back to the application</a></p></main></body></html>`;
}
