/**
 * One fuzz child and its limits. The time limit is CPU time (2 s by default, read from /proc), so a
 * machine busy with other work does not turn slow inputs into false hangs; a reader that stops
 * without using CPU (a promise that never settles) is caught by a wall-clock limit thirty times longer
 * (a machine shared with other work can be that slow).
 * Memory is the child's resident set, polled; the V8 heap is capped below it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Outcome } from './child.ts';

export interface Limits {
  cpuMs: number;
  memoryMb: number;
  /** Run Tesseract on image-only PDF pages (slow, and a separate program): SIGHTLINE_TESSERACT=off otherwise. */
  ocr?: boolean;
}

export type Result = { kind: 'ok' | 'domain' | 'exception'; detail?: string } | { kind: 'hang'; detail: string } | { kind: 'death'; detail: string };

const CHILD = new URL('./child.ts', import.meta.url);
const TICKS_PER_S = 100;
const POLL_MS = 50;
const STALL_FACTOR = 30;

function cpuMs(pid: number): number | undefined {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return undefined;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const rest = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_S;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export class FuzzChild {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private stderr = '';
  private nextId = 0;
  /** Outcomes that arrived for an input after its answer (an escaped rejection). */
  readonly late: Outcome[] = [];
  restarts = 0;

  constructor(private readonly limits: Limits) {}

  private start(): Promise<void> {
    this.restarts++;
    this.stderr = '';
    const execArgv = ['--import', import.meta.resolve('tsx'), `--max-old-space-size=${Math.round(this.limits.memoryMb * 0.75)}`, '--stack-size=984'];
    const env = this.limits.ocr ? process.env : { ...process.env, SIGHTLINE_TESSERACT: 'off' };
    const child = fork(CHILD, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString('utf8')).slice(-4096);
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`fuzz child did not start (${signal ?? code}): ${this.stderr}`)));
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }

  /** Reads one input file in the child; kills and forgets the child on a hang or death. */
  async run(target: string, path: string): Promise<Result> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) this.ready = this.start();
    await this.ready;
    const child = this.child!;
    const pid = child.pid!;
    const id = ++this.nextId;
    const cpu0 = cpuMs(pid);
    const t0 = Date.now();
    return new Promise<Result>((resolve) => {
      let done = false;
      const finish = (r: Result, kill = false) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (kill) this.stop();
        resolve(r);
      };
      const onMessage = (m: Outcome) => {
        if (m.id !== id) this.late.push(m);
        else finish({ kind: m.outcome, detail: m.detail });
      };
      const onExit = (code: number | null, signal: string | null) => {
        const why = /heap out of memory|Allocation failed|invalid size|invalid array length/i.test(this.stderr)
          ? 'out of memory'
          : `${signal ?? `exit ${code}`}`;
        finish({ kind: 'death', detail: `${why}: ${this.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` }, true);
      };
      const poll = setInterval(() => {
        const cpu = cpu0 === undefined ? undefined : (cpuMs(pid) ?? 0) - cpu0;
        const wall = Date.now() - t0;
        if (cpu !== undefined ? cpu > this.limits.cpuMs : wall > this.limits.cpuMs)
          finish({ kind: 'hang', detail: `over ${this.limits.cpuMs} ms of CPU` }, true);
        else if (wall > this.limits.cpuMs * STALL_FACTOR) finish({ kind: 'hang', detail: `no answer after ${wall} ms (a promise that never settles?)` }, true);
        else if (rssMb(pid) > this.limits.memoryMb) finish({ kind: 'death', detail: `over ${this.limits.memoryMb} MB resident` }, true);
      }, POLL_MS);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, target, path });
    });
  }
}
