import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readList } from './index.ts';
import { byId, collect, fixture } from '../../test/helpers/lists.ts';

test('FtM JSON lines: entities pass through with an opensanctions origin', async () => {
  const es = await collect(readList([fixture('opensanctions.ftm.json')]));
  const hik = byId(es, 'NK-hik');
  assert.equal(hik.schema, 'Company');
  assert.deepEqual(hik.origin, { source: 'opensanctions:us_fcc_covered', file: 'opensanctions.ftm.json', record: 1 });
});

test('FtM JSON lines: a Sanction without programId gets the list code of its dataset', async () => {
  const es = await collect(readList([fixture('opensanctions.ftm.json')]));
  assert.deepEqual(byId(es, 'fcc-sanction-hik').properties.programId, ['FCC']);
  assert.deepEqual(byId(es, 'os-sanction-x').properties.programId, ['EU-UKR'], 'unknown datasets keep their own program id');
});

test('FtM JSON lines: nested entities are flattened and referenced by id', async () => {
  const es = await collect(readList([fixture('opensanctions.ftm.json')]));
  assert.deepEqual(byId(es, 'NK-zte').properties.addressEntity, ['addr-zte']);
  assert.equal(byId(es, 'addr-zte').schema, 'Address');
});
