/**
 * Runs the reading of an untrusted upload in a child process with a memory and a time limit, so a
 * hostile file fails its own job with a clear error while the server and the job queue go on.
 *
 * A child process, not a worker thread: V8 aborts the whole process on some fatal errors ("invalid
 * size error" from a huge array, as `colref.xlsx` caused), and a worker's `resourceLimits` do not stop
 * that — measured: a worker growing an array past V8's maximum length killed its parent (exit 133).
 * Starting a reader costs seconds under tsx (loading the readers), so readers are kept warm and reused;
 * one that failed, ran out of time or memory, or crashed is discarded and the next job starts a fresh one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { SightlineError, type ErrorCode } from '../../errors.ts';
import { modulePath, runningFromSource } from '../../paths.ts';

export interface ParseLimits {
  /** V8 heap of the reader process, MB (`--max-old-space-size`). */
  memoryMb: number;
  /** Wall-clock time for reading one upload, ms; the reader is killed when it runs over. */
  timeMs: number;
}

/** What reading one upload may cost. Overridable per app (`buildApp({ parseLimits })`) and by environment. */
export const PARSE_LIMITS: ParseLimits = {
  memoryMb: envNumber('SIGHTLINE_PARSE_MEMORY_MB', 1024),
  timeMs: envNumber('SIGHTLINE_PARSE_TIME_S', 120) * 1000,
};

/** Time a fresh reader may take to load its modules (not counted in the parse time limit). */
const STARTUP_MS = 120_000;
/** Warm readers kept per memory limit (the job queue runs at most two jobs at once). */
const MAX_IDLE = 2;

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** A function exported by a module, called in the reader with structured-clonable arguments. */
export interface IsolatedTask {
  module: URL;
  fn: string;
}

export type ChildMessage = { started: true } | { ok: true; value: unknown } | { ok: false; code?: ErrorCode; message: string };

// Sources run through tsx: the reader needs its loader to import .ts; dist/ runs plain .js. Paths from the
// package root, not from this module: compiled, this code may sit in a bundle chunk (dist/chunks/).
const FROM_SOURCE = runningFromSource;
const CHILD = pathToFileURL(modulePath('server/jobs/parse-child'));

/** A module of this folder (parsers.ts under sources, parsers.js in dist/). */
export function siblingModule(name: string): URL {
  return pathToFileURL(modulePath(`server/jobs/${name}`));
}

const idle = new Map<number, ChildProcess[]>();

function reader(memoryMb: number): ChildProcess {
  const warm = idle.get(memoryMb)?.pop();
  if (warm) return warm;
  const execArgv = [...(FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : []), `--max-old-space-size=${Math.round(memoryMb)}`];
  return fork(CHILD, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** An idle reader does not keep the server (or a test) alive. */
function park(child: ChildProcess, memoryMb: number): void {
  const list = idle.get(memoryMb) ?? [];
  if (list.length >= MAX_IDLE || !child.connected) {
    child.kill('SIGKILL');
    return;
  }
  child.removeAllListeners('message').removeAllListeners('exit').removeAllListeners('error');
  child.stderr?.removeAllListeners('data');
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  list.push(child);
  idle.set(memoryMb, list);
  // A parked reader that dies (killed from outside) is dropped from the pool.
  child.once('exit', () =>
    idle.set(
      memoryMb,
      (idle.get(memoryMb) ?? []).filter((c) => c !== child),
    ),
  );
}

/** Calls `task` in a limited reader process; its error, a crash, running out of memory or time all reject with a SightlineError naming `fileName`. */
export function runIsolated<T>(task: IsolatedTask, args: unknown[], fileName: string, limits: ParseLimits = PARSE_LIMITS): Promise<T> {
  const child = reader(limits.memoryMb);
  child.removeAllListeners('exit');
  child.ref();
  child.channel?.ref();
  (child.stderr as { ref?: () => void } | null)?.ref?.();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void, reuse = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (reuse) park(child, limits.memoryMb);
      else if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fn();
    };
    const refuse = (message: string) => settle(() => reject(new SightlineError('UNSAFE_INPUT', message, { file: fileName })));
    const overTime = () => refuse(`reading the file took longer than ${limits.timeMs / 1000} s and was stopped (parse time limit); the file is refused`);
    let timer = setTimeout(() => refuse('the file reader did not start'), STARTUP_MS);
    child.on('message', (m: ChildMessage) => {
      if ('started' in m) {
        clearTimeout(timer);
        timer = setTimeout(overTime, limits.timeMs);
      } else if (m.ok) settle(() => resolve(m.value as T), true);
      // A reader's own input error is an answer; after any other exception it is not trusted with the next file.
      else settle(() => reject(new SightlineError(m.code ?? 'BAD_INPUT', m.code ? m.message : `unreadable file: ${m.message}`)), Boolean(m.code));
    });
    child.on('error', (err) => settle(() => reject(new SightlineError('IO', `cannot run the file reader: ${err.message}`, { file: fileName }))));
    child.on('exit', (code, signal) => {
      if (settled) return;
      if (/heap out of memory|heap limit|invalid size error|invalid array length|Allocation failed/i.test(stderr))
        refuse(`reading the file needed more than the ${limits.memoryMb} MB allowed (parse memory limit); the file is refused`);
      else refuse(`the file reader crashed on this file (${signal ?? `exit code ${code}`}); the file is refused`);
    });
    child.send({ module: task.module.href, fn: task.fn, args });
  });
}
