import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntityCache } from './entity-cache.ts';
import { buildIndex } from './match-index.ts';
import type { Prepared } from './prepared.ts';
import type { Entity } from '../model/entity.ts';

const named = (n: number, names = 1): Prepared => ({ id: `e${n}`, names: Array.from({ length: names }) }) as unknown as Prepared;

function held(cache: EntityCache, size: number): number[] {
  return Array.from({ length: size }, (_, n) => n).filter((n) => cache.get(n) !== undefined);
}

test('an entity cache keeps at most about its bound in names, and the entities used last', () => {
  const cache = new EntityCache(100, 10);
  for (let n = 0; n < 100; n++) {
    cache.set(n, named(n, 2));
    // entity 0 is used all the time: it survives every generation
    assert.ok(cache.get(0), `entity 0 dropped after ${n}`);
  }
  const kept = held(cache, 100);
  assert.ok(kept.length * 2 <= 10 + 2, `${kept.length} entities kept`);
  assert.ok(kept.includes(99) && kept.includes(0) && !kept.includes(50));
});

test('an entity cache of half its bound or less drops nothing, and an unbounded one keeps all', () => {
  const small = new EntityCache(10, 20);
  for (let n = 0; n < 10; n++) small.set(n, named(n));
  assert.equal(held(small, 10).length, 10);
  const all = new EntityCache(1000, Infinity);
  for (let n = 0; n < 1000; n++) all.set(n, named(n, 3));
  assert.equal(held(all, 1000).length, 1000);
});

const party = (id: string, name: string, schema = 'Company'): Entity => ({ id, schema, properties: { name: [name] } }) as Entity;

test('an index whose prepared entities left the cache answers as one that keeps them all', () => {
  const words = ['Alpha', 'Bravo', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor'];
  const entities = words.flatMap((a, i) => words.map((b, j) => party(`c${i}-${j}`, `${a} ${b} Trading LLC`)));
  entities.push(party('p1', 'Ivan Petrov', 'Person'), party('p2', 'Petrov Ivan Sergeevich', 'Person'));
  const whole = buildIndex(entities);
  const bounded = buildIndex(entities);
  bounded.cachePrepared(4);
  const queries = ['Alpha Bravo Trading', 'Cedar Delta LLC', 'Granit Harbour', 'Ivan Petrov', 'Falcon Ember Trading LLC'];
  for (const name of queries) {
    for (const schema of ['Company', 'Person']) {
      const q = { schema, properties: { name: [name] } };
      assert.deepEqual(bounded.match(q, { limit: 20 }), whole.match(q, { limit: 20 }), `${schema} ${name}`);
      assert.deepEqual(bounded.matchExhaustive(q, { limit: 20 }), whole.matchExhaustive(q, { limit: 20 }), `${schema} ${name}, exhaustive`);
    }
  }
});
