import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/entity.ts';
import { buildIndex } from './index.ts';

const entity = (id: string, schema: string, name: string): Entity => ({ id, schema, properties: { name: [name] } });

test('candidates of a schema the query cannot match take no place in a batch, so they do not end the search early', () => {
  // firms named after a person rank with the person (same keys, lower ids first): a person query cannot match them
  const firms = Array.from({ length: 12 }, (_, i) => entity(`c${i}`, 'Company', 'Zamar Anis'));
  const person = entity('p', 'Person', 'ANIS, Zamar');
  const r = buildIndex([...firms, person]).match({ schema: 'Person', properties: { name: ['Zamar Anis'] } }, { limit: 20 });
  assert.deepEqual(
    r.map((x) => [x.id, x.match]),
    [['p', true]],
  );
});

test('a batch without a hit does not end the search while candidates (nearly) tie the last hit in retrieval', () => {
  // "Mita Zarek" and "Mita Zadok" share only "Mita" with the query, as three dozen other Mitas do: all tie
  // in retrieval (ordered by id), and the second hit comes after a batch of them in which nothing matched
  const words = ['Qorvux Tivlem Brusko Pyndar Wexhol Gromut Fenzik Lutvor Ostrab Kvinda Zulmer Drevok Hapsun Tormid Vyxlen Nobrak Selvut Jirmok'];
  words.push('Paxter Ulvdin Crobet Mondex Yervak Bistul Glonar Fraxim Quelmo Trudvy Wyspek Orvund Kalvir Dessum Brenyx Hulvor Zentak');
  const mitas = words
    .join(' ')
    .split(' ')
    .map((w, i) => entity(`b${i}`, 'Person', `Mita ${w}`));
  const index = buildIndex([entity('z1', 'Person', 'Mita Zarek'), ...mitas, entity('z2', 'Person', 'Mita Zadok')]);
  const query = { schema: 'Person', properties: { name: ['Mita Zadeh'] } };
  const hits = (r: { id: string; match: boolean }[]) => r.filter((x) => x.match).map((x) => x.id);
  const expected = hits(index.matchExhaustive(query, { limit: 50, threshold: 0.4 }));
  assert.deepEqual(expected, ['z1', 'z2']);
  assert.deepEqual(hits(index.match(query, { limit: 50, threshold: 0.4 })), expected);
});
