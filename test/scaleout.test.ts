/**
 * Scale-out on PostgreSQL with real processes: one API process (`serve --no-worker`) and two worker
 * processes (`sightline worker`) on a throwaway cluster. A worker killed with SIGKILL while it holds a
 * chunk loses nothing and doubles nothing: its chunk is released when its heartbeat stops and retried by
 * the other worker. A list version imported by another process reaches the API without a failed request.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresBinDir, startPgCluster, type PgCluster } from './helpers/pg-cluster.ts';
import { spawnSightline, startApi, startWorker, type SightlineProcess } from './helpers/processes.ts';

const skip = postgresBinDir() ? false : 'skipped: PostgreSQL server binaries not found (apt-get install -y postgresql)';
/** The size; chunks of 5,000 rows give ten chunks for two workers. */
const ROWS = 50_000;
const CHUNK_ROWS = 5_000;

let cluster: PgCluster | undefined;
let client: pg.Client | undefined;
let api: (SightlineProcess & { url: string }) | undefined;
let workers: (SightlineProcess & { url: string })[] = [];

before(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  // The API first: it migrates the database and loads the knowledge pack once; then the workers.
  api = await startApi(cluster.url, ['--no-worker']);
  workers = await Promise.all([0, 1].map(() => startWorker(cluster!.url, ['--chunk-rows', String(CHUNK_ROWS)])));
  client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
});

after(async () => {
  await client?.end();
  await Promise.all([api, ...workers].map((p) => p?.stop(10_000)));
  cluster?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function vendorFile(rows: number): string {
  const lines = ['name,country'];
  // Row r (header = row 1) names itself, so each result row can be checked against its input.
  for (let i = 0; i < rows; i++) lines.push(i % 1000 === 7 ? `Hikvision,CN` : `Vendor ${i + 2} Trading Ltd,DE`);
  return `${lines.join('\n')}\n`;
}

async function submit(url: string, csv: string): Promise<string> {
  const form = new FormData();
  form.append('kind', 'vendors');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'vendors.csv');
  const res = await fetch(`${url}screen`, { method: 'POST', body: form });
  assert.equal(res.status, 202, await res.clone().text());
  return (await res.json()).id;
}

/**
 * The pid of a worker process holding an unfinished chunk of the job, from the heartbeat table. A chunk is
 * held from the moment a worker records itself on it; on a quiet machine a 5,000-row chunk takes well under
 * the 1 s between progress writes, so polling is fast and does not wait for progress.
 */
async function holderOfAChunk(jobId: string): Promise<number> {
  for (let i = 0; i < 4800; i++) {
    const held = await client!.query(
      `select w.process from job_chunks c join queue_workers w on w.worker_id = c.worker
       where c.job_id = $1 and c.result is null and c.worker is not null limit 1`,
      [jobId],
    );
    if (held.rows.length) return Number(String(held.rows[0].process).split(':').pop());
    const job = await client!.query('select status, error, progress from jobs where id = $1', [jobId]);
    const state = job.rows[0] ?? {};
    if (state.status === 'done' || state.status === 'failed')
      throw new Error(`the job ended (${state.status}: ${state.error ?? ''}) before a worker was seen holding a chunk`);
    await sleep(25);
  }
  const chunks = await client!.query('select chunk, worker, done, result is null as open from job_chunks where job_id = $1 order by chunk', [jobId]);
  const beats = await client!.query('select worker_id, process, heartbeat_at from queue_workers');
  throw new Error(`no worker was seen holding a chunk; chunks ${JSON.stringify(chunks.rows)}; heartbeats ${JSON.stringify(beats.rows)}`);
}

/**
 * Stops (SIGSTOP) a worker that holds an unfinished chunk, and checks it still holds one once stopped:
 * without the freeze it could finish its chunk between the query and the kill, and nothing would be retried.
 */
async function freezeAChunkHolder(jobId: string): Promise<{ pid: number; victim: SightlineProcess }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const pid = await holderOfAChunk(jobId);
    const victim = workers.find((w) => w.pid === pid);
    assert.ok(victim, `the chunk holder ${pid} is one of the two workers`);
    victim.child.kill('SIGSTOP');
    const still = await client!.query(
      `select 1 from job_chunks c join queue_workers w on w.worker_id = c.worker
       where c.job_id = $1 and c.result is null and w.process like $2 limit 1`,
      [jobId, `%:${pid}`],
    );
    if (still.rows.length) return { pid, victim };
    victim.child.kill('SIGCONT');
  }
  throw new Error('no worker could be stopped while holding an unfinished chunk');
}

async function waitForJob(url: string, id: string, timeoutMs: number): Promise<{ status: string; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await fetch(`${url}jobs/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job.progress)}`);
    await sleep(500);
  }
}

