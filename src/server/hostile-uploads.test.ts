import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testApp, fixturePath, multipartBody } from '../../test/helpers/server.ts';
import { defaultHandlers } from './jobs/handlers.ts';
import { runIsolated, type ParseLimits } from './jobs/isolate.ts';
import type { JobHandler } from './jobs/types.ts';
import { xlsxBomb } from '../../test/helpers/zip-writer.ts';
import { gibibyteBombs } from '../../test/helpers/bombs.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];
const io = (name: string) => readFileSync(new URL(`../../test/fixtures/io/${name}`, import.meta.url));
const hostileReader = new URL('../../test/fixtures/server/hostile-reader.ts', import.meta.url);

async function submit(app: App, name: string, data: Buffer, kind: string): Promise<string> {
  const body = multipartBody({ name, data, type: 'application/octet-stream' }, { kind });
  const res = await app.inject({ method: 'POST', url: '/screen', payload: body.payload, headers: body.headers });
  assert.equal(res.statusCode, 202, res.body);
  return res.json().id as string;
}

/** Waits for the queue while asking /healthz every 50 ms; returns how many answers and the slowest. */
async function idleWhileProbing(app: App): Promise<{ answers: number; slowestMs: number }> {
  let done = false;
  let answers = 0;
  let slowestMs = 0;
  const probe = (async () => {
    while (!done) {
      const t = Date.now();
      const res = await app.inject({ url: '/healthz' });
      assert.equal(res.statusCode, 200);
      answers++;
      slowestMs = Math.max(slowestMs, Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await app.sightline.jobs.idle();
  done = true;
  await probe;
  return { answers, slowestMs };
}

const job = async (app: App, id: string) => (await app.inject({ url: `/jobs/${id}` })).json();

test('hostile workbooks uploaded as jobs fail with a message naming the file; /healthz answers throughout; the next job completes', async () => {
  const { app, close } = await testApp({ handlers: defaultHandlers() });
  try {
    const colref = await submit(app, 'colref.xlsx', io('colref.xlsx'), 'vendors');
    const colrefDevices = await submit(app, 'colref.xlsx', io('colref.xlsx'), 'devices');
    const colrefDocument = await submit(app, 'colref.xlsx', io('colref.xlsx'), 'documents');
    const farcell = await submit(app, 'farcell.xlsx', io('farcell.xlsx'), 'vendors');
    const garbage = await submit(app, 'trailing-garbage.xlsx', io('trailing-garbage.xlsx'), 'devices');
    const garbageVendors = await submit(app, 'trailing-garbage.xlsx', io('trailing-garbage.xlsx'), 'vendors');
    const normal = await submit(app, 'vendors.csv', readFileSync(fixturePath('vendors.csv')), 'vendors');
    const { answers } = await idleWhileProbing(app);
    assert.ok(answers > 0);

    for (const id of [colref, colrefDevices, colrefDocument]) {
      const j = await job(app, id);
      assert.equal(j.status, 'failed');
      assert.match(j.error, /^colref\.xlsx\b.*ZZZZZZZZ2.*outside the Excel grid/);
    }
    for (const id of [garbage, garbageVendors]) {
      const j = await job(app, id);
      assert.equal(j.status, 'failed');
      assert.match(j.error, /^trailing-garbage\.xlsx: corrupt or unreadable ZIP/);
    }
    // The far cell is read as what it is (a header and one row a million rows down), in bounded memory.
    const far = await job(app, farcell);
    assert.equal(far.status, 'done', far.error);
    assert.equal(far.summary.rows, 1);
    const ok = await job(app, normal);
    assert.equal(ok.status, 'done', ok.error);
    assert.deepEqual([ok.summary.rows, ok.summary.hits], [5, 2]);
  } finally {
    await close();
  }
});

test('the 1 MB → 1 GiB bombs and overlap.zip uploaded as vendors, devices and documents each fail naming the file; /healthz answers throughout; the next job completes', async () => {
  const { app, close } = await testApp({ handlers: defaultHandlers() });
  try {
    const files = [...gibibyteBombs(), { name: 'overlap.zip', data: readFileSync(new URL('../../test/fixtures/hostile/overlap.zip', import.meta.url)) }];
    const jobs: { id: string; name: string; kind: string }[] = [];
    for (const f of files)
      for (const kind of ['vendors', 'devices', 'documents']) jobs.push({ id: await submit(app, f.name, f.data, kind), name: f.name, kind });
    const normal = await submit(app, 'vendors.csv', readFileSync(fixturePath('vendors.csv')), 'vendors');
    const { answers } = await idleWhileProbing(app);
    assert.ok(answers > 0);
    for (const { id, name, kind } of jobs) {
      const j = await job(app, id);
      assert.equal(j.status, 'failed', `${kind} ${name}: ${j.status}`);
      assert.ok(j.error.startsWith(name), `${kind} ${name}: the error names the file: ${j.error}`);
      // To the readers that open it, a bomb; a PDF is not a table or a device list, a DOCX or ZIP not a device list.
      const refusedUnopened = /\.pdf$/.test(name) ? kind !== 'documents' : /\.(docx|zip)$/.test(name) && kind === 'devices';
      assert.match(
        j.error,
        refusedUnopened ? /not a table|unrecognised device input|ZIP archive, not text|not a text file/ : /(zip|decompression) bomb\?/,
        `${kind} ${name}`,
      );
      assert.doesNotMatch(j.error, /^\s+at /m);
    }
    const ok = await job(app, normal);
    assert.equal(ok.status, 'done', ok.error);
    assert.deepEqual([ok.summary.rows, ok.summary.hits], [5, 2]);
  } finally {
    await close();
  }
});

/** Every hostile reproducer kept in the project (test/fixtures/hostile, test/fixtures/io) and a generated XLSX bomb. */
function hostileFiles(): { name: string; data: Buffer }[] {
  const dirs = ['hostile', 'hostile/crashes', 'io'].map((d) => new URL(`../../test/fixtures/${d}/`, import.meta.url).pathname);
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((n) => statSync(join(dir, n)).isFile())
      .map((name) => ({ name, data: readFileSync(join(dir, name)) })),
  );
  return [...files, { name: 'bomb.xlsx', data: xlsxBomb(8) }];
}

test('every hostile reproducer uploaded as vendors, devices and documents ends done or failed with a message naming it; the next job completes', async () => {
  const { app, close } = await testApp({ handlers: defaultHandlers() });
  try {
    const jobs: { id: string; name: string; kind: string }[] = [];
    for (const f of hostileFiles())
      for (const kind of ['vendors', 'devices', 'documents']) jobs.push({ id: await submit(app, f.name, f.data, kind), name: f.name, kind });
    const normal = await submit(app, 'vendors.csv', readFileSync(fixturePath('vendors.csv')), 'vendors');
    const { answers } = await idleWhileProbing(app);
    assert.ok(answers > 0);
    let failed = 0;
    for (const { id, name, kind } of jobs) {
      const j = await job(app, id);
      assert.ok(['done', 'failed'].includes(j.status), `${kind} ${name}: ${j.status}`);
      if (j.status === 'failed') {
        failed++;
        assert.ok(j.error.startsWith(name), `${kind} ${name}: the error names the file: ${j.error}`);
        assert.doesNotMatch(j.error, /^\s+at /m);
      }
    }
    assert.ok(failed >= jobs.length / 2, `${failed} of ${jobs.length} failed`);
    assert.equal((await job(app, normal)).status, 'done');
  } finally {
    await close();
  }
});

/** A job whose reader is one of the test's hostile readers, under tight limits. */
function hostile(fn: string, limits: ParseLimits): JobHandler {
  return (ctx) => runIsolated({ module: hostileReader, fn }, [], ctx.fileName, limits);
}

test('a reader that runs out of memory or time, hangs or aborts V8 fails its own job; the server and the queue go on', async () => {
  const limits: ParseLimits = { memoryMb: 96, timeMs: 1500 };
  const handlers = defaultHandlers();
  const { app, close } = await testApp({
    handlers: {
      ...handlers,
      // Time enough to reach the memory limit on a loaded machine: this job is about memory, not time.
      holdings: hostile('exhaustMemory', { ...limits, timeMs: 60_000 }),
      devices: hostile('spin', limits),
      documents: hostile('hang', limits),
    },
  });
  const aborting = await testApp({ handlers: { ...handlers, documents: hostile('abortV8', { memoryMb: 4096, timeMs: 60_000 }) } });
  try {
    const memory = await submit(app, 'big.csv', Buffer.from('name\nx\n'), 'holdings');
    const time = await submit(app, 'slow.xml', Buffer.from('<x/>'), 'devices');
    const never = await submit(app, 'stuck.pdf', Buffer.from('%PDF-1.4'), 'documents');
    const normal = await submit(app, 'vendors.csv', readFileSync(fixturePath('vendors.csv')), 'vendors');
    const fatal = await submit(aborting.app, 'fatal.docx', Buffer.from('x'), 'documents');
    await idleWhileProbing(app);
    await aborting.app.sightline.jobs.idle();

    const m = await job(app, memory);
    assert.equal(m.status, 'failed');
    assert.match(m.error, /^big\.csv: reading the file needed more than the 96 MB allowed \(parse memory limit\)/);
    for (const [id, name] of [
      [time, 'slow.xml'],
      [never, 'stuck.pdf'],
    ]) {
      const j = await job(app, id!);
      assert.equal(j.status, 'failed');
      assert.equal(j.error, `${name}: reading the file took longer than 1.5 s and was stopped (parse time limit); the file is refused`);
    }
    assert.equal((await job(app, normal)).status, 'done');
    const f = await job(aborting.app, fatal);
    assert.equal(f.status, 'failed');
    assert.match(f.error, /^fatal\.docx: (reading the file needed more than|the file reader crashed)/);
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  } finally {
    await close();
    await aborting.close();
  }
});
