/**
 * A screening worker thread: opens the persisted world and index (snapshot/) once, says it is ready, then
 * screens the chunks of rows it is sent with the same RowScreener a single-threaded run uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectRules } from '../graph/rules.ts';
import { openSnapshot } from '../snapshot/index.ts';
import { CLEAR, RowScreener } from './row-screener.ts';
import type { ChunkVerdicts, WorkerSetup } from './thread-pool.ts';
import type { RowFields } from './types.ts';

const setup = workerData as WorkerSetup;
const opened = openSnapshot(setup.snapshot, setup.key);
if (typeof opened === 'string') throw new Error(`screening worker: ${setup.snapshot}: ${opened}`);
const screener = new RowScreener(opened.world, opened.index, {
  kind: setup.kind,
  rules: selectRules(setup.rules, setup.asOf).rules,
  asOf: setup.asOf,
  hitThreshold: setup.hitThreshold,
  reviewThreshold: setup.reviewThreshold,
});
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (msg: { id: number; rows: RowFields[] }) => {
  const verdicts = msg.rows.map((r) => {
    const v = screener.screen(r);
    return v === CLEAR ? 0 : v;
  });
  parentPort!.postMessage({ id: msg.id, verdicts } satisfies ChunkVerdicts);
});
