import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, readList } from './index.ts';
import { byId, collect, fixture, tempFile } from '../../test/helpers/lists.ts';

test('a list table (DHS UFLPA extract) becomes parties with a UFLPA Sanction dated from effective_date', async () => {
  assert.equal((await detectFormat([fixture('dhs_uflpa.json')])).id, 'list-table');
  const es = await collect(readList([fixture('dhs_uflpa.json')]));
  const bitland = byId(es, 'uflpa-hefei-bitland-information-technology-co-ltd');
  assert.equal(bitland.schema, 'Company');
  assert.deepEqual(bitland.properties.alias, ['Anhui Hefei Baolongda Information Technology']);
  assert.deepEqual(bitland.properties.country, ['cn']);
  const s = byId(es, 'uflpa-hefei-bitland-information-technology-co-ltd-uflpa');
  assert.deepEqual(s.properties.programId, ['UFLPA']);
  assert.deepEqual(s.properties.startDate, ['2022-06-21']);
});

test('a list table of a list Sightline does not know is refused, naming the file', async () => {
  const path = tempFile('other.json', '{"list_id": "cbp-wro", "entities": [{"name": "X"}]}');
  await assert.rejects(
    collect(readList([path])),
    (err: Error & { location?: { file?: string } }) => /not a list Sightline knows/.test(err.message) && err.location?.file === 'other.json',
  );
});

test('the 1260H history: one party per firm, one Sanction per edition, the removal date kept', async () => {
  assert.equal((await detectFormat([fixture('1260h-history.csv')])).id, '1260h-history');
  const es = await collect(readList([fixture('1260h-history.csv')]));
  const hik = byId(es, '1260h-hangzhou-hikvision-digital-technology-co-ltd');
  assert.deepEqual(hik.properties.alias, ['Hikvision']);
  const editions = es.filter((e) => e.schema === 'Sanction' && e.properties.entity?.[0] === hik.id).map((e) => e.properties.startDate?.[0]);
  assert.deepEqual(editions, ['2021-06-03', '2025-01-07']);
  const sunCreate = byId(es, '1260h-anhui-sun-create-electronics-co-ltd-1260h-2025-01-07');
  assert.deepEqual(sunCreate.properties.endDate, ['2026-02-17']);
  assert.ok(sunCreate.properties.provisions?.includes('Parent: China Electronics Technology Group Corporation'));
});
