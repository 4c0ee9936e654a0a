/**
 * OpenSanctions-size lists on one machine: the world and match index for a generated list of N entities
 * (default 1,000,000, about 3 names each), with the real consolidated list inside it so candidate recall
 * is checked on real names.
 *   npm run bench:scale-index -- [--entities 1000000] [--list CSL.csv] [--queries 3000] [--recall-sample 60] [--json]
 *     [--snapshot FILE: keep the built index there, reuse it if present] [--reference FILE: cache the exhaustive results
 *     of the recall sample] [--misses FILE: every miss, one JSON line each, with why it was missed (scale-misses.ts)]
 * The generated entities recombine the real name parts of the list: company words with legal forms, given
 * and family names of listed persons, each with two aliases (reordered, abbreviated, another spelling).
 * Two child processes, as users run it: `build` generates the list, builds the world and the index the
 * server and CLI use (createWorld + InMemoryMatchIndex) and writes the snapshot file; `query` opens that
 * snapshot (the path `sightline match` and `serve` take), then answers real-name queries on one core and
 * compares candidates with exhaustive scoring on a sample. JSON: {entities, names, build_s, build_cpu_s,
 * snapshot_mb, open_s, open_cpu_s, rss_mb_build (and _peak), rss_mb_open, rss_mb_queries (after the timed
 * queries, before the exhaustive check keeps every entity prepared), qps, qps_per_cpu_s (queries per CPU
 * second: fair on a shared machine), p50_ms, p99_ms, candidate_recall, …}. Targets (#29): build < 90 s,
 * open < 3 s, RSS < 4 GB, ≥ 1,000 queries/s, recall ≥ 99.5 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createWorld } from '../src/graph/world.ts';
import { readList } from '../src/lists/index.ts';
import { DEFAULT_THRESHOLD, InMemoryMatchIndex, isParty } from '../src/match/index.ts';
import type { Entity } from '../src/model/entity.ts';
import { openSnapshot, writeSnapshot } from '../src/snapshot/index.ts';
import { makeQueries, pct } from './bench-speed.ts';
import { diagnoseMiss } from './scale-misses.ts';
import { rng } from './seeded-random.ts';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    list: { type: 'string' },
    queries: { type: 'string', default: '3000' },
    'recall-sample': { type: 'string', default: '60' },
    json: { type: 'boolean', default: false },
    phase: { type: 'string' },
    file: { type: 'string' },
    /** keep the built snapshot at this path, and reuse it when it exists (query-side changes only) */
    snapshot: { type: 'string' },
    /** write every miss of the recall sample, diagnosed (scale-misses.ts), one JSON line each */
    misses: { type: 'string' },
    /** exhaustive results of the recall sample, cached at this path (they depend on the scorer only, not on retrieval) */
    reference: { type: 'string' },
  },
});
const LIST =
  args.list ??
  ['../shared/data/lists/csl/consolidated-rebuilt-2026.csv', '../../shared/data/lists/csl/consolidated-rebuilt-2026.csv'].find((p) => existsSync(p)) ??
  '../shared/data/lists/csl/consolidated-rebuilt-2026.csv';
const KEY = 'bench-scale-index';
const LEGAL_FORMS = ['Co., Ltd.', 'LLC', 'GmbH', 'Ltd', 'JSC', 'S.A.', 'Trading FZE', 'Holdings Limited', 'OOO', 'Inc.'];

async function realList(): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of readList([LIST])) out.push(e);
  return out;
}

/** The words of the real names, split by kind: company words, given names, family names. */
function nameParts(parties: Entity[]): { company: string[]; given: string[]; family: string[] } {
  const company = new Set<string>();
  const given = new Set<string>();
  const family = new Set<string>();
  for (const e of parties)
    for (const n of [...(e.properties.name ?? []), ...(e.properties.alias ?? [])]) {
      const words = n.split(/[\s,]+/).filter((w) => /^\p{L}{3,}$/u.test(w));
      if (e.schema === 'Person' && words.length >= 2) {
        given.add(words[0]!);
        family.add(words.at(-1)!);
      } else for (const w of words) company.add(w);
    }
  return { company: [...company], given: [...given], family: [...family] };
}

