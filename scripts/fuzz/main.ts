/**
 * `npm run fuzz -- [--target NAME[,NAME…]] [--n N] [--json] [--seed S] [--out DIR] [--cpu-ms MS] [--memory-mb MB]`
 *
 * Mutation fuzzing of every reader: each target's seeds (fixtures, examples, hostile reproducers) are
 * run as they are, then mutated N times; every input is read in a child process with a CPU-time and
 * memory limit. The project's own input error (SightlineError) is the right answer to a bad input;
 * any other exception, a hang or a dead child is counted, and one reproducer per distinct failure is
 * written to the output folder (gitignored) with its message. Exits 1 when anything was counted.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_INPUT_BYTES, mutateBytes, mutateZip, Rng } from './mutate.ts';
import { FuzzChild, type Limits, type Result } from './runner.ts';
import { TARGETS, repoPath, seedFiles, targetByName, type Target } from './targets.ts';

interface Tally {
  target: string;
  inputs: number;
  ok: number;
  domain: number;
  exceptions: number;
  hangs: number;
  deaths: number;
  /** Distinct failures: kind and message, with the reproducer written for the first of each. */
  failures: { kind: string; detail: string; reproducer: string; count: number }[];
  seconds: number;
}

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', multiple: true },
    n: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'fuzz-out' },
    'cpu-ms': { type: 'string', default: '2000' },
    'memory-mb': { type: 'string', default: '1024' },
  },
});

function signature(r: Result): string {
  // Line and column numbers vary with the input; the message's shape and the frame do not.
  return `${r.kind}: ${(r.detail ?? '').replace(/\d+/g, 'N').slice(0, 200)}`;
}

async function nextInput(t: Target, seeds: { name: string; data: Buffer }[], rng: Rng, i: number): Promise<{ name: string; data: Buffer }> {
  if (i < seeds.length) return seeds[i]!; // Every seed once as it is (the reproducers among them).
  const seed = rng.pick(seeds);
  const other = rng.pick(seeds).data;
  if (t.zip && rng.next() < 0.7) {
    const inner = await mutateZip(seed.data, rng, t.tokens, other);
    if (inner && inner.length <= MAX_INPUT_BYTES * 4) return { name: seed.name, data: inner };
  }
  return { name: seed.name, data: mutateBytes(seed.data, rng, t.tokens, other) };
}

function record(tally: Tally, r: Result, input: { name: string; data: Buffer }, i: number, outDir: string): void {
  if (r.kind === 'ok') tally.ok++;
  else if (r.kind === 'domain') tally.domain++;
  else {
    if (r.kind === 'exception') tally.exceptions++;
    else if (r.kind === 'hang') tally.hangs++;
    else tally.deaths++;
    const sig = signature(r);
    const known = tally.failures.find((f) => signature({ kind: f.kind, detail: f.detail } as Result) === sig);
    if (known) known.count++;
    else {
      mkdirSync(outDir, { recursive: true });
      const reproducer = join(outDir, `${tally.target}-${r.kind}-${i}-${input.name}`);
      writeFileSync(reproducer, input.data);
      writeFileSync(`${reproducer}.txt`, `${r.kind}: ${r.detail}\n`);
      tally.failures.push({ kind: r.kind, detail: r.detail ?? '', reproducer, count: 1 });
    }
  }
}

async function fuzzTarget(t: Target, n: number, rng: Rng, child: FuzzChild, outDir: string): Promise<Tally> {
  const started = Date.now();
  const tally: Tally = { target: t.name, inputs: 0, ok: 0, domain: 0, exceptions: 0, hangs: 0, deaths: 0, failures: [], seconds: 0 };
  const seeds = seedFiles(t);
  if (!seeds.length) throw new Error(`no seed files found for ${t.name}`);
  const work = mkdtempSync(join(tmpdir(), `sightline-fuzz-${t.name}-`));
  try {
    for (const s of t.siblings ?? []) copyFileSync(repoPath(s), join(work, basename(s)));
    for (let i = 0; i < n + seeds.length; i++) {
      const input = await nextInput(t, seeds, rng, i);
      const path = join(work, input.name);
      writeFileSync(path, input.data);
      const r = await child.run(t.name, path);
      tally.inputs++;
      record(tally, r, input, i, outDir);
      // An error that escaped a reader after it answered (an unhandled rejection) arrives late.
      for (const late of child.late.splice(0))
        if (late.outcome === 'exception') record(tally, { kind: 'exception', detail: `after its answer: ${late.detail}` }, input, i, outDir);
      // Restore the sibling this input replaced (OFAC legacy sets).
      if (t.siblings?.some((s) => basename(s) === input.name)) copyFileSync(repoPath(t.siblings.find((s) => basename(s) === input.name)!), path);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  tally.seconds = Math.round((Date.now() - started) / 100) / 10;
  return tally;
}

function printTable(tallies: Tally[]): void {
  const head = ['target', 'inputs', 'ok', 'domain errors', 'exceptions', 'hangs', 'deaths', 'seconds'];
  const rows = tallies.map((t) => [t.target, t.inputs, t.ok, t.domain, t.exceptions, t.hangs, t.deaths, t.seconds].map(String));
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((v, c) => (c ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join('  '));
  for (const t of tallies) for (const f of t.failures) console.log(`${t.target}: ${f.count}× ${f.kind}: ${f.detail}\n  reproducer: ${f.reproducer}`);
}

async function main(): Promise<number> {
  const n = Number(args.n);
  const limits: Limits = { cpuMs: Number(args['cpu-ms']), memoryMb: Number(args['memory-mb']) };
  const targets = (args.target ?? []).flatMap((s) => s.split(',')).map(targetByName);
  const rng = new Rng(Number(args.seed));
  const child = new FuzzChild(limits);
  const tallies: Tally[] = [];
  try {
    for (const t of targets.length ? targets : TARGETS) {
      const tally = await fuzzTarget(t, n, rng, child, args.out!);
      tallies.push(tally);
      if (!args.json) process.stderr.write(`${t.name}: ${tally.inputs} inputs in ${tally.seconds} s\n`);
    }
  } finally {
    child.stop();
  }
  const failed = tallies.reduce((s, t) => s + t.exceptions + t.hangs + t.deaths, 0);
  if (args.json) console.log(JSON.stringify({ n, seed: Number(args.seed), limits, childStarts: child.restarts, failed, targets: tallies }, null, 2));
  else printTable(tallies);
  return failed ? 1 : 0;
}

process.exitCode = await main();
