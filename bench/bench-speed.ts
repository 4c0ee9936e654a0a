/**
 * Speed and candidate-recall benchmark of the matcher on a real list.
 *   npm run bench:speed -- --list FILE [--queries N] [--json] [--baseline pg_trgm] [--recall-sample K] [--warmup W] [--results FILE]
 * Imports the list, builds the index, screens N queries drawn from real names (exact and perturbed)
 * plus names that match nothing, and reports build time, queries/s on one core, p50/p99 latency,
 * candidate recall against exhaustive scoring, RSS (build and queries also per CPU second: on a shared
 * machine wall time counts the other processes' turns on the core); with --baseline pg_trgm the same queries run
 * through PostgreSQL pg_trgm in a throwaway cluster and the ratio is printed. Both are warmed up
 * first with other queries (W, default 3000; pg_trgm the first 200 of them), as a running service is:
 * after 1,000 the next 1,000 queries still ran about 20 % slower than the ones after them (the JIT and
 * the word caches were still filling); after 3,000 they run as fast as later ones.
 * `results_sha256` digests every result of the measured queries (ids, scores, explanations), so that a
 * change meant to make the matcher faster can show it changed no score; `--results FILE` writes them
 * as JSON lines, to find what differs when the digests do.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { readList } from '../src/lists/index.ts';
import { buildIndex, DEFAULT_THRESHOLD, isParty, type MatchIndex, type MatchQuery } from '../src/match/index.ts';
import type { Entity } from '../src/model/entity.ts';
import { runPgTrgm } from './pg-trgm.ts';
import { rng } from './seeded-random.ts';

/** Warm-up queries come from another seed than the measured ones. */
const WARMUP_SEED = 99;
/** pg_trgm gets the first of the same warm-up queries (its buffer cache is warm after a few). */
const PG_WARMUP = 200;
/** Missed matches listed in the report, at most. */
const MAX_MISSED = 20;

const FAKE = [
  'blue',
  'river',
  'orchard',
  'lantern',
  'maple',
  'quartz',
  'harbor',
  'meadow',
  'falcon',
  'summit',
  'cedar',
  'willow',
  'granite',
  'ember',
  'zephyr',
];

export function makeQueries(parties: Entity[], n: number, seed = 7): MatchQuery[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: MatchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    if (kind === 4) {
      // names that should match nothing
      const name = `${pick(FAKE)} ${pick(FAKE)}${Math.floor(r() * 90 + 10)} ${pick(['Holdings', 'Ltd', 'GmbH', 'Trading LLC', ''])}`.trim();
      out.push({ schema: r() < 0.5 ? 'Company' : 'Person', properties: { name: [name] } });
      continue;
    }
    const e = pick(parties);
    const names = [...(e.properties.name ?? []), ...(e.properties.alias ?? [])];
    let name = pick(names);
    const words = name.split(/\s+/);
    if (kind === 1 && name.length > 4) {
      const p = 1 + Math.floor(r() * (name.length - 2));
      name = name.slice(0, p) + String.fromCharCode(97 + Math.floor(r() * 26)) + name.slice(p + 1);
    } else if (kind === 2 && words.length > 2) {
      words.splice(1 + Math.floor(r() * (words.length - 1)), 1);
      name = words.join(' ');
    } else if (kind === 3) {
      name = r() < 0.5 ? name.toUpperCase() : words.reverse().join(' ');
    }
    const schema = e.schema === 'LegalEntity' ? (r() < 0.5 ? 'Company' : 'LegalEntity') : e.schema;
    out.push({ schema, properties: { name: [name] } });
  }
  return out;
}

/** The sha256 of every result of `queries` (one JSON line per query), and the lines written to `file` if given. */
export function resultsDigest(index: MatchIndex, queries: MatchQuery[], file?: string): string {
  const lines = queries.map((q) => JSON.stringify({ query: q.properties.name[0], results: index.match(q) }));
  const text = `${lines.join('\n')}\n`;
  if (file) writeFileSync(file, text);
  return createHash('sha256').update(text).digest('hex');
}

