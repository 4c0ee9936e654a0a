/**
 * Parity of the `ofac-sls` algorithm with OFAC's Sanctions List Search, on scores the real tool gave.
 *   npm run bench:ofac -- --pairs FILE.jsonl [--json] [--errors N] [--list CSL.csv --queries N]
 * Each line: {"a": entered name, "b": list name, "ofac_score": 0–100 or -1 (not shown at 80), "ofac_hit_at_80"}.
 * `a` is matched through the algorithm's index against a one-entity list named `b`. Prints the share of
 * pairs within ±5 points of OFAC's score (for -1: ours is below 80 too), the agreement on "shown at 80", n.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildAlgorithmIndex, isParty, OFAC_SLS, SLS_PARAMETERS } from '../src/match/index.ts';
import { readList } from '../src/lists/index.ts';
import type { Entity } from '../src/model/entity.ts';
import { makeQueries } from './bench-speed.ts';

interface Pair {
  a: string;
  b: string;
  ofac_score: number;
  ofac_hit_at_80: boolean;
}

function readPairs(file: string): Pair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      try {
        const p = JSON.parse(line) as Pair;
        if (typeof p.a !== 'string' || typeof p.b !== 'string' || typeof p.ofac_score !== 'number') throw new Error('needs a, b and ofac_score');
        return { ...p, ofac_hit_at_80: p.ofac_hit_at_80 ?? p.ofac_score >= SLS_PARAMETERS.shownAt };
      } catch (e) {
        throw new Error(`${file}, line ${n}: ${(e as Error).message}`);
      }
    });
}

/** Our score 0–100 for one pair, -1 when the prefilter drops the list name. */
function ours(p: Pair): number {
  const index = buildAlgorithmIndex(OFAC_SLS, [{ id: 'b', schema: 'LegalEntity', properties: { name: [p.b] } }]);
  const [hit] = index.match({ schema: 'LegalEntity', properties: { name: [p.a] } }, { limit: 1, threshold: 0, cutoff: 0 });
  return hit ? Math.round(hit.score * 100) : -1;
}

/** With `--list`: the algorithm's index over a real list, its build time and query speed (bench:speed's queries). */
async function speed(list: string, n: number) {
  const entities: Entity[] = [];
  for await (const e of readList([list])) entities.push(e);
  let t = performance.now();
  const index = buildAlgorithmIndex(OFAC_SLS, entities);
  const buildMs = performance.now() - t;
  const queries = makeQueries(
    entities.filter((e) => isParty(e.schema) && e.properties.name?.length),
    n,
  );
  const times: number[] = [];
  for (const q of queries) {
    t = performance.now();
    index.match(q, { limit: 10 });
    times.push(performance.now() - t);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 1000) / 1000;
  return { parties: index.size, build_ms: Math.round(buildMs), queries: n, qps: Math.round((n * 1000) / total), p50_ms: at(0.5), p99_ms: at(0.99) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { pairs: { type: 'string' }, json: { type: 'boolean' }, errors: { type: 'string' }, list: { type: 'string' }, queries: { type: 'string' } },
  });
  if (!values.pairs) throw new Error('usage: npm run bench:ofac -- --pairs FILE.jsonl [--json] [--errors N]');
  const shownAt = SLS_PARAMETERS.shownAt;
  const rows = readPairs(values.pairs).map((p) => {
    const score = ours(p);
    const within5 = p.ofac_score < 0 ? score < shownAt : Math.abs(score - p.ofac_score) <= 5;
    return { ...p, score, within5, agree80: score >= shownAt === p.ofac_hit_at_80 };
  });
  const n = rows.length;
  const share = (k: 'within5' | 'agree80') => Math.round((1000 * rows.filter((r) => r[k]).length) / n) / 1000;
  const result = {
    algorithm: OFAC_SLS,
    n,
    within5: share('within5'),
    agree80: share('agree80'),
    ...(values.list ? { speed: await speed(values.list, Number(values.queries ?? 1000)) } : {}),
  };
  const misses = rows.filter((r) => !r.within5 || !r.agree80).slice(0, Number(values.errors ?? 20));
  if (values.json) {
    console.log(JSON.stringify({ ...result, misses: misses.map(({ a, b, ofac_score, score }) => ({ a, b, ofac: ofac_score, ours: score })) }));
    return;
  }
  console.log(`${OFAC_SLS} on ${n} pairs: within ±5 of OFAC ${result.within5}, agree on "shown at ${shownAt}" ${result.agree80}`);
  if (result.speed) console.log(`speed: ${JSON.stringify(result.speed)}`);
  for (const r of misses) console.log(`  ${r.a} | ${r.b}: OFAC ${r.ofac_score}, ours ${r.score}`);
}

await main();
