/**
 * A screening worker thread: opens the persisted world and index (snapshot/) once, then screens the
 * chunks of rows it is sent with the same RowScreener a single-threaded run uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectRules } from '../graph/rules.ts';
import { openSnapshot } from '../snapshot/index.ts';
import { RowScreener } from './row-screener.ts';
import type { WorkerSetup } from './thread-pool.ts';
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
parentPort!.on('message', (msg: { id: number; rows: RowFields[] }) => {
  parentPort!.postMessage({ id: msg.id, verdicts: msg.rows.map((r) => screener.screen(r)) });
});
