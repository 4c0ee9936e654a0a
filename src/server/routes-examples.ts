/** The example files shipped in `examples/`, so a new user can try each kind of screening in one click. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-errors.ts';
import { ExampleParams, Examples } from './schemas.ts';

export interface ExampleFile {
  name: string;
  kind: string;
  bytes: number;
}

const SKIP = /\.(ts|js|md)$|^\.|^relations-|^index-/;

export function listExamples(dir: string): ExampleFile[] {
  const out: ExampleFile[] = [];
  const walk = (sub: string) => {
    let entries: string[];
    try {
      entries = readdirSync(join(dir, sub)).sort();
    } catch {
      return;
    }
    for (const n of entries) {
      if (SKIP.test(n)) continue;
      const rel = sub ? `${sub}/${n}` : n;
      const st = statSync(join(dir, rel));
      if (st.isDirectory()) {
        if (!sub) walk(n);
        continue;
      }
      const kind = sub === 'devices' ? 'devices' : sub === 'documents' ? 'documents' : /holding/i.test(n) ? 'holdings' : 'vendors';
      out.push({ name: rel, kind, bytes: st.size });
    }
  };
  walk('');
  return out;
}

export function registerExampleRoutes(app: FastifyInstance, dir: string): void {
  app.get(
    '/examples',
    { config: { role: 'viewer' }, schema: { summary: 'Example files to try each kind of screening', tags: ['screening'], response: { 200: Examples } } },
    async () => ({ examples: listExamples(dir) }),
  );
  app.get('/examples/*', { config: { role: 'viewer' }, schema: { params: ExampleParams } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const found = listExamples(dir).find((e) => e.name === name);
    if (!found) throw new HttpError(404, `no example ${name}`);
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${basename(found.name)}"`)
      .send(readFileSync(join(dir, found.name)));
  });
}