/** CPU milliseconds (user and system) of this process since `start` (wall time counts other processes on a shared core too). */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      list: { type: 'string' },
      queries: { type: 'string', default: '5000' },
      json: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'recall-sample': { type: 'string', default: '400' },
      warmup: { type: 'string', default: '3000' },
      results: { type: 'string' },
    },
  });
  if (!values.list) {
    console.error('usage: npm run bench:speed -- --list FILE [--queries N] [--json] [--baseline pg_trgm] [--recall-sample K] [--warmup W] [--results FILE]');
    process.exit(2);
  }
  const n = Number(values.queries);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--queries must be a positive integer, got ${values.queries}`);
  const warmupCount = Number(values.warmup);
  if (!Number.isInteger(warmupCount) || warmupCount < 0) throw new Error(`--warmup must be a non-negative integer, got ${values.warmup}`);
  if (values.baseline && values.baseline !== 'pg_trgm') throw new Error(`unknown --baseline ${values.baseline} (known: pg_trgm)`);

  let t = performance.now();
  const entities: Entity[] = [];
  for await (const e of readList([values.list])) entities.push(e);
  const importMs = performance.now() - t;
  const parties = entities.filter((e) => isParty(e.schema) && (e.properties.name?.length ?? 0) > 0);

  t = performance.now();
  let cpu = process.cpuUsage();
  const index = buildIndex(entities);
  const buildMs = performance.now() - t;
  const buildCpuMs = cpuMsSince(cpu);
  const queries = makeQueries(parties, n);

  // warm-up, not timed: JIT and the caches of query words, as in a running service; with other queries
  // than the measured ones (another seed), so no measured query is answered from the query cache
  const warmup = makeQueries(parties, warmupCount, WARMUP_SEED);
  for (const q of warmup) index.match(q);
  const lat: number[] = [];
  let matched = 0;
  const t0 = performance.now();
  cpu = process.cpuUsage();
  for (const q of queries) {
    const s = performance.now();
    const res = index.match(q);
    lat.push(performance.now() - s);
    if (res[0]?.match) matched++;
  }
  const totalMs = performance.now() - t0;
  const queryCpuMs = cpuMsSince(cpu);
  // the matcher's own time on exactly the queries pg_trgm runs (the first ones), for a fair ratio
  const pgCount = Math.min(n, 1000);
  const sameMs = lat.slice(0, pgCount).reduce((a, b) => a + b, 0);
  lat.sort((a, b) => a - b);

  // candidate recall: entities that exhaustive scoring puts at or above the threshold, found by the index
  const k = Math.min(n, Number(values['recall-sample']));
  let expected = 0;
  let found = 0;
  const missed: string[] = [];
  for (const q of queries.slice(0, k)) {
    const all = index.matchExhaustive(q, { limit: 1000 }).filter((x) => x.score >= DEFAULT_THRESHOLD);
    if (!all.length) continue;
    const got = new Set(index.match(q, { limit: 1000 }).map((x) => x.id));
    for (const x of all) {
      expected++;
      if (got.has(x.id)) found++;
      else if (missed.length < MAX_MISSED) missed.push(`${q.properties.name[0]} → ${x.caption} (${x.score})`);
    }
  }
  const rssMb = process.memoryUsage().rss / 1e6;
  const digest = resultsDigest(index, queries, values.results);
  const report: Record<string, unknown> = {
    list: values.list,
    entities: entities.length,
    indexed: index.size,
    import_ms: Math.round(importMs),
    build_ms: Math.round(buildMs),
    build_cpu_ms: Math.round(buildCpuMs),
    queries: n,
    top_match_rate: +(matched / n).toFixed(4),
    qps: Math.round((n * 1000) / totalMs),
    qps_cpu: Math.round((n * 1000) / queryCpuMs),
    p50_ms: +pct(lat, 50).toFixed(3),
    p99_ms: +pct(lat, 99).toFixed(3),
    recall_queries: k,
    recall_expected: expected,
    candidate_recall: expected ? +(found / expected).toFixed(4) : null,
    missed,
    rss_mb: Math.round(rssMb),
    threshold: DEFAULT_THRESHOLD,
    results_sha256: digest,
  };
  if (values.baseline === 'pg_trgm') {
    const pg = await runPgTrgm(parties, queries, makeQueries(parties, Math.min(warmupCount, PG_WARMUP), WARMUP_SEED));
    report.pg_trgm_qps = pg.qps;
    report.pg_trgm_p50_ms = pg.p50;
    report.pg_trgm_queries = pg.queries;
    // same queries (the first pg.queries), same limit (10): our per-query time on that subset
    const oursSame = Math.round((pg.queries * 1000) / (pg.queries === pgCount ? sameMs : totalMs * (pg.queries / n)));
    report.qps_same_queries = oursSame;
    report.speedup_vs_pg_trgm = +(oursSame / pg.qps).toFixed(1);
  }
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(`list ${values.list}: ${entities.length} entities, ${index.size} parties indexed (import ${report.import_ms} ms)`);
  console.log(`index build        ${report.build_ms} ms (${report.build_cpu_ms} ms CPU)`);
  console.log(`queries            ${n} (one core, full scoring and explanation)`);
  console.log(`throughput         ${report.qps} queries/s (${report.qps_cpu} per CPU second)`);
  console.log(`latency            p50 ${report.p50_ms} ms, p99 ${report.p99_ms} ms`);
  console.log(`candidate recall   ${report.candidate_recall} (${found}/${expected} matches ≥ ${DEFAULT_THRESHOLD} over ${k} queries, vs exhaustive)`);
  for (const m of missed) console.log(`  missed: ${m}`);
  console.log(`RSS                ${report.rss_mb} MB`);
  console.log(`results sha256     ${digest}`);
  if (values.baseline === 'pg_trgm') {
    console.log(`pg_trgm            ${report.pg_trgm_qps} queries/s (p50 ${report.pg_trgm_p50_ms} ms, ${report.pg_trgm_queries} queries)`);
    console.log(`speed-up           ${report.speedup_vs_pg_trgm}× (same ${report.pg_trgm_queries} queries, limit 10: ours ${report.qps_same_queries} q/s)`);
  }
}

// run when executed, not when imported (other benchmarks and profiling reuse makeQueries)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
