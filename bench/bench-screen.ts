/**
 * Screening throughput and recall on a large vendor file.
 *   npm run bench:screen [-- --rows 100000 --hidden 500 --csl PATH --threads 2]
 * Imports the rebuilt CSL into a temporary SQLite database, writes a vendor master of generated ordinary
 * company names with real list names hidden among them (some lightly altered: case, legal form), screens it,
 * and prints {rows, seconds, rows_per_s, cpu_s, rss_mb_peak, hidden, recall, hits, reviews, ordinary_flagged}; then screens it
 * again on --threads worker threads (each opening the index snapshot) and prints rows_per_s_threads, cpu_s_threads (CPU of all threads), the
 * speed-up and whether the results are identical to one thread's. Each run starts from the snapshot opened
 * afresh (outside the timer), as a CLI call does, so that neither inherits the other's warm caches;
 * main_thread_cpu_s (Linux) is the calling thread's share of a run's CPU, the rest being workers and GC.
 * Target: 100,000 rows in under 60 s with flat memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { openSnapshot, openWorldIndex, snapshotKey } from '../src/snapshot/index.ts';
import { screenAgainst } from '../src/screen/index.ts';
import { csvLine } from '../src/report/index.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    hidden: { type: 'string', default: '500' },
    csl: { type: 'string', default: resolve('../shared/data/lists/csl/consolidated-rebuilt-2026.csv') },
    threads: { type: 'string', default: '2' },
  },
});
const ROWS = Number(args.rows);
const HIDDEN = Number(args.hidden);

// Deterministic generator (mulberry32) so runs are comparable.
let seed = 20260101;
function rand(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const FIRST = [
  'North',
  'Blue',
  'Cedar',
  'Maple',
  'Silver',
  'Harbor',
  'Oak',
  'River',
  'Summit',
  'Prairie',
  'Granite',
  'Willow',
  'Copper',
  'Lake',
  'Sunny',
  'Pine',
  'Meadow',
  'Stone',
  'Bright',
  'Elm',
  'Fox',
  'Heron',
  'Juniper',
  'Kestrel',
  'Linden',
  'Marigold',
  'Nettle',
  'Orchard',
  'Poplar',
  'Quarry',
  'Rowan',
  'Sable',
  'Thistle',
  'Upland',
  'Vale',
  'Wren',
  'Yarrow',
  'Birch',
  'Clover',
  'Dune',
];
const SECOND = [
  'field',
  'wood',
  'brook',
  'gate',
  'view',
  'ridge',
  'stone',
  'side',
  'crest',
  'haven',
  'ford',
  'mont',
  'well',
  'wick',
  'bury',
  'dale',
  'holm',
  'shaw',
  'ton',
  'worth',
];
const TRADE = [
  'Office Supplies',
  'Janitorial Services',
  'Landscaping',
  'Catering',
  'Printing',
  'Courier',
  'Plumbing',
  'Electrical Contractors',
  'Accounting',
  'Legal Services',
  'Furniture',
  'Packaging',
  'Staffing',
  'Dental Supplies',
  'Bakery',
  'Auto Repair',
  'Signage',
  'Translation',
  'Event Rentals',
  'Uniforms',
  'Pest Control',
  'Roofing',
  'Water Coolers',
  'Recycling',
  'Floor Care',
];
const LEGAL = ['Ltd', 'LLC', 'Inc.', 'GmbH', 'BV', 'AB', 'Pty Ltd', 'S.A.R.L.', 'Co.', 'LLP', 'Oy', 'ApS'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'SE', 'CA', 'AU', 'JP', 'IE', 'DK', 'FI'];

function ordinaryName(): string {
  return `${pick(FIRST)}${pick(SECOND)} ${pick(TRADE)} ${pick(LEGAL)}`;
}

function alter(name: string): string {
  const r = rand();
  if (r < 0.25) return name.toUpperCase();
  if (r < 0.5) return name.replace(/\b(co\.?,? ?ltd\.?|limited|llc|inc\.?|company)$/i, '').trim() || name;
  return name;
}

/** CPU seconds of the calling thread alone (Linux: /proc), beside the process's. */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-screen-'));
  let rssPeak = 0;
  const sample = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  try {
    const store = await openStore(join(dir, 'bench.db'));
    await importFiles(store, [args.csl]);
    const snapshot = join(dir, 'bench.db.snapshot');
    const { world, versions } = await openWorldIndex(store, snapshot);
    await store.close();

    // Hidden rows: organisations listed in the CSL, spread over the file.
    const listed = world.parties().filter((e) => e.schema !== 'Person' && world.listings(e.id).length && (e.properties.name?.[0]?.length ?? 0) > 6);
    const hidden = new Map<number, { id: string; name: string }>();
    while (hidden.size < Math.min(HIDDEN, listed.length)) {
      const e = pick(listed);
      hidden.set(Math.floor(rand() * ROWS) + 2, { id: e.id, name: alter(e.properties.name[0]) });
    }
    const lines = [csvLine(['Vendor ID', 'Vendor Name', 'Country'])];
    for (let row = 2; row <= ROWS + 1; row++) {
      const h = hidden.get(row);
      lines.push(csvLine([`V${row}`, h ? h.name : ordinaryName(), h ? '' : pick(COUNTRIES)]));
    }
    const file = join(dir, 'vendors.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    lines.length = 0;

    // CPU seconds of all threads of the process: on a shared machine, what the run cost apart from what it waited
    const cpuSeconds = () => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1e6;
    };
    const now = new Date();
    const run = async (threads: number) => {
      const opened = openSnapshot(snapshot, snapshotKey(versions));
      if (typeof opened === 'string') throw new Error(`bench: ${opened}`);
      const [cpuStart, mainStart, started] = [cpuSeconds(), mainThreadCpuSeconds(), process.hrtime.bigint()];
      const out = await screenAgainst(opened.world, versions, file, { now, runId: 'bench', snapshot, threads }, opened.index);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const main = mainStart === undefined ? undefined : Math.round((mainThreadCpuSeconds()! - mainStart) * 10) / 10;
      return { report: out, seconds, cpu: cpuSeconds() - cpuStart, main };
    };
    const { report, seconds, cpu } = await run(1);
    const threads = Number(args.threads);
    const { report: threaded, seconds: secondsThreads, cpu: cpuThreads, main: mainCpuThreads } = await run(threads);
    const identical = JSON.stringify(threaded) === JSON.stringify(report);
    let found = 0,
      ordinaryFlagged = 0;
    for (const r of report.results) {
      const h = hidden.get(r.row);
      if (h) {
        if (r.status !== 'clear' && r.match && (r.match.id === h.id || world.canonicalId(h.id) === r.match.id)) found++;
      } else if (r.status !== 'clear') ordinaryFlagged++;
    }
    clearInterval(sample);
    console.log(
      JSON.stringify({
        rows: report.summary.rows,
        seconds: Math.round(seconds * 10) / 10,
        rows_per_s: Math.round(report.summary.rows / seconds),
        cpu_s: Math.round(cpu * 10) / 10,
        rss_mb_peak: Math.round(rssPeak / 1048576),
        hidden: hidden.size,
        recall: Math.round((found / hidden.size) * 1000) / 1000,
        hits: report.summary.hit,
        reviews: report.summary.review,
        ordinary_flagged: ordinaryFlagged,
        threads,
        seconds_threads: Math.round(secondsThreads * 10) / 10,
        cpu_s_threads: Math.round(cpuThreads * 10) / 10,
        main_thread_cpu_s_threads: mainCpuThreads,
        rows_per_s_threads: Math.round(report.summary.rows / secondsThreads),
        speedup: Math.round((seconds / secondsThreads) * 100) / 100,
        identical_results: identical,
        load_average_1m: Math.round(loadavg()[0] * 100) / 100,
      }),
    );
  } finally {
    clearInterval(sample);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
