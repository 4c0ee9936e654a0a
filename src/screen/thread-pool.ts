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

/** A worker on screen-worker: compiled, the .js beside this file; from source (tests, benches, bin/ without dist/), the .ts through tsx, as bin/sightline.js runs it. */
function startWorker(setup: WorkerSetup): Worker {
  const file = modulePath('screen/screen-worker');
  if (!runningFromSource) return new Worker(file, { workerData: setup });
  const source = JSON.stringify(pathToFileURL(file).href);
  // a worker does not inherit the parent's tsx loader: it registers its own before importing the source
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true, workerData: setup });
}

/** Screens `rows` on `threads` worker threads; verdict i is row i's. */
export async function screenOnThreads(rows: RowFields[], threads: number, setup: WorkerSetup): Promise<RowVerdict[]> {
  const verdicts: RowVerdict[] = new Array(rows.length);
  const chunks = Math.ceil(rows.length / CHUNK);
  const workers = Array.from({ length: Math.max(1, Math.min(threads, chunks)) }, () => startWorker(setup));
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
