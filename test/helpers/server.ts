/** Shared by the server tests: a store in memory and a small world from test/fixtures/server. */
import { readFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.ts';
import { createWorld } from '../../src/graph/world.ts';
import { loadWorld } from '../../src/graph/load.ts';
import type { Entity } from '../../src/model/entity.ts';
import { packageRoot } from '../../src/paths.ts';
import { buildApp, type BuildAppOptions } from '../../src/server/app.ts';

export function fixturePath(name: string): string {
  return `${packageRoot}test/fixtures/server/${name}`;
}

export function fixtureWorld() {
  return createWorld(JSON.parse(readFileSync(fixturePath('entities.json'), 'utf8')) as Entity[]);
}

export async function testApp(opts: Partial<BuildAppOptions> = {}) {
  const store = await openStore(':memory:');
  const app = await buildApp({ store, world: fixtureWorld(), rateLimit: false, ...opts });
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** An app on a store in memory holding the bundled knowledge pack (real makers, brands and listings). */
export async function packApp(opts: Partial<BuildAppOptions> = {}) {
  const store = await openStore(':memory:');
  const { world, versions } = await loadWorld(store);
  const app = await buildApp({ store, world, versions, rateLimit: false, ...opts });
  return {
    app,
    store,
    versions,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** A multipart/form-data body with one file and some fields. */
export function multipartBody(file: { name: string; data: Buffer | string; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----sightline${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`),
  );
  parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
