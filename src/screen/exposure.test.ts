// Holdings exposure: hits and reviews counted apart; small look-through shares printed with enough precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exposureSummary } from './holdings.ts';
import { pct } from './report-model.ts';
import type { LookThrough, RowResult } from './types.ts';

function row(status: RowResult['status'], weight: number, lists: string[], lookThrough?: Partial<LookThrough>[]): RowResult {
  return { row: 1, status, weight, lists, lookThrough } as unknown as RowResult;
}

test('exposure by list counts hits; reviews are shown apart, not added to the list exposure', () => {
  const e = exposureSummary(
    [
      row('hit', 0.1, ['EL', 'CMIC']),
      // A review against a listed name (IBM vs "PJSC Power Machines") is not EL exposure until confirmed.
      row('review', 0.04, ['EL']),
      row('clear', 0.86, []),
    ],
    'weight',
    1,
  );
  assert.deepEqual(e.byList, { EL: 0.1, CMIC: 0.1 });
  assert.deepEqual(e.reviewByList, { EL: 0.04 });
  assert.deepEqual(e.byStatus, { hit: 0.1, review: 0.04, clear: 0.86 });
});

test('look-through exposure is split the same way', () => {
  const e = exposureSummary(
    [
      row(
        'hit',
        0.06,
        [],
        [
          { status: 'hit', lists: ['EL'], exposure: 0.000036 },
          { status: 'review', lists: ['SDN'], exposure: 0.00002 },
        ],
      ),
      row('clear', 0.94, []),
    ],
    'weight',
    1,
  );
  assert.deepEqual(e.lookThroughByList, { EL: 0.000036 });
  assert.deepEqual(e.lookThroughReviewByList, { SDN: 0.00002 });
});

test('shares print with two decimals, and small ones with two significant digits instead of 0.00%', () => {
  assert.deepEqual([0.1625, 0.001, 0.000036, 0.0009, 0, undefined].map(pct), ['16.25%', '0.10%', '0.0036%', '0.090%', '0.00%', '']);
});
