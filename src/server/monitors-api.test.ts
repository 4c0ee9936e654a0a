import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openStore } from '../store/index.ts';
import { loadWorld } from '../graph/load.ts';
import { importFiles } from '../lists/import-files.ts';
import { buildApp } from './app.ts';
import { multipartBody } from '../../test/helpers/server.ts';
import { monitorFixture } from '../../test/helpers/monitor-lists.ts';

/** An app over a store holding CSL version A; its scheduled update imports version B for csl and fails for ofac-sdn. */
async function monitoredApp() {
  const store = await openStore(':memory:');
  await importFiles(store, [monitorFixture('csl-a.csv')]);
  const { world, versions } = await loadWorld(store);
  const updateLists = async (source: string) => {
    if (source === 'ofac-sdn') throw new Error('getaddrinfo ENOTFOUND sanctionslistservice.ofac.treas.gov');
    if (source !== 'csl') return { status: 'not-modified' };
    const out = await importFiles(store, [monitorFixture('csl-b.csv')]);
    return { status: 'imported', versionId: out.version.id, versionNumber: out.version.number };
  };
  const app = await buildApp({ store, world, versions, reloadWorld: () => loadWorld(store), rateLimit: false, updateLists });
  return { app, store, close: () => app.close().then(() => store.close()) };
}

test('monitors over the API: added from an upload, re-screened by the scheduled update, alerts in the inbox', async () => {
  const { app, store, close } = await monitoredApp();
  try {
    const form = multipartBody(
      { name: 'vendors.csv', data: readFileSync(monitorFixture('vendors.csv')) },
      { name: 'vendors', emails: 'compliance@example.org', webhooks: JSON.stringify([{ url: 'http://127.0.0.1:9/hook', secret: 'sixteen-chars-secret' }]) },
    );
    const added = await app.inject({ method: 'POST', url: '/monitors', payload: form.payload, headers: form.headers });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json().summary, { rows: 6, hit: 3, review: 0 });
    assert.deepEqual(added.json().recipients.webhooks, [{ url: 'http://127.0.0.1:9/hook', secret: 'set' }], 'the secret is never served');
    const before = await store.versions('csl');
    const { statuses } = await app.sightline.monitoring!.scheduledUpdate();
    assert.deepEqual(
      statuses.map((s) => [s.source, s.status]),
      [
        ['csl', 'imported'],
        ['ofac-sdn', 'failed'],
        ['ofac-cons', 'not-modified'],
      ],
    );
    assert.equal((await store.versions('csl')).length, before.length + 1);
    assert.equal((await store.versions('ofac-sdn')).length, 0, 'a failed download imports nothing');
    const inbox = (await app.inject({ url: '/alerts' })).json().alerts as { id: number; kind: string; caption: string; deliveries: { lastError?: string }[] }[];
    assert.deepEqual(inbox.map((a) => [a.kind, a.caption]).sort(), [
      ['changed', 'Qorvane Optics Ltd.'],
      ['new', 'Tolvaro Imaging Co., Ltd.'],
      ['operator', 'lists update of ofac-sdn failed; the current version stays in use: getaddrinfo ENOTFOUND sanctionslistservice.ofac.treas.gov'],
      ['resolved', 'Brixtel Vision Co., Ltd.'],
    ]);
    const newHit = inbox.find((a) => a.kind === 'new')!;
    assert.equal(newHit.deliveries.length, 2);
    assert.ok(
      newHit.deliveries.every((d) => d.lastError),
      'unreachable recipients leave the error on the alert',
    );
    const detail = (await app.inject({ url: `/alerts/${newHit.id}` })).json();
    assert.equal(detail.attempts.length, 2);
    const shown = (await app.inject({ url: `/monitors/vendors` })).json();
    assert.equal(shown.monitor.summary.hit, 3);
    assert.equal(shown.alerts.length, 3);
    const ack = await app.inject({ method: 'POST', url: `/alerts/${newHit.id}/acknowledge`, payload: {} });
    assert.equal(ack.json().acknowledgedBy, 'local user');
  } finally {
    await close();
  }
});

test('monitor routes follow the roles: a viewer reads, cannot add or remove', async () => {
  const { app, close } = await monitoredApp();
  try {
    const viewer = await app.sightline.keys.create('val', 'viewer');
    const headers = { authorization: `Bearer ${viewer.key}` };
    assert.equal((await app.inject({ url: '/monitors', headers })).statusCode, 200);
    const form = multipartBody({ name: 'vendors.csv', data: readFileSync(monitorFixture('vendors.csv')) }, { name: 'v' });
    const refused = await app.inject({ method: 'POST', url: '/monitors', payload: form.payload, headers: { ...form.headers, ...headers } });
    assert.equal(refused.statusCode, 403);
    assert.equal((await app.inject({ method: 'DELETE', url: '/monitors/v', headers })).statusCode, 403);
    const spec = (await app.inject({ url: '/openapi.json', headers })).json();
    assert.ok(spec.paths['/monitors'] && spec.paths['/alerts/{id}'], 'documented in OpenAPI');
  } finally {
    await close();
  }
});
