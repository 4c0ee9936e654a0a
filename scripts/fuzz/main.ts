/**
 * `npm run fuzz -- [--target NAME[,NAME…]] [--n N] [--jobs J] [--max-seconds S] [--ocr] [--json] [--seed S]
 *   [--out DIR] [--cpu-ms MS] [--memory-mb MB]`
 *
 * Mutation fuzzing of every reader: each target's seeds (fixtures, examples, hostile reproducers) are
 * run as they are, then mutated N times; the inputs are read one after another by a long-lived child
 * process (one per job; J jobs fuzz J targets at a time) with a CPU-time and memory limit per input,
 * restarted when an input kills or hangs it. The project's own input error (SightlineError) is the right
 * answer to a bad input; any other exception, a hang or a dead child is counted, and one reproducer per
 * distinct failure is written to the output folder (gitignored) with its message. Each target has its own
 * random stream (from the seed and its name), so a target's inputs do not depend on --jobs or on the
 * other targets. `--max-seconds` ends a target early (its table row says how many inputs it ran).
 * OCR of image-only PDF pages runs Tesseract, a separate program, at about a second a page: off unless
 * `--ocr`. Exits 1 when anything was counted.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    // 2 s of CPU is a hang, as issue #26 defines it; .ci/run gives a slower CI machine more (see there)
    'cpu-ms': { type: 'string', default: '2000' },
    'memory-mb': { type: 'string', default: '1024' },
    jobs: { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '0' },
    ocr: { type: 'boolean', default: false },
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

/** A target's own random stream: FNV-1a of the campaign seed and the target's name. */
function targetRng(seed: number, name: string): Rng {
  let h = 0x811c9dc5 ^ seed;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return new Rng(h >>> 0);
}

async function fuzzTarget(t: Target, n: number, seed: number, child: FuzzChild, outDir: string, maxMs: number): Promise<Tally> {
  const started = Date.now();
  const rng = targetRng(seed, t.name);
  const tally: Tally = { target: t.name, inputs: 0, ok: 0, domain: 0, exceptions: 0, hangs: 0, deaths: 0, failures: [], seconds: 0 };
  const seeds = seedFiles(t);
  if (!seeds.length) throw new Error(`no seed files found for ${t.name}`);
  // Memory-backed when there is one: every input is written there before it is read.
  const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `sightline-fuzz-${t.name}-`));
  try {
    for (const s of t.siblings ?? []) copyFileSync(repoPath(s), join(work, basename(s)));
    for (let i = 0; i < n + seeds.length && !(maxMs && Date.now() - started > maxMs); i++) {
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

/** `jobs` workers, each with its own child, take the targets in turn; the tallies keep the targets' order. */
async function fuzzAll(targets: Target[], limits: Limits): Promise<{ tallies: Tally[]; childStarts: number }> {
  const n = Number(args.n);
  const maxMs = Number(args['max-seconds']) * 1000;
  const tallies: Tally[] = new Array(targets.length);
  let next = 0;
  let childStarts = 0;
  const worker = async () => {
    const child = new FuzzChild(limits);
    try {
      for (let k = next++; k < targets.length; k = next++) {
        const t = targets[k]!;
        tallies[k] = await fuzzTarget(t, n, Number(args.seed), child, args.out!, maxMs);
        if (!args.json) process.stderr.write(`${t.name}: ${tallies[k]!.inputs} inputs in ${tallies[k]!.seconds} s\n`);
      }
    } finally {
      child.stop();
      childStarts += child.restarts;
    }
  };
  const jobs = Math.max(1, Math.min(Number(args.jobs) || 1, targets.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return { tallies, childStarts };
}

async function main(): Promise<number> {
  const limits: Limits = { cpuMs: Number(args['cpu-ms']), memoryMb: Number(args['memory-mb']), ocr: args.ocr! };
  const chosen = (args.target ?? []).flatMap((s) => s.split(',')).map(targetByName);
  const { tallies, childStarts } = await fuzzAll(chosen.length ? chosen : TARGETS, limits);
  const failed = tallies.reduce((s, t) => s + t.exceptions + t.hangs + t.deaths, 0);
  const { n, seed, jobs } = args;
  if (args.json) console.log(JSON.stringify({ n: Number(n), seed: Number(seed), jobs: Number(jobs), limits, childStarts, failed, targets: tallies }, null, 2));
  else printTable(tallies);
  return failed ? 1 : 0;
}

process.exitCode = await main();
