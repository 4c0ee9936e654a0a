/**
 * bench:monitor — 100,000 monitored vendor rows across 10 monitors; a new list version changing 50
 * entities (20 added, 15 changed, 15 removed) is re-screened and alerted by delta, and, on a copy of the
 * same database, from scratch. Prints delta_s, full_s and the alerts of each (they must agree).
 * World loading and the match index are built once before either (as `serve` holds them) and reported apart.
 * delta_s/full_s are wall-clock; *_cpu_s the process's CPU time over the same span (what one core spends,
 * the honest figure on a shared machine).
 * Usage: npm run bench:monitor -- [--json] [--rows 100000] [--monitors 10] [--listed 5000]
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/store/index.ts';
import { loadWorld } from '../src/graph/load.ts';
import type { Entity } from '../src/model/entity.ts';
import { MonitorService, screeningWorld } from '../src/monitor/index.ts';
import { rng } from './seeded-random.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const json = process.argv.includes('--json');
const ROWS = arg('rows', 100_000);
const MONITORS = arg('monitors', 10);
const LISTED = arg('listed', 5000);
const ADMIN = { actor: 'bench', role: 'admin' };

// Deterministic pseudo-random names from syllables: distinct, pronounceable, no real firm.
// seeded integer arithmetic (a float LCG loses precision and cycles within a few thousand names)
const rand = rng(42);
const SYL = (
  'ka lo mi ra ven tor zu pel dan qui sor bel fin gar hex jor nex orb tal wex ab bri cor dru el fa gon hal ir jun ' +
  'kes lum mar nor op pra rin sel tem ur vol wyn xan yor zel ast bor cam del eng fol gri hos ind jat kor lev mon nib'
).split(' ');
const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => SYL[Math.floor(rand() * SYL.length)]).join('');
const SUFFIX = ['Technology Co., Ltd.', 'Electronics Ltd.', 'Imaging Co.', 'Systems Inc.', 'Trading GmbH', 'Holdings Ltd.'];
const firm = () => `${word()} ${word()} ${SUFFIX[Math.floor(rand() * SUFFIX.length)]}`.replace(/^./, (c) => c.toUpperCase());

function listed(i: number, name: string, since: string): Entity[] {
  return [
    { id: `b-${i}`, schema: 'Company', properties: { name: [name], country: ['cn'] }, origin: { source: 'bench', listId: `b${i}` } },
    {
      id: `b-${i}-el`,
      schema: 'Sanction',
      properties: { entity: [`b-${i}`], programId: ['EL'], listingDate: [since], summary: [`89 FR ${10000 + i}`] },
      origin: { source: 'bench', listId: `b${i}` },
    },
  ];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-monitor-'));
  try {
    const names = Array.from({ length: LISTED + 20 }, firm);
    const versionA = names.slice(0, LISTED).flatMap((n, i) => listed(i, n, '2024-02-01'));
    const versionB = [
      ...names.slice(0, LISTED - 15).flatMap((n, i) => listed(i, n, i < 15 ? '2025-06-05' : '2024-02-01')),
      ...names.slice(LISTED).flatMap((n, j) => listed(LISTED + j, n, '2025-06-05')),
    ];
    const changed = [...names.slice(0, 15), ...names.slice(LISTED - 15)];
    const dbA = join(dir, 'a.db');
    const store: Store = await openStore(dbA);
    await store.importVersion({ source: 'bench', format: 'bench', fileNames: ['a'], sha256: 'a' }, versionA);
    const perMonitor = Math.ceil(ROWS / MONITORS);
    const service = new MonitorService(store);
    let sw = await world(store);
    const t0 = performance.now();
    for (let m = 0; m < MONITORS; m++) {
      // Each monitor holds 5 of the 50 changed names (changed, removed, added) and 15 unchanged listed ones among clean vendors.
      const rows = ['Vendor Name,Country'];
      for (let r = 0; r < perMonitor; r++) {
        const k = r / 500;
        const pick = r % 500 !== 0 ? firm() : k % 4 === 0 ? changed[(m * 5 + k / 4) % changed.length] : names[15 + ((m * 97 + k * 13) % (LISTED - 30))];
        rows.push(`"${pick.replace(/"/g, '')}",CN`);
      }
      const file = join(dir, `vendors-${m}.csv`);
      writeFileSync(file, `${rows.join('\n')}\n`);
      await service.add({ name: `monitor ${m}`, kind: 'vendors', owner: 'bench' }, { path: file }, sw, ADMIN);
    }
    const baselineS = (performance.now() - t0) / 1000;
    await store.importVersion({ source: 'bench', format: 'bench', fileNames: ['b'], sha256: 'b' }, versionB);
    await store.close();
    const dbB = join(dir, 'b.db');
    for (const ext of ['', '-wal', '-shm']) {
      try {
        copyFileSync(dbA + ext, dbB + ext);
      } catch {}
    }
    const delta = await timedRescreen(dbA, false);
    const full = await timedRescreen(dbB, true);
    const out = {
      rows: perMonitor * MONITORS,
      monitors: MONITORS,
      listed_parties: LISTED,
      changed_entities: 50,
      baseline_s: round(baselineS),
      load_s: delta.loadS,
      delta_s: delta.seconds,
      full_s: full.seconds,
      delta_cpu_s: delta.cpuS,
      full_cpu_s: full.cpuS,
      alerts: delta.alerts,
      full_alerts: full.alerts,
      rows_rescreened_delta: delta.screened,
      alerts_agree: sameCounts(delta.alerts, full.alerts),
    };
    if (json) console.log(JSON.stringify(out, null, 2));
    else for (const [k, v] of Object.entries(out)) console.log(`${k}: ${JSON.stringify(v)}`);
    // the delta must alert exactly as a full re-screen does
    if (!out.alerts_agree) process.exitCode = 1;
    void sw;
    sw = undefined as never;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function world(store: Store) {
  const { world, versions } = await loadWorld(store);
  return screeningWorld(world, versions);
}

async function timedRescreen(db: string, full: boolean) {
  const store = await openStore(db);
  try {
    const l0 = performance.now();
    const sw = await world(store);
    const loadS = round((performance.now() - l0) / 1000);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const outcomes = await new MonitorService(store).rescreenAll(sw, { full });
    const seconds = round((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(c0);
    const cpuS = round((cpu.user + cpu.system) / 1e6);
    const ok = outcomes.flatMap((o) => ('alerts' in o ? [o] : []));
    if (ok.length !== outcomes.length) throw new Error(JSON.stringify(outcomes.filter((o) => !('alerts' in o))));
    const alerts: Record<string, number> = {};
    for (const a of ok.flatMap((o) => o.alerts)) alerts[a.kind] = (alerts[a.kind] ?? 0) + 1;
    return { seconds, cpuS, loadS, alerts, screened: ok.reduce((n, o) => n + o.screened, 0) };
  } finally {
    await store.close();
  }
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => a[k] === b[k]);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

await main();
