/**
 * What a user waits for at the command line, with the consolidated list imported:
 *   npm run bench:cli [-- --json --csl PATH --runs 3 --warm-only]
 * Wall time of `sightline match "Hangzhou Hikvision"`, `sightline entity Hikvision`, `sightline screen` of a
 * 20-row vendor file, and `sightline serve` until /readyz answers; warm (the index snapshot present, as after
 * an import) and `_cold` (snapshot removed before each call: every call builds the world and index again).
 * Each figure is the median of --runs. Runs bin/sightline.js: the compiled CLI (dist/) when built.
 * Beside each wall time, `…_cpu_s`: the CPU seconds (user + system) the call used, which a busy machine
 * changes much less than the wall time (through /usr/bin/time; serve: /proc when /readyz answers).
 * Targets: each CLI call < 1 s warm, serve ready < 2 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    csl: { type: 'string', default: resolve('../shared/data/lists/csl/consolidated-rebuilt-2026.csv') },
    runs: { type: 'string', default: '3' },
    // skip the `_cold` calls (each rebuilds the index: a minute on a busy machine)
    'warm-only': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const BIN = resolve('bin/sightline.js');
const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-cli-'));
const env = { ...process.env, SIGHTLINE_DATA_DIR: dir, SIGHTLINE_DB: join(dir, 'sightline.db') };
const snapshotFile = `${env.SIGHTLINE_DB}.snapshot`;

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall seconds of one CLI call, and its CPU seconds (user + system, from /usr/bin/time when there is one). */
function run(argv: string[]): { wall: number; cpu?: number } {
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, BIN, ...argv], { env, encoding: 'utf8' })
    : spawnSync(process.execPath, [BIN, ...argv], { env, encoding: 'utf8' });
  const wall = (performance.now() - t) / 1000;
  // match and screen exit 1 on a hit: that is their answer, not a failure
  if (r.status !== 0 && r.status !== 1) throw new Error(`sightline ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const times = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: times ? Number(times[1]) + Number(times[2]) : undefined };
}

/** CPU seconds a running process has used so far (Linux /proc), or undefined elsewhere. */
function processCpu(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second on Linux)
  } catch {
    return undefined;
  }
}

async function serveReady(port: number): Promise<{ wall: number; cpu?: number }> {
  const t = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-ui'], { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return { wall: (performance.now() - t) / 1000, cpu: processCpu(child.pid) };
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const round = (x: number) => Math.round(x * 1000) / 1000;

async function measure(cold: boolean, port: number): Promise<Record<string, number>> {
  const vendors = join(dir, 'vendors-20.csv');
  const calls: [string, () => Promise<{ wall: number; cpu?: number }> | { wall: number; cpu?: number }][] = [
    ['match', () => run(['match', 'Hangzhou Hikvision'])],
    ['entity', () => run(['entity', 'Hikvision'])],
    ['screen', () => run(['screen', vendors, '--no-save'])],
    ['serve_ready', () => serveReady(port)],
  ];
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (let r = 0; r < RUNS; r++) {
    for (const [name, call] of calls) {
      if (cold) rmSync(snapshotFile, { force: true });
      const m = await call();
      (wall[name] ??= []).push(m.wall);
      if (m.cpu !== undefined) (cpu[name] ??= []).push(m.cpu);
    }
  }
  const suffix = cold ? '_cold' : '';
  const out: Record<string, number> = {};
  for (const [name, xs] of Object.entries(wall)) out[`${name}_s${suffix}`] = round(median(xs));
  for (const [name, xs] of Object.entries(cpu)) out[`${name}_cpu_s${suffix}`] = round(median(xs));
  return out;
}

async function main(): Promise<void> {
  const examples = readFileSync('examples/vendors.csv', 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'vendors-20.csv'), `${examples.slice(0, 21).join('\n')}\n`);
  // a stale dist/ (sources edited or pulled since `npm run build`) would time yesterday's code
  const stale = /is newer than the compiled CLI/.exec(spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).stderr);
  if (stale) throw new Error('bench:cli: dist/ is older than src/: run `npm run build` first');
  const importS = run(['lists', 'import', args.csl!]).wall;
  if (!existsSync(snapshotFile)) throw new Error('the import wrote no snapshot');
  const port = 18_000 + (process.pid % 1000);
  run(['match', 'warm up the file cache']);
  const loadAtStart = loadavg()[0];
  const warm = await measure(false, port);
  const cold = args['warm-only'] ? {} : await measure(true, port);
  const out = {
    ...warm,
    ...cold,
    import_and_snapshot_s: Math.round(importS * 10) / 10,
    compiled: existsSync(resolve('dist/cli/main.js')),
    runs: RUNS,
    load_average_1m_start: Math.round(loadAtStart * 100) / 100,
    load_average_1m: Math.round(loadavg()[0] * 100) / 100,
  };
  if (args.json) console.log(JSON.stringify(out));
  else for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(24)} ${v}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
