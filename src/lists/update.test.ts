import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.ts';
import { resolveSource, updateSource, mirrored } from './update.ts';

const line = (id: string, name: string) => JSON.stringify({ id, schema: 'Company', properties: { name: [name], country: ['cn'] } });

/** A local stand-in for the official host: serves one FtM file with an ETag and honours If-None-Match. */
function fakeOrigin(state: { body: string; truncate?: boolean; requests: string[] }): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      state.requests.push(`${req.method} ${req.url} inm=${req.headers['if-none-match'] ?? ''}`);
      if (req.url !== '/data.opensanctions.org/datasets/latest/test_ds/entities.ftm.json') {
        res.writeHead(404).end();
        return;
      }
      const etag = `"${createHash('sha256').update(state.body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304).end();
        return;
      }
      const body = Buffer.from(state.body);
      res.writeHead(200, { connection: 'close', etag, 'content-length': String(body.length + (state.truncate ? 10 : 0)) });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve({ server, base: `http://127.0.0.1:${addr.port}` });
    });
  });
}

test('mirror rewrites an official URL to <mirror>/<host>/<path>', () => {
  assert.equal(mirrored('https://data.trade.gov/a/b.json?x=1', 'http://127.0.0.1:9/'), 'http://127.0.0.1:9/data.trade.gov/a/b.json?x=1');
});

test('update downloads, imports, then sends a conditional request and skips an unmodified list', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-update-'));
  const state = { body: `${line('c1', 'Alpha Co')}\n`, requests: [] as string[] };
  const { server, base } = await fakeOrigin(state);
  const store = await openStore(':memory:');
  try {
    const source = resolveSource('opensanctions:test_ds');
    const first = await updateSource(store, source, { dataDir, mirror: base });
    assert.equal(first.status, 'imported');
    assert.equal(first.entities, 1);
    assert.match(first.files[0].sha256!, /^[0-9a-f]{64}$/);

    const second = await updateSource(store, source, { dataDir, mirror: base });
    assert.equal(second.status, 'not-modified');
    assert.match(state.requests[1], /inm="/);

    state.body += `${line('c2', 'Beta Co')}\n`;
    const third = await updateSource(store, source, { dataDir, mirror: base });
    assert.equal(third.status, 'imported');
    assert.equal(third.entities, 2);
    assert.equal((await store.versions('opensanctions:test_ds')).length, 2);
  } finally {
    server.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a truncated download is refused and leaves the store as it was', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-update-'));
  const state = { body: `${line('c1', 'Alpha Co')}\n`, truncate: true, requests: [] as string[] };
  const { server, base } = await fakeOrigin(state);
  const store = await openStore(':memory:');
  try {
    await assert.rejects(updateSource(store, resolveSource('opensanctions:test_ds'), { dataDir, mirror: base }), /truncated|terminated|aborted|closed/i);
    assert.equal((await store.versions()).length, 0);
    assert.equal(await store.httpCache('https://data.opensanctions.org/datasets/latest/test_ds/entities.ftm.json'), undefined);
  } finally {
    server.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('unknown sources and dataset names are refused clearly', () => {
  assert.throws(() => resolveSource('nope'), /unknown list source "nope"/);
  assert.throws(() => resolveSource('opensanctions'), /needs a dataset name/);
  assert.throws(() => resolveSource('opensanctions:../etc'), /needs a dataset name/);
});
