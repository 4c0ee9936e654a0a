import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from './bounded-cache.ts';

test('a bounded cache never holds more than its size and keeps the entries used last', () => {
  const c = new BoundedCache<number>(10);
  for (let i = 0; i < 100; i++) {
    c.set(`k${i}`, i);
    assert.ok(c.size <= 10, `size ${c.size} after ${i + 1} entries`);
    // one entry is read all the time: it must survive every eviction
    c.set('hot', -1);
    assert.equal(c.get('hot'), -1);
  }
  assert.equal(c.get('k99'), 99);
  assert.equal(c.get('k98'), 98);
  assert.equal(c.get('k0'), undefined);
});

test('a bounded cache of size 0 caches nothing, of size 1 the last entry', () => {
  const none = new BoundedCache<string>(0);
  none.set('a', 'x');
  assert.equal(none.get('a'), undefined);
  assert.equal(none.size, 0);
  const one = new BoundedCache<string>(1);
  one.set('a', 'x');
  one.set('b', 'y');
  assert.equal(one.get('a'), undefined);
  assert.equal(one.get('b'), 'y');
  assert.equal(one.size, 1);
});

test('updating a key replaces its value without a second copy', () => {
  const c = new BoundedCache<number>(4);
  c.set('a', 1);
  c.set('b', 2);
  c.set('c', 3); // 'a', 'b' move to the old generation
  c.set('a', 4);
  assert.equal(c.get('a'), 4);
  assert.equal(c.size, 3);
});
