/**
 * Monitoring with two API processes on one PostgreSQL database (two apps in this process, each with its
 * own connection pool, graphile-worker runner, schedule and delivery timer): every scheduled update runs
 * once, and every alert delivery is sent once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Cron } from 'croner';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/index.ts';
import { buildApp } from '../src/server/app.ts';
import type { UpdateOneSource } from '../src/server/list-updates.ts';
import { postgresBinDir, startPgCluster, type PgCluster } from './helpers/pg-cluster.ts';
import { fixtureWorld } from './helpers/server.ts';
import { webhookReceiver } from './helpers/webhook-receiver.ts';

const available = Boolean(postgresBinDir());
const skip = available ? false : 'PostgreSQL server binaries not installed (apt-get install -y postgresql)';
const SECRET = 'a-secret-of-sixteen+';
let cluster: PgCluster | undefined;

before(async () => {
  if (available) cluster = await startPgCluster();
});
after(() => cluster?.stop());

type App = Awaited<ReturnType<typeof buildApp>>;

/** ofac-sdn fails to download (an operator alert); the other sources are not modified. Every call is counted. */
function fakeUpdater(calls: string[]): UpdateOneSource {
  return async (source) => {
    calls.push(source);
    if (source === 'ofac-sdn') throw new Error('download of SDN.CSV failed: HTTP 503');
    return { status: 'not-modified' };
  };
}

/** Two API processes on the cluster's database, sharing the update counter. */
async function twoProcesses(dbName: string, calls: string[], updateSchedule: string | false) {
  const admin = await openStore(cluster!.url);
  await sql.raw(`create database ${dbName}`).execute(admin.handle.db);
  await admin.close();
  const url = cluster!.url.replace(/\/postgres$/, `/${dbName}`);
  const stores: Store[] = [];
  const apps: App[] = [];
  for (let i = 0; i < 2; i++) {
    const store = await openStore(url);
    stores.push(store);
    apps.push(
      await buildApp({
        store,
        world: fixtureWorld(),
        rateLimit: false,
        reloadWorld: async () => ({ world: fixtureWorld(), versions: [] }),
        queue: { url, workers: 1 },
        updateLists: fakeUpdater(calls),
        monitoring: { updateSchedule, deliverEveryMs: 150, delivery: { timeoutMs: 10_000 } },
      }),
    );
  }
  return {
    apps,
    close: async () => {
      for (const app of apps) await app.close();
      for (const store of stores) await store.close();
    },
  };
}

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two API processes on PostgreSQL: a scheduled slot is updated once, and its operator alert is delivered once', { skip, timeout: 120_000 }, async () => {
  const receiver = await webhookReceiver(300);
  const calls: string[] = [];
  const { apps, close } = await twoProcesses('slot_once', calls, false);
  try {
    const [a, b] = apps.map((app) => app.sightline.monitoring!);
    await a.service.monitors.create({ name: 'vendors', kind: 'vendors', owner: 'ana', recipients: { webhooks: [{ url: receiver.url, secret: SECRET }] } });
    const slot = new Date('2026-12-08T04:00:00.000Z');
    await Promise.all([a.onSchedule(slot), b.onSchedule(slot)]);
    const id = 'lists-update-20261208T040000Z';
    const jobs = apps[0].sightline.jobs;
    await until('the scheduled job to finish', async () => (await jobs.get(id))?.status === 'done');
    assert.deepEqual(calls.sort(), ['csl', 'ofac-cons', 'ofac-sdn'], 'each source updated once, by one worker');
    const listed = (await jobs.list()).filter((j) => j.kind === 'lists-update');
    assert.deepEqual(
      listed.map((j) => [j.id, j.actor]),
      [[id, 'schedule']],
    );
    const operator = await a.service.alerts.list({ kind: 'operator' });
    assert.equal(operator.length, 1, 'one operator alert for the failed source');
    assert.match(operator[0].caption, /lists update of ofac-sdn failed; the current version stays in use: download of SDN.CSV failed: HTTP 503/);

    // Both delivery timers run every 150 ms; both processes are also asked to deliver at the same moment.
    await Promise.all([a.deliver(), b.deliver()]);
    await until('the alert to be delivered', async () => (await a.service.alerts.list({ undelivered: true })).length === 0);
    await new Promise((r) => setTimeout(r, 1000)); // several more ticks of both timers
    assert.equal(receiver.posts.length, 1, 'one POST for the alert, whichever process sent it');
    assert.deepEqual(
      JSON.parse(receiver.posts[0]).alerts.map((x: { id: number }) => x.id),
      [operator[0].id],
    );
    const log = await a.service.alerts.attempts(operator[0].id);
    assert.deepEqual(
      log.map((x) => [x.attempt, x.ok]),
      [[1, true]],
    );
  } finally {
    await close();
    receiver.close();
  }
});

test('two API processes running the same cron schedule queue each slot once', { skip, timeout: 120_000 }, async () => {
  const calls: string[] = [];
  const schedule = '*/2 * * * * *';
  const started = new Date();
  const { apps, close } = await twoProcesses('cron_once', calls, schedule);
  try {
    const jobs = apps[0].sightline.jobs;
    await until('two scheduled slots', async () => (await jobs.list()).filter((j) => j.kind === 'lists-update').length >= 2);
    for (const app of apps) await app.sightline.monitoring!.stop();
    const stopped = new Date();
    await jobs.idle();
    const slots = new Cron(schedule).nextRuns(100, started).filter((d) => d <= stopped).length;
    const scheduled = (await jobs.list()).filter((j) => j.kind === 'lists-update');
    assert.ok(scheduled.length >= 2 && scheduled.length <= slots, `${scheduled.length} jobs for ${slots} slots`);
    assert.ok(scheduled.every((j) => /^lists-update-\d{8}T\d{6}Z$/.test(j.id)));
    assert.equal(calls.filter((s) => s === 'csl').length, scheduled.length, 'csl updated once per slot, not once per process');
    assert.equal(calls.length, 3 * scheduled.length);
  } finally {
    await close();
  }
});
