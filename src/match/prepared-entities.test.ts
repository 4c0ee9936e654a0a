import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, InMemoryMatchIndex } from './match-index.ts';
import { prepare, prepareWithOrigins } from './prepared.ts';
import { PreparedEntities } from './prepared-entities.ts';
import type { Entity } from '../model/entity.ts';

const entity = (id: string, schema: string, properties: Record<string, string[]>): Entity => ({ id, schema, properties }) as Entity;

/** Entities whose names take every way into an analysis: aliases, a repeated literal, Han names read in English, name parts, identifiers only. */
const ENTITIES = [
  entity('c1', 'Company', { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'], alias: ['杭州海康威视数字技术股份有限公司', 'HIKVISION', 'Hikvision'] }),
  entity('c2', 'Company', { name: ['中国电信集团有限公司'], alias: ['China Telecom Group', 'CHINA TELECOM GROUP CO LTD'], country: ['cn'] }),
  entity('c3', 'Company', { name: ['Alpha Bravo Trading LLC'], alias: ['ABT', 'Alpha Bravo', 'Alpha-Bravo Trading L.L.C.'], registrationNumber: ['1234567'] }),
  entity('p1', 'Person', { firstName: ['Ivan'], lastName: ['Petrov'], alias: ['PETROV, Ivan Sergeevich', 'Иван Петров'], birthDate: ['1970-01-02'] }),
  entity('p2', 'Person', { name: ['Kim Jong Un'], alias: ['김정은', 'KIM, Jong-un'] }),
  entity('v1', 'Vessel', { name: ['Ocean Star'], imoNumber: ['9187629'] }),
  entity('o1', 'Organization', { innCode: ['7707083893'] }),
];

/** A name with its fields as JSON (typed arrays and the matcher's cached data as plain values). */
const plain = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? [...(x as Int32Array)] : x instanceof Set || x instanceof Map ? [...x] : x)));

test('a name analysed again from its origin is the one the whole analysis gave, reading forms included', () => {
  const finish = () => {};
  for (const e of ENTITIES) {
    const { prepared, origins } = prepareWithOrigins(e);
    assert.equal(origins.length, prepared.names.length);
    const entities = new PreparedEntities({
      source: () => e,
      entitySource: Int32Array.of(0),
      nameBase: Int32Array.of(0),
      refOrigin: Int32Array.from(origins),
      finish,
    });
    const last = prepared.names.length - 1;
    if (last < 0) continue;
    // the last name only: the others stay empty places until the entity is asked for whole
    const partly = entities.withNames(0, [last]);
    assert.equal(partly.names.filter(Boolean).length, 1, e.id);
    assert.deepEqual(plain(partly.names[last]), plain(prepared.names[last]), e.id);
    assert.deepEqual(plain(entities.full(0)), plain(prepare(e)), e.id);
  }
});

test('an index that prepares candidates name by name answers as one that keeps them whole, built or opened', () => {
  const whole = buildIndex(ENTITIES);
  const bounded = buildIndex(ENTITIES);
  bounded.cachePrepared(1);
  const opened = new InMemoryMatchIndex([], { state: whole.state(), source: (k) => ENTITIES[k] });
  const queries = [
    ['Company', 'Hikvision Digital Technology'],
    ['Company', 'China Telecom'],
    ['Company', '中国电信'],
    ['Company', 'Alpha Bravo Trading'],
    ['Person', 'Ivan Petrov'],
    ['Person', 'Kim Jong-un'],
    ['Vessel', 'Ocean Star'],
  ];
  for (const [schema, name] of queries) {
    const q = { schema, properties: { name: [name] } };
    const expected = whole.match(q, { limit: 20 });
    assert.ok(expected.length > 0, `${name} finds something`);
    for (const index of [bounded, opened]) {
      assert.deepEqual(index.match(q, { limit: 20 }), expected, name);
      // a candidate prepared in part is completed when everything reads all its names
      assert.deepEqual(index.matchExhaustive(q, { limit: 20 }), whole.matchExhaustive(q, { limit: 20 }), `${name}, exhaustive`);
      assert.deepEqual(index.scoreOne(q, expected[0].id), whole.scoreOne(q, expected[0].id), `${name}, scoreOne`);
    }
  }
  // an identifier hit compares every name of the entity
  const byId = { schema: 'Company', properties: { name: ['Alpha Bravo'], registrationNumber: ['1234567'] } };
  assert.deepEqual(opened.match(byId), whole.match(byId));
});
