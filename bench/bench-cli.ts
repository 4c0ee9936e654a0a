/**
 * What a user waits for at the command line, with the consolidated list imported:
 *   npm run bench:cli [-- --json --csl PATH --runs 3]
 * Wall time of `sightline match "Hangzhou Hikvision"`, `sightline entity Hikvision`, `sightline screen` of a
 * 20-row vendor file, and `sightline serve` until /readyz answers; warm (the index snapshot present, as after
 * an import) and `_cold` (snapshot removed before each call: every call builds the world and index again).
 * Each figure is the median of --runs. Runs bin/sightline.js: the compiled CLI (dist/) when built.
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
  },
});
const RUNS = Number(args.runs);
const BIN = resolve('bin/sightline.js');
const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-cli-'));
const env = { ...process.env, SIGHTLINE_DATA_DIR: dir, SIGHTLINE_DB: join(dir, 'sightline.db') };
const snapshotFile = `${env.SIGHTLINE_DB}.snapshot`;

function run(argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...argv], { env, encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  // match and screen exit 1 on a hit: that is their answer, not a failure
  if (r.status !== 0 && r.status !== 1) throw new Error(`sightline ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return s;
}

async function serveReady(port: number): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-ui'], { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return (performance.now() - t) / 1000;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(cold: boolean, port: number): Promise<Record<string, number>> {
  const vendors = join(dir, 'vendors-20.csv');
  const times: Record<string, number[]> = { match_s: [], entity_s: [], screen_s: [], serve_ready_s: [] };
  const calls: [string, () => Promise<number> | number][] = [
    ['match_s', () => run(['match', 'Hangzhou Hikvision'])],
    ['entity_s', () => run(['entity', 'Hikvision'])],
    ['screen_s', () => run(['screen', vendors, '--no-save'])],
    ['serve_ready_s', () => serveReady(port)],
  ];
  for (let r = 0; r < RUNS; r++) {
    for (const [name, call] of calls) {
      if (cold) rmSync(snapshotFile, { force: true });
      times[name].push(await call());
    }
  }
  const suffix = cold ? '_cold' : '';
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [`${k.replace(/_s$/, '')}_s${suffix}`, Math.round(median(v) * 1000) / 1000]));
}

async function main(): Promise<void> {
  const examples = readFileSync('examples/vendors.csv', 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'vendors-20.csv'), `${examples.slice(0, 21).join('\n')}\n`);
  const importS = run(['lists', 'import', args.csl!]);
  if (!existsSync(snapshotFile)) throw new Error('the import wrote no snapshot');
  const port = 18_000 + (process.pid % 1000);
  run(['match', 'warm up the file cache']);
  const warm = await measure(false, port);
  const cold = await measure(true, port);
  const out = {
    ...warm,
    ...cold,
    import_and_snapshot_s: Math.round(importS * 10) / 10,
    compiled: existsSync(resolve('dist/cli/main.js')),
    runs: RUNS,
    load_average_1m: Math.round(loadavg()[0] * 100) / 100,
  };
  if (args.json) console.log(JSON.stringify(out));
  else for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(24)} ${v}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
