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
