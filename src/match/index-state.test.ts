import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortedKeyId, sortKeys } from './index-state.ts';

test('sorted keys are found by binary search under their new numbers, and a missing key is -1', () => {
  const inserted = ['zhang wei', 'acme', 'ä bank', 'Zeta', '中国', 'acme trading', ''];
  const { keys, renumber } = sortKeys(new Map(inserted.map((k, i) => [k, i])));
  assert.deepEqual([...keys], [...inserted].sort());
  inserted.forEach((k, i) => {
    assert.equal(keys[renumber[i]], k);
    assert.equal(sortedKeyId(keys, k), renumber[i], k);
  });
  for (const absent of ['acm', 'acme tradinh', 'zz', '中']) assert.equal(sortedKeyId(keys, absent), -1, absent);
  // a list read entry by entry (a snapshot's) is searched the same way
  const onDemand = { length: keys.length, at: (i: number) => keys[i] };
  assert.equal(sortedKeyId(onDemand, 'zhang wei'), renumber[0]);
});
