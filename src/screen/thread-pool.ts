/**
 * Screening on several cores: the calling thread and `threads − 1` worker threads (screen-worker.ts, each
 * opening the persisted index rather than building one) take chunks of rows from one queue; verdicts come
 * back in row order, so results are those of one thread.
 *
 * Why the calling thread screens too: it already holds the world and index, so one thread fewer pays the
 * start (loading the modules, opening the snapshot, warming its caches), and the rows start being screened
 * while the workers are still starting. Workers are started as soon as a file turns out large, while its
 * remaining rows are still being read.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { modulePath, runningFromSource } from '../paths.ts';
import { CLEAR } from './row-screener.ts';
import type { RowFields, RowVerdict, ScreenKind } from './types.ts';
import type { RowBatch } from './screen-file.ts';

/** Below this many rows a file is screened on the calling thread alone: starting workers would cost more than it saves. */
export const MIN_THREADED_ROWS = 1000;
/**
 * From this many rows `--threads auto` (the CLI's default) uses a second core: a worker's start (about 1 s of
 * CPU: modules, snapshot, cold caches) is then a small share of what it takes over, even on a busy machine.
 */
export const AUTO_THREADED_ROWS = 20_000;
/** Rows per chunk: large enough that messaging costs little, small enough that the threads end together. */
const CHUNK = 128;
/** Chunks a worker holds at once: one being screened and one waiting, so that it never waits for the calling thread. */
const IN_FLIGHT = 2;

export interface WorkerSetup {
  snapshot: string;
  key: string;
  kind: ScreenKind;
  rules?: string[];
  asOf: string;
  hitThreshold: number;
  reviewThreshold: number;
}

/** A worker's answer for one chunk: a clear row without a match comes back as 0 (most rows: less to copy). */
export interface ChunkVerdicts {
  id: number;
  verdicts: (RowVerdict | 0)[];
}

let workerSource: Promise<string> | undefined;

/**
 * The worker's code when running from source (tests, benches, SIGHTLINE_FROM_SOURCE=1): screen-worker.ts
 * bundled by esbuild into one script, once per process. A worker does not inherit the parent's tsx
 * loader, and registering tsx in each worker cost about 4 s of CPU per worker: tsx compiles every module
 * again, on a loader thread that the workers share, so they started one after the other.
 */
function bundledWorkerSource(file: string): Promise<string> {
  workerSource ??= bundle(file);
  return workerSource;
}

async function bundle(file: string): Promise<string> {
  // a development tool: the compiled package runs dist/screen/screen-worker.js and never comes here
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    // paths.ts finds the package from its own location: give it the source file's
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(file).href) },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** A worker on screen-worker: compiled, dist/screen/screen-worker.js (bundled by the build); from source, the same bundled on the fly. */
async function startWorker(setup: WorkerSetup): Promise<Worker> {
  const file = modulePath('screen/screen-worker');
  if (!runningFromSource) return new Worker(file, { workerData: setup });
  return new Worker(await bundledWorkerSource(file), { eval: true, workerData: setup });
}

/**
 * Rows screened as they arrive, on the calling thread (`local`) and `threads − 1` workers: `add` each row,
 * then `finish` for the verdicts in row order. A worker that fails (say, a snapshot replaced meanwhile)
 * fails `finish`, so that no row is answered from nothing.
 */
export class ScreeningPool {
  private readonly rows: RowFields[] = [];
  private readonly verdicts: RowVerdict[] = [];
  /** ids of the full chunks not yet taken by a thread */
  private readonly queue: number[] = [];
  private readonly workers: { worker?: Worker; inFlight: number }[] = [];
  private queued = 0;
  private failure?: Error;
  private wake?: () => void;
  /** finished: a worker that starts only now is stopped at once */
  private closed = false;
  /** rows answered by the workers (the rest by the calling thread) */
  workerRows = 0;

  constructor(
    threads: number,
    setup: WorkerSetup,
    private readonly local: (row: RowFields) => RowVerdict,
  ) {
    for (let i = 1; i < threads; i++) this.startSlot(setup);
  }

  add(row: RowFields): void {
    this.rows.push(row);
    if (this.rows.length - this.queued * CHUNK === CHUNK) this.enqueue();
  }

