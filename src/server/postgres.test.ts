import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { openStore, type Store } from '../store/index.ts';
import { postgresBinDir, startPgCluster, type PgCluster } from '../../test/helpers/pg-cluster.ts';
import { loadWorld } from '../graph/load.ts';
import { buildApp, startServer } from './index.ts';
import { defaultHandlers } from './jobs/handlers.ts';
import { fixturePath, multipartBody } from '../../test/helpers/server.ts';
import { bufferIO } from '../cli/io.ts';
import { registerServe } from '../cli/commands/serve.ts';

// The server on PostgreSQL (multi-user deployments), on a throwaway cluster. CI installs PostgreSQL.
const bin = postgresBinDir();
const skip = bin ? false : 'skipped: PostgreSQL server binaries not found (apt-get install -y postgresql)';
let cluster: PgCluster | undefined;

before(async () => {
  if (bin) cluster = await startPgCluster();
});
after(() => cluster?.stop());

type App = Awaited<ReturnType<typeof buildApp>>;
type Row = { label: string; recordKey: string; hits: { entityId: string; review: { status: string } }[] };

async function screenVendors(app: App): Promise<string> {
  const body = multipartBody({ name: 'vendors.csv', data: readFileSync(fixturePath('vendors.csv')) }, { kind: 'vendors' });
  const res = await app.inject({ method: 'POST', url: '/screen', payload: body.payload, headers: body.headers });
  assert.equal(res.statusCode, 202, res.body);
  await app.sightline.jobs.idle();
  return res.json().id;
}

test('on PostgreSQL the server matches, screens, remembers decisions across re-screens, and keeps an intact audit chain under concurrent writers', {
  skip,
  timeout: 120_000,
}, async () => {
  let store: Store | undefined = await openStore(cluster!.url);
  let app: App | undefined;
  try {
    const { world, versions } = await loadWorld(store);
    app = await buildApp({ store, world, versions, rateLimit: false, handlers: await defaultHandlers(), reloadWorld: () => loadWorld(store!) });

    const match = (
      await app.inject({
        method: 'POST',
        url: '/match/default',
        payload: { queries: { q: { schema: 'Company', properties: { name: ['Hikvision'], country: ['cn'] } } } },
      })
    ).json();
    assert.equal(match.responses.q.results[0].id, 'pack-hikvision');

    const first = await screenVendors(app);
    const r1 = (await app.inject({ url: `/jobs/${first}/results` })).json();
    assert.equal(r1.job.status, 'done');
    const hik = r1.rows.find((x: Row) => x.label.startsWith('Hikvision')) as Row;
    assert.equal(hik.hits[0].entityId, 'pack-hikvision');
    const decided = await app.inject({
      method: 'POST',
      url: '/decisions',
      payload: { jobId: first, recordKey: hik.recordKey, entityId: 'pack-hikvision', decision: 'dismissed', reason: 'a different Hikvision (local reseller)' },
    });
    assert.equal(decided.statusCode, 201, decided.body);

    const second = (await app.inject({ method: 'POST', url: `/jobs/${first}/rescreen` })).json().id;
    await app.sightline.jobs.idle();
    const r2 = (await app.inject({ url: `/jobs/${second}/results` })).json();
    assert.equal(r2.job.options.previousJobId, first);
    assert.equal((r2.rows.find((x: Row) => x.recordKey === hik.recordKey) as Row).hits[0].review.status, 'dismissed');
    assert.match((await app.inject({ url: `/jobs/${second}/report.html` })).body, /id="certificate"[\s\S]*<\/html>/);

    // PostgreSQL text cannot hold NUL; a reason pasted with one is still recorded.
    const dahua = r2.rows.find((x: Row) => x.label.startsWith('Dahua')) as Row;
    const nul = await app.inject({
      method: 'POST',
      url: '/decisions',
      payload: { jobId: second, recordKey: dahua.recordKey, entityId: dahua.hits[0].entityId, decision: 'escalated', reason: 'pasted\u0000text' },
    });
    assert.equal(nul.statusCode, 201, nul.body);
    assert.equal(nul.json().reason, 'pasted\uFFFDtext');

    // Twenty appends at once over a pool of ten connections: each must chain to the one before.
    const audit = app.sightline.review.audit;
    const before = (await audit.list()).length;
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => audit.append({ actor: `writer ${i}`, role: 'admin', action: 'test.concurrent', subject: String(i) })),
    );
    assert.equal(new Set(appended.map((e) => e.prevHash)).size, 20, 'no two entries share a predecessor');
    assert.equal(await audit.verify(), undefined);
    const exported = (await app.inject({ url: '/audit' })).json();
    assert.equal(exported.chain, 'intact');
    assert.equal(exported.entries.length, before + 20);
    assert.deepEqual(
      exported.entries.slice(0, 4).map((e: { action: string }) => e.action),
      ['job.created', 'decision.dismissed', 'job.created', 'decision.escalated'],
    );
    const csv = await app.inject({ url: '/audit?format=csv' });
    assert.match(String(csv.headers['content-disposition']), /sightline-audit\.csv/);
    assert.equal(csv.body.trim().split('\r\n').length, before + 21);

    // A restart on the same database finds the jobs and decisions.
    await app.close();
    await store.close();
    store = await openStore(cluster!.url);
    app = await buildApp({ store, world, versions, rateLimit: false, handlers: await defaultHandlers() });
    const again = (await app.inject({ url: `/jobs/${second}/results` })).json();
    assert.equal((again.rows.find((x: Row) => x.recordKey === hik.recordKey) as Row).hits[0].review.status, 'dismissed');
    assert.equal((await app.inject({ url: '/audit' })).json().chain, 'intact');
  } finally {
    await app?.close();
    await store?.close();
  }
});

test('sightline serve works on a postgres:// database: keys are created there and the server answers from it', { skip, timeout: 120_000 }, async () => {
  const io = bufferIO();
  const program = new Command('sightline').option('--db <path>').exitOverride();
  registerServe(program, io);
  await program.parseAsync(['--db', cluster!.url, 'serve', '--create-key', 'ops', '--role', 'admin'], { from: 'user' });
  const key = /sl_[a-f0-9]{12}_[A-Za-z0-9_-]{43}/.exec(io.stdout.join('\n'))?.[0];
  assert.ok(key, io.stdout.join('\n'));

  const server = await startServer({ db: cluster!.url, port: 0, ui: false, examples: false, rateLimit: false });
  try {
    assert.equal(server.keysRequired, true, 'the key stored in PostgreSQL is found');
    assert.equal((await fetch(`${server.url}me`)).status, 401);
    const me = await (await fetch(`${server.url}me`, { headers: { authorization: `Bearer ${key}` } })).json();
    assert.deepEqual([me.name, me.role], ['ops', 'admin']);
    const ready = await (await fetch(`${server.url}readyz`)).json();
    assert.equal(ready.status, 'ok');
    assert.ok(ready.parties > 50, 'the knowledge pack was loaded into PostgreSQL');
  } finally {
    await server.close();
  }
});
