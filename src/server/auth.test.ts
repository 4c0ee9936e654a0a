import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, fixturePath, multipartBody } from '../../test/helpers/server.ts';
import { readFileSync } from 'node:fs';
import { isLoopback, keyFromHeaders } from './auth.ts';

const match = { method: 'POST' as const, url: '/match/default', payload: { queries: { q: { schema: 'Company', properties: { name: ['Hikvision'] } } } } };

test('beyond loopback, a request without a key gets 401 and a bad key too', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0' });
  try {
    const res = await app.inject(match);
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer');
    assert.equal((await app.inject({ ...match, headers: { authorization: `Bearer sl_000000000000_${'a'.repeat(43)}` } })).statusCode, 401);
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  } finally {
    await close();
  }
});

test('on loopback without keys, requests act as a local admin; once a key exists, keys are required', async () => {
  const { app, close } = await testApp({ host: '127.0.0.1' });
  try {
    const me = (await app.inject({ url: '/me' })).json();
    assert.deepEqual([me.role, me.local], ['admin', true]);
    await app.sightline.keys.create('ci', 'viewer');
    await new Promise((r) => setTimeout(r, 0));
    assert.equal((await app.inject({ url: '/me' })).statusCode, 401);
  } finally {
    await close();
  }
});

test('a viewer can match but cannot upload or decide; a reviewer can decide; an admin can do everything', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0' });
  try {
    const viewer = (await app.sightline.keys.create('vera', 'viewer')).key;
    const analyst = (await app.sightline.keys.create('ann', 'analyst')).key;
    const reviewer = (await app.sightline.keys.create('rex', 'reviewer')).key;
    const admin = (await app.sightline.keys.create('ada', 'admin')).key;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    assert.equal((await app.inject({ ...match, headers: auth(viewer) })).statusCode, 200);
    assert.equal((await app.inject({ ...match, headers: { 'x-api-key': viewer } })).statusCode, 200);
    const upload = multipartBody({ name: 'vendors.csv', data: readFileSync(fixturePath('vendors.csv')) }, { kind: 'vendors' });
    assert.equal(
      (await app.inject({ method: 'POST', url: '/screen', payload: upload.payload, headers: { ...upload.headers, ...auth(viewer) } })).statusCode,
      403,
    );
    const job = (await app.inject({ method: 'POST', url: '/screen', payload: upload.payload, headers: { ...upload.headers, ...auth(analyst) } })).json();
    await app.sightline.jobs.idle();
    const results = (await app.inject({ url: `/jobs/${job.id}/results`, headers: auth(viewer) })).json();
    const row = results.rows.find((r: { hits: unknown[] }) => r.hits.length);
    const decision = { jobId: job.id, recordKey: row.recordKey, entityId: row.hits[0].entityId, decision: 'dismissed', reason: 'different company' };
    const denied = await app.inject({ method: 'POST', url: '/decisions', payload: decision, headers: auth(viewer) });
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().detail, /reviewer/);
    assert.equal((await app.inject({ method: 'POST', url: '/decisions', payload: decision, headers: auth(analyst) })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/decisions', payload: decision, headers: auth(reviewer) })).statusCode, 201);
    const byAdmin = await app.inject({
      method: 'POST',
      url: '/decisions',
      payload: { ...decision, decision: 'confirmed', reason: 'same ISIN' },
      headers: auth(admin),
    });
    assert.equal(byAdmin.statusCode, 201);
    assert.equal(byAdmin.json().actor, 'ada');
    const audit = (await app.inject({ url: '/audit', headers: auth(viewer) })).json();
    assert.deepEqual(
      audit.entries.map((e: { action: string }) => e.action),
      ['job.created', 'decision.dismissed', 'decision.confirmed'],
    );
    assert.equal(audit.chain, 'intact');
    // by name: keys created within one millisecond have no order by creation time
    await app.sightline.keys.revoke((await app.sightline.keys.list()).find((k) => k.name === 'vera')!.id);
    assert.equal((await app.inject({ ...match, headers: auth(viewer) })).statusCode, 401, 'revoked keys stop working');
  } finally {
    await close();
  }
});

