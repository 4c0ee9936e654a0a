/**
 * The fuzz child: reads inputs one at a time as the parent sends them and answers each with its
 * outcome. Many inputs run in one child for speed; the parent kills and restarts it on a hang, a
 * crash or too much memory. Errors that escape the reader (unhandled rejections) count against the
 * input being read.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SightlineError } from '../../src/errors.ts';
import { readList } from '../../src/lists/index.ts';
import { openTable } from '../../src/screen/read-table.ts';
import { readDevices } from '../../src/devices/read-devices.ts';
import { identify } from '../../src/devices/identify.ts';
import { createScanner } from '../../src/documents/scanner.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';

export type Outcome = { id: number; outcome: 'ok' | 'domain' | 'exception'; detail?: string };
type Job = { id: number; target: string; path: string };

let current = -1;

async function readAll<T>(items: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

// Loading the readers is not reading an input: done once, before the first one and outside its time limit
// (a dynamic import per input costs milliseconds through the TypeScript loader's hooks).
const scanner = createScanner({ entities: sampleEntities() });

/** Reads one input to the end as the product does. */
async function run(target: string, path: string): Promise<void> {
  if (['csl-csv', 'csl-json', 'ofac-advanced', 'ftm', 'ofac-legacy'].includes(target)) {
    await readAll(readList([target === 'ofac-legacy' ? dirname(path) : path], target === 'ftm' ? 'ftm' : target));
  } else if (target.startsWith('table-')) {
    await readAll((await openTable(path)).rows);
  } else if (['nmap', 'leases', 'inventory'].includes(target)) {
    await readAll(readDevices([path]));
  } else if (target === 'identify') {
    identify(readFileSync(path, 'utf8'));
  } else if (target.startsWith('doc-')) {
    scanner.scanDocument(await scanner.extractFile(path));
  } else throw new Error(`unknown target ${target}`);
}

function describe(err: unknown): string {
  const e = err as Error;
  const frame = (e?.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && !l.includes('node:internal'));
  return `${e?.name ?? 'Error'}: ${String(e?.message ?? err).slice(0, 300)}${frame ? ` ${frame.trim()}` : ''}`;
}

function answer(o: Outcome): void {
  process.send?.(o);
}

process.on('message', async (job: Job) => {
  current = job.id;
  try {
    await run(job.target, job.path);
    answer({ id: job.id, outcome: 'ok' });
  } catch (err) {
    if (err instanceof SightlineError) answer({ id: job.id, outcome: 'domain', detail: err.message.slice(0, 300) });
    else answer({ id: job.id, outcome: 'exception', detail: describe(err) });
  }
});
process.on('uncaughtException', (err: unknown) => answer({ id: current, outcome: 'exception', detail: `uncaughtException: ${describe(err)}` }));
process.on('unhandledRejection', (err: unknown) => {
  // A reader that listens for its library's stray rejections (the PDF reader) rethrows any other: it arrives above.
  if (process.listenerCount('unhandledRejection') > 1) return;
  answer({ id: current, outcome: 'exception', detail: `unhandledRejection: ${describe(err)}` });
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
