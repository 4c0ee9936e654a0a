/**
 * Screening on several cores: rows go in chunks to worker threads (screen-worker.ts), each of which
 * opens the persisted index rather than building one; verdicts come back in row order, so results are
 * those of one thread.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { modulePath, runningFromSource } from '../paths.ts';
import type { ScreenKind } from './types.ts';
import type { RowFields, RowVerdict } from './types.ts';

/** Rows per message: large enough that messaging costs little, small enough to balance the threads. */
const CHUNK = 256;

export interface WorkerSetup {
  snapshot: string;
  key: string;
  kind: ScreenKind;
  rules?: string[];
  asOf: string;
  hitThreshold: number;
  reviewThreshold: number;
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

/** Screens `rows` on `threads` worker threads; verdict i is row i's. */
export async function screenOnThreads(rows: RowFields[], threads: number, setup: WorkerSetup): Promise<RowVerdict[]> {
  const verdicts: RowVerdict[] = new Array(rows.length);
  const chunks = Math.ceil(rows.length / CHUNK);
  const workers = await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, chunks)) }, () => startWorker(setup)));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= chunks) return resolve();
              const id = next++;
              w.postMessage({ id, rows: rows.slice(id * CHUNK, (id + 1) * CHUNK) });
            };
            w.on('message', (msg: { id: number; verdicts: RowVerdict[] }) => {
              for (let i = 0; i < msg.verdicts.length; i++) verdicts[msg.id * CHUNK + i] = msg.verdicts[i];
              send();
            });
            w.once('error', reject);
            w.once('exit', (code) => (next < chunks || code !== 0 ? reject(new Error(`screening worker stopped (${code})`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return verdicts;
}
