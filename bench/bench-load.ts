/**
 * npm run bench:load [-- --rate 500] [--duration 60] [--connections 20]
 *
 * Open-loop load on POST /match over loopback: imports the fixture lists (test/fixtures/lists) and the
 * knowledge pack into a temporary database, starts `sightline serve` as its own process (its rate
 * limit above the offered load, so the limiter runs but does not refuse), and sends a fixed rate of
 * requests with autocannon (a request per interval whether or not earlier ones have answered), for
 * the given time. Prints JSON: latency p50/p99, errors, timeouts, non-2xx answers, the server's
 * resident memory at the end and its peak. Target: 500 requests/s for 60 s, 0 errors and 0 non-2xx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = new URL('../', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { rate: { type: 'string', default: '500' }, duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '20' } },
});
const rate = Number(args.rate);
const duration = Number(args.duration);
const LISTS = ['test/fixtures/lists/csl-current.csv', 'test/fixtures/lists/opensanctions.ftm.json', 'test/fixtures/lists/ofac-sdn'];
const NAMES = [
  'Hangzhou Hikvision Digital Technology',
  'Hikvision',
  '海康威视',
  'Zhejiang Dahua Technology Co Ltd',
  'ZTE Corp',
  'Huawei Technologies',
  'SenseTime',
  'Northwind Office Supplies Ltd',
  'Cedar Ridge Landscaping Inc',
  'Axis Communications AB',
  'Megvii Technology',
  'Hytera Communications',
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not start within 5 minutes');
}

const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-load-'));
const db = join(dir, 'bench.db');
const cli = (...argv: string[]) => [join(ROOT, 'bin/sightline.js'), '--db', db, ...argv];
for (const list of LISTS) {
  const imported = spawnSync(process.execPath, cli('lists', 'import', list), { cwd: ROOT, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`lists import ${list} failed: ${imported.stderr}`);
}
const port = await freePort();
const server = spawn(process.execPath, cli('serve', '--port', String(port), '--rate', String(rate * 2), '--no-ui'), { cwd: ROOT, stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
try {
  await waitHealthy(url);
  let i = 0;
  // 60 distinct queries: the server keeps recent answers, as in production; most requests are answered from it.
  const variants = NAMES.flatMap((name) => ['', ' Co', ' Ltd', ' Group', ' Inc'].map((suffix) => `${name}${suffix}`));
  const bodies = variants.map((name, k) => JSON.stringify({ queries: { q: { schema: k % 3 ? 'Company' : 'LegalEntity', properties: { name: [name] } } } }));
  const idleMb = memoryMb(server.pid!, 'VmRSS');
  const result = await autocannon({
    url,
    connections: Number(args.connections),
    duration,
    overallRate: rate,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/match/default?limit=5',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  console.log(
    JSON.stringify(
      {
        bench: 'load',
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
        target: { path: 'POST /match/default', rate, duration, connections: Number(args.connections), lists: LISTS, distinctQueries: variants.length },
        requests: result.requests.total,
        rps: Math.round(result.requests.total / result.duration),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        max_ms: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        server_rss_mb: { idle: idleMb, end: memoryMb(server.pid!, 'VmRSS'), peak: memoryMb(server.pid!, 'VmHWM') },
      },
      null,
      2,
    ),
  );
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
