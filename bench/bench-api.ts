/**
 * Load test of POST /match on loopback: imports the rebuilt CSL into a temporary database, starts the
 * app on 127.0.0.1, and drives it from a worker thread (its own event loop) with N keep-alive
 * connections, each sending one single-query yente request at a time, for a bounded time.
 *   npm run bench:api -- [--csl FILE] [--seconds 30] [--connections 16] [--no-cache] [--processes N]
 * --processes N (N ≥ 2): N API processes (`serve --no-worker`) on one throwaway PostgreSQL, each on its own
 * port; the connections are split among them (the OS is the load balancer).
 * The server keeps recent match answers per list snapshot (as in production); --no-cache scores every request.
 * Prints {requests, rps, p50_ms, p99_ms, errors}. Targets: ≥ 1,000 requests/s, p99 < 50 ms, no errors.
 * The rate limit is off for the run (it would otherwise answer 429 to a single client by design).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';
import { loadWorld } from '../src/graph/load.ts';
import { buildApp } from '../src/server/index.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const csl = arg('csl', '../shared/data/lists/csl/consolidated-rebuilt-2026.csv');
const seconds = Math.min(120, Math.max(1, Number(arg('seconds', '30'))));
const connections = Math.min(64, Math.max(1, Number(arg('connections', '16'))));
// --no-cache measures the matcher itself: every request is scored afresh.
const cache = !process.argv.includes('--no-cache');

// The load generator: plain node:http with a keep-alive agent (fetch costs more CPU than the server).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { ports, bodies, seconds, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let errors = 0, requests = 0, i = 0;
const end = Date.now() + seconds * 1000;
function one(port) {
  return new Promise((resolve) => {
    const body = bodies[i++ % bodies.length];
    const t = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: '/match/default?limit=5', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let size = 0;
      res.on('data', (c) => (size += c.length));
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        requests++;
        if (res.statusCode !== 200 || size === 0) errors++;
        resolve();
      });
    });
    req.on('error', () => { errors++; requests++; resolve(); });
    req.end(body);
  });
}
async function loop(_, k) { const port = ports[k % ports.length]; while (Date.now() < end) await one(port); }
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, errors, requests });
});
`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-api-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    await importFiles(store, [csl]);
    const { world, versions } = await loadWorld(store);
    const app = await buildApp({ store, world, versions, rateLimit: false, matchCache: cache ? 20_000 : 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    // Queries: real names from the lists (exact and with a typo) and names that match nothing.
    const parties = world.parties().filter((e) => e.properties.name?.[0]);
    const names: string[] = [];
    for (let k = 0; k < 300 && parties.length; k++) {
      const n = parties[(k * 7919) % parties.length].properties.name[0];
      names.push(k % 3 === 1 ? n.slice(0, -2) + n.slice(-1) : n);
    }
    names.push('Northwind Office Supplies Ltd', 'Cedar Ridge Landscaping Inc', 'Axis Communications AB', 'Milestone Systems A/S');
    const bodies = names.map((name, k) =>
      JSON.stringify({ queries: { q: { schema: k % 5 === 0 ? 'Company' : 'LegalEntity', properties: { name: [name] } } } }),
    );
    const load = await loadPorts([port], bodies);
    await app.close();
    console.log(JSON.stringify({ ...load, match_cache: cache, distinct_queries: bodies.length, parties: world.parties().length }));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `bodies` round-robin to the servers on `ports` for `seconds` from a worker thread; latency figures. */
async function loadPorts(ports: number[], bodies: string[]) {
  const started = Date.now();
  const result = await new Promise<{ latencies: number[]; errors: number; requests: number }>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { ports, bodies, seconds, connections } });
    w.once('message', resolve);
    w.once('error', reject);
  });
  const elapsed = (Date.now() - started) / 1000;
  const sorted = result.latencies.sort((a, b) => a - b);
  return {
    requests: result.requests,
    rps: Math.round(result.requests / elapsed),
    p50_ms: Math.round(percentile(sorted, 50) * 100) / 100,
    p99_ms: Math.round(percentile(sorted, 99) * 100) / 100,
    errors: result.errors,
    seconds: Math.round(elapsed * 10) / 10,
    connections,
  };
}

/** Queries as main() builds them: list names (some with a typo) and names that match nothing. */
function queryBodies(names: string[]): string[] {
  names.push('Northwind Office Supplies Ltd', 'Cedar Ridge Landscaping Inc', 'Axis Communications AB', 'Milestone Systems A/S');
  return names.map((name, k) => JSON.stringify({ queries: { q: { schema: k % 5 === 0 ? 'Company' : 'LegalEntity', properties: { name: [name] } } } }));
}

async function multiProcess(processes: number): Promise<void> {
  const { startPgCluster } = await import('../test/helpers/pg-cluster.ts');
  const { startApi } = await import('../test/helpers/processes.ts');
  const cluster = await startPgCluster();
  const apis: Awaited<ReturnType<typeof startApi>>[] = [];
  try {
    const store = await openStore(cluster.url);
    await importFiles(store, [csl]);
    const { world } = await loadWorld(store);
    await store.close();
    const parties = world.parties().filter((e) => e.properties.name?.[0]);
    const names = Array.from({ length: Math.min(300, parties.length) }, (_, k) => {
      const n = parties[(k * 7919) % parties.length].properties.name[0];
      return k % 3 === 1 ? n.slice(0, -2) + n.slice(-1) : n;
    });
    const bodies = queryBodies(names);
    for (let i = 0; i < processes; i++) apis.push(await startApi(cluster.url, ['--no-worker']));
    const ports = apis.map((a) => Number(new URL(a.url).port));
    const load = await loadPorts(ports, bodies);
    console.log(JSON.stringify({ processes, database: 'postgresql', ...load, distinct_queries: bodies.length }));
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
    cluster.stop();
  }
}

const processes = Math.max(1, Math.min(8, Number(arg('processes', '1'))));
if (processes > 1) await multiProcess(processes);
else await main();