/** N generated parties: a name and two aliases each, recombined from real parts (deterministic). */
function* generated(n: number, parts: ReturnType<typeof nameParts>): Generator<Entity> {
  const r = rng(1_000_003);
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    if (i % 3 === 2) {
      const [g, m, f] = [pick(parts.given), pick(parts.given), pick(parts.family)];
      const names = [`${g} ${f}`, `${f} ${g} ${m}`, `${g[0]}. ${m} ${f}`];
      yield { id: `gen-p-${i}`, schema: 'Person', properties: { name: [names[0]!], alias: names.slice(1) }, origin: { source: 'generated' } };
    } else {
      const words = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(parts.company));
      const form = pick(LEGAL_FORMS);
      const names = [
        `${words.join(' ')} ${form}`,
        `${words.slice(0, 2).join(' ')} ${pick(LEGAL_FORMS)}`,
        words
          .map((w) => w[0])
          .join('')
          .toUpperCase() + ` ${words.at(-1)}`,
      ];
      yield { id: `gen-c-${i}`, schema: 'Company', properties: { name: [names[0]!], alias: names.slice(1) }, origin: { source: 'generated' } };
    }
  }
}

/** CPU seconds of this process since `from` (user + system): fair on a shared machine, where wall time is not. */
function cpuS(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1e6);
}

/** The most RSS this process has held (the kernel's high-water mark). */
function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
}

/** Heap in use after a full collection (the child runs with --expose-gc), in MB: what a stage keeps. */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}

async function buildPhase(file: string, n: number): Promise<Record<string, unknown>> {
  const real = await realList();
  const realParties = real.filter((e) => isParty(e.schema) && (e.properties.name?.length ?? 0) > 0);
  const parts = nameParts(realParties);
  let t = performance.now();
  const entities = [...real, ...generated(Math.max(0, n - realParties.length), parts)];
  const generateS = (performance.now() - t) / 1000;
  const heapEntities = heapMb();
  let names = 0;
  for (const e of entities) if (isParty(e.schema)) names += (e.properties.name?.length ?? 0) + (e.properties.alias?.length ?? 0);
  t = performance.now();
  let cpu = process.cpuUsage();
  const world = createWorld(entities);
  const worldS = cpuS(cpu);
  let buildS = (performance.now() - t) / 1000;
  // the collection that measures the world's heap is left out of the build time
  const heapWorld = heapMb();
  t = performance.now();
  cpu = process.cpuUsage();
  const index = new InMemoryMatchIndex(world.parties());
  buildS += (performance.now() - t) / 1000;
  const buildCpuS = worldS + cpuS(cpu);
  const heapIndex = heapMb();
  t = performance.now();
  writeSnapshot(file, KEY, { world, index, versions: [] });
  const writeS = (performance.now() - t) / 1000;
  return {
    entities: entities.length,
    parties: index.size,
    real_parties: realParties.length,
    names,
    generate_s: +generateS.toFixed(1),
    build_s: +buildS.toFixed(1),
    build_cpu_s: +buildCpuS.toFixed(1),
    world_cpu_s: +worldS.toFixed(1),
    heap_mb_entities: heapEntities,
    heap_mb_world: heapWorld,
    heap_mb_index: heapIndex,
    write_s: +writeS.toFixed(1),
    snapshot_mb: Math.round(statSync(file).size / 1e6),
    rss_mb_build: rssMb(),
    rss_mb_build_peak: peakRssMb(),
  };
}

/** Per sampled query, the results exhaustive scoring finds above the threshold. */
type Reference = { id: string; caption: string; score: number }[];

