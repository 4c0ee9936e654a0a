import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from './build.ts';

test('the UI bundle builds and holds none of the server code whose wire types it imports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-web-'));
  try {
    const out = await buildWeb({ cacheDir: dir, force: true });
    const js = readFileSync(join(out, 'assets', 'app.js'), 'utf8');
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /\/assets\/app\.js/);
    for (const server of ['fastify', 'typebox', 'kysely', '~kind']) assert.ok(!js.includes(server), `bundle contains ${server}`);
    assert.ok(js.length < 200_000, `bundle is ${js.length} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
