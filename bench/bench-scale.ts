/**
 * Scale-out on PostgreSQL: a generated vendor file (real BIS Entity List names, about 5%, among made-up
 * negatives) screened by `sightline worker` processes sharing a throwaway cluster, first with one worker,
 * then with two, submitted through an API process (`serve --no-worker`). Time is from upload to the job
 * done (read, split, chunks, merge). Peak RSS is each process's VmHWM (the file reader child not counted).
 *   npm run bench:scale -- [--rows 1000000] [--chunk-rows 10000] [--json]
 * JSON: {rows, chunk_rows, rows_per_s_1, rows_per_s_2, speedup, seconds_1, seconds_2, peak_rss_mb}.
 */
import { existsSync, readFileSync } from 'node:fs';
import { startPgCluster } from '../test/helpers/pg-cluster.ts';
import { startApi, startWorker, type SightlineProcess } from '../test/helpers/processes.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const rows = Math.max(1, Number(arg('rows', '1000000')));
const chunkRows = Math.max(1, Number(arg('chunk-rows', '10000')));
const json = process.argv.includes('--json');
// The shared data folder beside the checkout (or beside the worktrees' folder).
const ENTITY_LIST = arg(
  'names',
  ['../shared/data/lists/bis/bis_entity_list.json', '../../shared/data/lists/bis/bis_entity_list.json'].find((p) => existsSync(p)) ??
    '../shared/data/lists/bis/bis_entity_list.json',
);

/** A deterministic vendor file: every 20th row a listed name, the rest plausible company names that are not listed. */
function vendorFile(n: number): string {
  const listed = (JSON.parse(readFileSync(ENTITY_LIST, 'utf8')) as { entities: { name: string; country?: string }[] }).entities;
  const first = ['Northwind', 'Cedar', 'Bluewater', 'Granite', 'Silver', 'Harbor', 'Maple', 'Summit', 'Oak', 'Prairie', 'Atlas', 'Beacon'];
  const second = ['Office', 'Logistics', 'Textiles', 'Foods', 'Software', 'Printing', 'Freight', 'Ceramics', 'Tooling', 'Packaging'];
  const suffix = ['Ltd', 'GmbH', 'Inc', 'BV', 'SARL', 'AB', 'LLC', 'Pty Ltd'];
  const countries = ['DE', 'FR', 'US', 'GB', 'NL', 'SE', 'CN', 'IN', 'BR', 'JP'];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['name,country'];
  for (let i = 0; i < n; i++) {
    if (i % 20 === 3) {
      const e = listed[(i * 7919) % listed.length];
      lines.push(`${quote(e.name)},${quote(e.country ?? '')}`);
    } else lines.push(`${first[i % 12]} ${second[(i >> 3) % 10]} ${i} ${suffix[(i >> 5) % 8]},${countries[(i >> 2) % 10]}`);
  }
  return `${lines.join('\n')}\n`;
}

function peakRssMb(pid: number): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

async function screen(apiUrl: string, csv: string): Promise<number> {
  const form = new FormData();
  form.append('kind', 'vendors');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'vendors.csv');
  const started = Date.now();
  const res = await fetch(`${apiUrl}screen`, { method: 'POST', body: form });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  for (;;) {
    const job = await (await fetch(`${apiUrl}jobs/${id}`)).json();
    if (job.status === 'failed') throw new Error(`job failed: ${job.error}`);
    if (job.status === 'done') {
      if (job.summary.rows !== rows) throw new Error(`job screened ${job.summary.rows} rows, not ${rows}`);
      return (Date.now() - started) / 1000;
    }
    if (!json) process.stderr.write(`\r${job.progress.done ?? 0}/${job.progress.total ?? '?'} ${job.progress.message ?? ''}   `);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function run(url: string, apiUrl: string, csv: string, workers: number) {
  const started: SightlineProcess[] = await Promise.all(Array.from({ length: workers }, () => startWorker(url, ['--chunk-rows', String(chunkRows)])));
  try {
    const seconds = await screen(apiUrl, csv);
    return { seconds, rss: started.map((w) => peakRssMb(w.pid)) };
  } finally {
    await Promise.all(started.map((w) => w.stop()));
  }
}

async function main(): Promise<void> {
  const csv = vendorFile(rows);
  const cluster = await startPgCluster();
  let api: (SightlineProcess & { url: string }) | undefined;
  try {
    api = await startApi(cluster.url, ['--no-worker', '--max-upload', '1GB']);
    const one = await run(cluster.url, api.url, csv, 1);
    const two = await run(cluster.url, api.url, csv, 2);
    const out = {
      rows,
      chunk_rows: chunkRows,
      file_mb: Math.round(Buffer.byteLength(csv) / 1e5) / 10,
      rows_per_s_1: Math.round(rows / one.seconds),
      rows_per_s_2: Math.round(rows / two.seconds),
      speedup: Math.round((one.seconds / two.seconds) * 100) / 100,
      seconds_1: Math.round(one.seconds * 10) / 10,
      seconds_2: Math.round(two.seconds * 10) / 10,
      peak_rss_mb: { api: peakRssMb(api.pid), worker_1: one.rss, workers_2: two.rss },
    };
    if (json) console.log(JSON.stringify(out));
    else {
      process.stderr.write('\n');
      console.log(
        `${rows} rows in chunks of ${chunkRows}: 1 worker ${out.seconds_1} s (${out.rows_per_s_1} rows/s), 2 workers ${out.seconds_2} s (${out.rows_per_s_2} rows/s), speed-up ${out.speedup}`,
      );
      console.log(`peak RSS MB: api ${out.peak_rss_mb.api}, 1 worker ${one.rss.join(', ')}, 2 workers ${two.rss.join(', ')}`);
    }
  } finally {
    await api?.stop();
    cluster.stop();
  }
}

await main();