test('the rate limit answers 429 with Retry-After once a client used its burst', async () => {
  // A 30 s window (3 requests at 0.1 per second): the requests below all fall inside it on a loaded machine too.
  const { app, close } = await testApp({ rateLimit: { perSecond: 0.1, burst: 3 } });
  try {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject(match)).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    const res = await app.inject(match);
    assert.equal(res.json().status, 429);
    const wait = Number(res.headers['retry-after']);
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 30, `Retry-After ${res.headers['retry-after']} within the 30 s window`);
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'public routes are not limited');
  } finally {
    await close();
  }
});

test('the limit is per client: another address or key is unaffected, an IPv6 /64 counts as one client', async () => {
  // A 200 s window (2 requests at 0.01 per second): with a 2 s window, the sweep of 300 addresses outlasted it on a
  // loaded machine and the limited client's count ran out by itself, not through the sweep.
  const { app, close } = await testApp({ rateLimit: { perSecond: 0.01, burst: 2 } });
  try {
    const from = (remoteAddress: string) => app.inject({ ...match, remoteAddress });
    assert.deepEqual([(await from('10.0.0.1')).statusCode, (await from('10.0.0.1')).statusCode, (await from('10.0.0.1')).statusCode], [200, 200, 429]);
    assert.equal((await from('10.0.0.2')).statusCode, 200, 'another client keeps its own limit');
    // A sweep of fresh addresses does not reset the limited client's count.
    for (let i = 0; i < 300; i++) await from(`10.1.${i >> 8}.${i & 255}`);
    assert.equal((await from('10.0.0.1')).statusCode, 429);
    // Fresh addresses in one IPv6 /64 are the same host.
    await from('2001:db8:1:1::1');
    await from('2001:db8:1:1::2');
    assert.equal((await from('2001:db8:1:1::3')).statusCode, 429);
    assert.equal((await from('2001:db8:1:2::1')).statusCode, 200);
    const key = (await app.sightline.keys.create('k', 'viewer')).key;
    const other = (await app.sightline.keys.create('o', 'viewer')).key;
    const withKey = (k: string) => app.inject({ ...match, remoteAddress: '10.0.0.1', headers: { authorization: `Bearer ${k}` } });
    assert.deepEqual([(await withKey(key)).statusCode, (await withKey(key)).statusCode, (await withKey(key)).statusCode], [200, 200, 429]);
    assert.equal((await withKey(other)).statusCode, 200, 'keys are counted apart, even from one address');
  } finally {
    await close();
  }
});

test('keys are read from Bearer, ApiKey and X-API-Key headers; loopback is recognised', () => {
  assert.equal(keyFromHeaders({ authorization: 'Bearer abc' }), 'abc');
  assert.equal(keyFromHeaders({ authorization: 'ApiKey abc' }), 'abc');
  assert.equal(keyFromHeaders({ 'x-api-key': 'abc' }), 'abc');
  assert.equal(keyFromHeaders({ authorization: 'Basic abc' }), undefined);
  assert.deepEqual(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '192.168.1.4'].map(isLoopback), [true, true, true, false, false]);
});

test('keys are stored hashed, never in clear', async () => {
  const { app, store, close } = await testApp();
  try {
    const { key } = await app.sightline.keys.create('x', 'admin');
    const rows = await (store.handle.db as any).selectFrom('api_keys').selectAll().execute();
    assert.equal(rows.length, 1);
    // the secret is base64url and may itself hold '_': take everything after the 'sl_<id>_' prefix
    const secret = key.slice(key.indexOf('_', 3) + 1);
    assert.equal(secret.length, 43);
    assert.ok(!JSON.stringify(rows).includes(secret));
    assert.match(rows[0].hash, /^[a-f0-9]{64}$/);
  } finally {
    await close();
  }
});
