/**
 * Screening throughput and recall on a large vendor file.
 *   npm run bench:screen [-- --rows 100000 --hidden 500 --csl PATH --threads 2]
 * Imports the rebuilt CSL into a temporary SQLite database, writes a vendor master of generated ordinary
 * company names with real list names hidden among them (some lightly altered: case, legal form), screens it,
 * and prints {rows, seconds, rows_per_s, cpu_s, rss_mb_peak, hidden, recall, hits, reviews, ordinary_flagged}; then screens it
 * again on --threads worker threads (each opening the index snapshot) and prints rows_per_s_threads, cpu_s_threads (CPU of all threads), the
 * speed-up and whether the results are identical to one thread's. Each run starts from the snapshot opened
 * afresh (outside the timer), as a CLI call does, so that neither inherits the other's warm caches.
 * On Linux, thread_cpu_s(_threads) is the CPU of each screening thread (calling thread first, then the
 * workers; GC and compiler helpers apart), and cpu_speedup_estimate the 1-thread figure over the N threads'
 * sum ÷ N: the speed-up free cores would give, which a shared machine's wall times cannot show.
 * Target: 100,000 rows in under 60 s with flat memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { openSnapshot, openWorldIndex, snapshotKey } from '../src/snapshot/index.ts';
import { screenAgainst } from '../src/screen/index.ts';
import { csvLine } from '../src/report/index.ts';
import { rng } from './seeded-random.ts';

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

// Deterministic generator so runs are comparable.
const rand = rng(20260101);
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

/**
 * CPU seconds of the calling thread and of the threads started during a run (the workers; V8's GC and
 * compiler helpers exist from the start), from /proc on Linux, sampled while the run goes on since a
 * worker's thread ends with it.
 */
class ThreadCpu {
  private readonly first = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.sample(this.first);
    this.timer = setInterval(() => this.sample(this.last), 50);
  }
  private sample(into: Map<string, number>): void {
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        into.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
      }
    } catch {
      // not Linux, or a thread that ended between listing and reading
    }
  }
  /** Seconds per thread over the run: the calling thread first, then the workers; undefined off Linux. */
  stop(): { main: number; workers: number[] } | undefined {
    this.sample(this.last);
    clearInterval(this.timer);
    const main = this.last.get(String(process.pid));
    if (main === undefined) return undefined;
    const spent = (tid: string) => Math.round(((this.last.get(tid) ?? 0) - (this.first.get(tid) ?? 0)) * 10) / 10;
    const workers = [...this.last.keys()].filter((t) => !this.first.has(t)).map(spent);
    return { main: spent(String(process.pid)), workers };
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
      const [cpuStart, threadCpu, started] = [cpuSeconds(), new ThreadCpu(), process.hrtime.bigint()];
      const out = await screenAgainst(opened.world, versions, file, { now, runId: 'bench', snapshot, threads }, opened.index);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { report: out, seconds, cpu: cpuSeconds() - cpuStart, perThread: threadCpu.stop() };
    };
    const { report, seconds, cpu, perThread: perThread1 } = await run(1);
    const threads = Number(args.threads);
    const { report: threaded, seconds: secondsThreads, cpu: cpuThreads, perThread } = await run(threads);
    // what free cores would give: one thread's CPU against the N threads' shared out evenly, as the queue of
    // 128-row chunks does when each thread has a core (on a busy machine the split follows the scheduler)
    const perCore = perThread && [perThread.main, ...perThread.workers].reduce((a, b) => a + b, 0) / threads;
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
        thread_cpu_s: perThread1?.main,
        thread_cpu_s_threads: perThread && [perThread.main, ...perThread.workers],
        cpu_speedup_estimate: perThread1 && perCore ? Math.round((perThread1.main / perCore) * 100) / 100 : undefined,
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