  /** Screens what is left on the calling thread beside the workers; the verdicts in row order. */
  async finish(): Promise<RowVerdict[]> {
    try {
      if (this.rows.length > this.queued * CHUNK) this.enqueue();
      while (this.queue.length && !this.failure) {
        this.screenLocally(this.queue.shift()!);
        // let the workers' answers in, and hand them their next chunks
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      while (!this.failure && this.workers.some((w) => w.inFlight > 0)) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.failure) throw this.failure;
      return this.verdicts;
    } finally {
      this.closed = true;
      await Promise.all(this.workers.map((w) => w.worker?.terminate()));
    }
  }

  private enqueue(): void {
    this.queue.push(this.queued++);
    this.pump();
  }

  private screenLocally(id: number): void {
    const end = Math.min(this.rows.length, (id + 1) * CHUNK);
    for (let i = id * CHUNK; i < end; i++) this.verdicts[i] = this.local(this.rows[i]);
  }

  /** Hands queued chunks to the started workers that have room. */
  private pump(): void {
    for (const slot of this.workers) {
      while (slot.worker && slot.inFlight < IN_FLIGHT && this.queue.length) {
        const id = this.queue.shift()!;
        slot.inFlight++;
        slot.worker.postMessage({ id, rows: this.rows.slice(id * CHUNK, (id + 1) * CHUNK) });
      }
    }
  }

  private startSlot(setup: WorkerSetup): void {
    const slot: { worker?: Worker; inFlight: number } = { inFlight: 0 };
    this.workers.push(slot);
    startWorker(setup).then(
      (worker) => {
        if (this.closed) return void worker.terminate();
        slot.worker = worker;
        worker.on('message', (msg: ChunkVerdicts | { ready: true }) => {
          if (!('id' in msg)) return;
          this.workerRows += msg.verdicts.length;
          for (let i = 0; i < msg.verdicts.length; i++) this.verdicts[msg.id * CHUNK + i] = msg.verdicts[i] || CLEAR;
          slot.inFlight--;
          this.pump();
          this.wake?.();
        });
        worker.once('error', (err) => this.fail(err));
        worker.once('exit', (code) => (slot.inFlight > 0 ? this.fail(new Error(`screening worker stopped (${code})`)) : undefined));
        this.pump();
      },
      (err: Error) => this.fail(err),
    );
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }
}

/** A started worker, once it has opened its snapshot; rejected with the reason when it cannot. */
export async function readyWorker(setup: WorkerSetup): Promise<Worker> {
  const worker = await startWorker(setup);
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return worker;
}

/** Screens `rows` on `threads` threads, the calling one (`local`) included; verdict i is row i's. */
export function screenOnThreads(rows: RowFields[], threads: number, setup: WorkerSetup, local: (row: RowFields) => RowVerdict): Promise<RowVerdict[]> {
  const pool = new ScreeningPool(threads, setup, local);
  for (const row of rows) pool.add(row);
  return pool.finish();
}

/**
 * A file's rows on `threads` threads once it reaches `minRows` (the workers start then, while the rest is
 * read); a smaller file, and one whose workers fail, on the calling thread alone.
 */
export function threadedBatch(
  threads: number,
  setup: WorkerSetup,
  local: (row: RowFields) => RowVerdict,
  minRows = MIN_THREADED_ROWS,
): RowBatch & { readonly threaded: boolean } {
  const rows: RowFields[] = [];
  let pool: ScreeningPool | undefined;
  return {
    get threaded() {
      return pool !== undefined;
    },
    add(row) {
      rows.push(row);
      if (pool) pool.add(row);
      else if (rows.length === minRows && threads > 1) {
        pool = new ScreeningPool(threads, setup, local);
        for (const r of rows) pool.add(r);
      }
    },
    async finish() {
      if (pool) {
        try {
          return await pool.finish();
        } catch (err) {
          // a snapshot that could not be written or was replaced meanwhile costs speed, not answers
          process.emitWarning(`sightline: screening on one thread: ${(err as Error).message}`);
        }
      }
      return rows.map(local);
    },
  };
}