async function queryPhase(file: string, queries: number, sample: number): Promise<Record<string, unknown>> {
  let t = performance.now();
  let cpu = process.cpuUsage();
  const opened = openSnapshot(file, KEY);
  if (typeof opened === 'string') throw new Error(`snapshot not opened: ${opened}`);
  const openS = (performance.now() - t) / 1000;
  const openCpuS = cpuS(cpu);
  const rssOpen = rssMb();
  const heapOpen = heapMb();
  // Queries from the real list's names (exact and perturbed) and names that match nothing, as bench:speed.
  const real = (await realList()).filter((e) => isParty(e.schema) && (e.properties.name?.length ?? 0) > 0);
  const { index } = opened;
  for (const q of makeQueries(real, Math.min(2000, queries), 99)) index.match(q);
  const list = makeQueries(real, queries);
  const lat: number[] = [];
  t = performance.now();
  cpu = process.cpuUsage();
  for (const q of list) {
    const s = performance.now();
    index.match(q);
    lat.push(performance.now() - s);
  }
  const qps = Math.round((list.length * 1000) / (performance.now() - t));
  const qpsCpu = Math.round(list.length / cpuS(cpu));
  lat.sort((a, b) => a - b);
  const rssQueries = rssMb();
  // the exhaustive reference scores every entity per query: keep them all prepared rather than prepare
  // a million entities again for each (the index's bounded cache would)
  index.cachePrepared(Infinity);
  let expected = 0;
  let found = 0;
  const missed: string[] = [];
  const dump: string[] = [];
  const cached: Reference[] = args.reference && existsSync(args.reference) ? JSON.parse(readFileSync(args.reference, 'utf8')) : [];
  const reference: Reference[] = [];
  for (const [at, q] of list.slice(0, sample).entries()) {
    const all =
      cached[at] ??
      index
        .matchExhaustive(q, { limit: 1000 })
        .filter((x) => x.score >= DEFAULT_THRESHOLD)
        .map(({ id, caption, score }) => ({ id, caption, score }));
    reference.push(all);
    const got = new Set(index.match(q, { limit: 1000 }).map((x) => x.id));
    for (const x of all) {
      expected++;
      if (got.has(x.id)) found++;
      else {
        if (missed.length < 10) missed.push(`${q.properties.name[0]} → ${x.caption} (${x.score})`);
        if (args.misses)
          dump.push(
            JSON.stringify({
              query: q.properties.name[0],
              schema: q.schema,
              hit: x.caption,
              id: x.id,
              score: x.score,
              hits: all.length,
              ...diagnoseMiss(index, q, x.id),
            }),
          );
      }
    }
  }
  if (args.reference && cached.length < reference.length) writeFileSync(args.reference, JSON.stringify(reference));
  if (args.misses) writeFileSync(args.misses, dump.map((l) => `${l}\n`).join(''));
  return {
    open_s: +openS.toFixed(2),
    open_cpu_s: +openCpuS.toFixed(2),
    rss_mb_open: rssOpen,
    heap_mb_open: heapOpen,
    queries: list.length,
    qps,
    qps_per_cpu_s: qpsCpu,
    p50_ms: +pct(lat, 50).toFixed(2),
    p99_ms: +pct(lat, 99).toFixed(2),
    recall_queries: sample,
    recall_expected: expected,
    candidate_recall: expected ? +(found / expected).toFixed(4) : null,
    missed,
    rss_mb_queries: rssQueries,
    rss_mb_query: rssMb(),
    rss_mb_query_peak: peakRssMb(),
  };
}

/** Runs one phase in a fresh process (its own heap and RSS), returns its JSON. */
function child(phase: string, file: string): Record<string, unknown> {
  const forward = ['--entities', args.entities!, '--queries', args.queries!, '--recall-sample', args['recall-sample']!, '--list', LIST];
  if (args.misses) forward.push('--misses', args.misses);
  if (args.reference) forward.push('--reference', args.reference);
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, '--max-old-space-size=12000', '--expose-gc', process.argv[1]!, '--phase', phase, '--file', file, ...forward],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    },
  );
  if (run.status !== 0) throw new Error(`the ${phase} phase failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

async function main(): Promise<void> {
  const n = Number(args.entities);
  if (args.phase === 'build') return void console.log(JSON.stringify(await buildPhase(args.file!, n)));
  if (args.phase === 'query') return void console.log(JSON.stringify(await queryPhase(args.file!, Number(args.queries), Number(args['recall-sample']))));
  const dir = mkdtempSync(join(tmpdir(), 'sightline-scale-index-'));
  try {
    const file = args.snapshot ?? join(dir, 'index.snapshot');
    const built = args.snapshot && existsSync(file) ? { reused_snapshot: file } : child('build', file);
    const report = { list: LIST, ...built, ...child('query', file) };
    if (args.json) console.log(JSON.stringify(report));
    else for (const [k, v] of Object.entries(report)) console.log(`${k.padEnd(18)} ${Array.isArray(v) ? v.join('\n                   ') : v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