test('a worker killed with SIGKILL mid-chunk: the job finishes with every row exactly once, and the audit log shows the retry', {
  skip,
  timeout: 900_000,
}, async () => {
  const id = await submit(api!.url, vendorFile(ROWS));
  const { pid, victim } = await freezeAChunkHolder(id);
  victim.child.kill('SIGKILL');
  await victim.exited;
  workers = workers.filter((w) => w !== victim);

  const job = await waitForJob(api!.url, id, 600_000);
  assert.equal(job.status, 'done', job.error);
  const stored = await client!.query('select result from jobs where id = $1', [id]);
  const result = JSON.parse(stored.rows[0].result) as { rows: { row: number; input: { name?: string } }[]; summary: { rows: number; hits: number } };
  assert.equal(result.rows.length, ROWS);
  assert.equal(result.summary.rows, ROWS);
  result.rows.forEach((r, i) => {
    assert.equal(r.row, i + 2, 'rows in file order, each once');
    if (r.input.name !== 'Hikvision') assert.equal(r.input.name, `Vendor ${r.row} Trading Ltd`);
  });
  assert.equal(result.summary.hits, ROWS / 1000, 'every Hikvision row is a hit');
  const left = await client!.query('select count(*)::int as n from job_chunks where job_id = $1', [id]);
  assert.equal(left.rows[0].n, 0, 'the chunks were merged and cleared');

  const audit = (await (await fetch(`${api!.url}audit`)).json()) as {
    chain: string;
    entries: { action: string; subject: string; detail: Record<string, unknown> }[];
  };
  assert.equal(audit.chain, 'intact');
  // The killed worker's entry, not merely the first: a live process that stalled past LOST_AFTER_MS on a loaded
  // machine is recorded as lost too (its chunks are then retried, and the rows above are still each there once).
  const lost = audit.entries.find((e) => e.action === 'queue.worker.lost' && e.subject.endsWith(`:${pid}`));
  assert.ok(lost, `the lost worker ${pid} is recorded`);
  const retried = audit.entries.filter((e) => e.action === 'job.chunk.retried' && e.subject === id);
  assert.ok(retried.length >= 1, 'the chunk retry is recorded');
  assert.notEqual(retried[0].detail.worker, retried[0].detail.previousWorker);
});

test('a list version imported by another process reaches the API process within seconds, with no failed request during the swap', {
  skip,
  timeout: 300_000,
}, async () => {
  const name = 'Quillfeather Optronic Surveillance Works';
  const dir = mkdtempSync(join(tmpdir(), 'sightline-scaleout-'));
  const file = join(dir, 'extra.ftm.json');
  writeFileSync(
    file,
    `${JSON.stringify({ id: 'qf-1', schema: 'Company', properties: { name: [name], country: ['cn'] }, datasets: ['scaleout_test'], target: true })}\n` +
      `${JSON.stringify({ id: 'qf-1-sanction', schema: 'Sanction', properties: { entity: ['qf-1'], authority: ['Test'], program: ['EL'] }, datasets: ['scaleout_test'] })}\n`,
  );
  const match = async (q: string) => {
    const res = await fetch(`${api!.url}match/default`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: { q: { schema: 'Company', properties: { name: [q] } } } }),
    });
    return { status: res.status, top: res.ok ? (await res.json()).responses.q.results[0]?.caption : undefined };
  };
  assert.notEqual((await match(name)).top, name, 'not known before the import');

  // Requests keep coming during the reload and swap; every one must be answered.
  let stopLoad = false;
  const statuses: number[] = [];
  const load = Promise.all(
    [0, 1, 2].map(async () => {
      while (!stopLoad) statuses.push((await match('Dahua Technology')).status);
    }),
  );
  const importer = spawnSightline(['--db', cluster!.url, 'lists', 'import', file, '--format', 'ftm', '--source', 'scaleout-test', '--json']);
  await importer.waitFor(/"version"/, 120_000);
  assert.equal((await importer.exited).code, 0, importer.output());
  const versionId = Number(/"id":\s*(\d+)/.exec(importer.output())?.[1]);
  const imported = Date.now();
  let seenAfter = -1;
  while (Date.now() - imported < 60_000) {
    if ((await match(name)).top === name) {
      seenAfter = Date.now() - imported;
      break;
    }
    await sleep(100);
  }
  stopLoad = true;
  await load;
  assert.ok(seenAfter >= 0, 'the API answered with the new version within 60 s');
  assert.ok(statuses.length > 0 && statuses.every((s) => s === 200), `every request during the swap answered 200 (${statuses.length} requests)`);
  const ready = await (await fetch(`${api!.url}readyz`)).json();
  assert.ok(ready.versionIds.includes(versionId), 'the API reports the new version');
  // The surviving worker follows too: jobs it runs from now on record the new version.
  // The worker reloads its world as the API does: allowed as long (a poll, not a fixed number of tries).
  const workerDeadline = Date.now() + 120_000;
  for (;;) {
    const w = await (await fetch(`${workers[0].url}readyz`)).json();
    if (w.versions.includes(versionId)) break;
    assert.ok(Date.now() < workerDeadline, 'the worker loaded the new version within 120 s');
    await sleep(300);
  }
  const id = await submit(api!.url, 'name,country\nQuillfeather Optronic Surveillance Works,CN\n');
  assert.equal((await waitForJob(api!.url, id, 120_000)).status, 'done');
  const results = await (await fetch(`${api!.url}jobs/${id}/results`)).json();
  assert.ok(
    results.versions.some((v: { id: number }) => v.id === versionId),
    'the job records the version it used',
  );
  assert.equal(results.rows[0].hits[0]?.caption, name);
  // SIGTERM: the worker stops taking jobs, finishes what it holds, and leaves the heartbeat table.
  const last = workers[0];
  await last.stop();
  assert.equal((await last.exited).code, 0, last.output());
  const rows = await client!.query('select count(*)::int as n from queue_workers where process like $1', [`%:${last.pid}`]);
  assert.equal(rows.rows[0].n, 0);
  process.stderr.write(`# new version answered by the API ${seenAfter} ms after the import (${statuses.length} requests during the swap)\n`);
});
