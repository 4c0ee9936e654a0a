import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../graph/world.ts';
import { readList } from './index.ts';
import { byId, collect, fixture } from '../../test/helpers/lists.ts';

test('CSL CSV: an Entity List row becomes a Company with an EL Sanction dated from its first FR notice', async () => {
  const es = await collect(readList([fixture('csl-current.csv')]));
  const hik = byId(es, 'el-hangzhou-hikvision-digital-technology-co-ltd');
  assert.equal(hik.schema, 'Company');
  assert.deepEqual(hik.properties.alias, ['Hikvision']);
  assert.equal(hik.properties.address?.length, 2, 'the "; and" joined addresses are split');
  assert.deepEqual(hik.properties.country, ['cn']);
  assert.deepEqual(hik.origin, { source: 'csl', file: 'csl-current.csv', record: 1, listId: 'a1' });
  const s = byId(es, 'el-hangzhou-hikvision-digital-technology-co-ltd-el');
  assert.deepEqual(s.properties.programId, ['EL']);
  assert.deepEqual(s.properties.entity, [hik.id]);
  assert.deepEqual(s.properties.listingDate, ['2019-10-09']);
  assert.deepEqual(s.properties.startDate, ['2019-10-09']);
  assert.deepEqual(s.properties.summary, ['84 FR 54004']);
  assert.match(s.properties.description![0]!, /85 FR 44161/);
  assert.ok(s.properties.provisions?.includes('Case-by-case review'));
});

test('CSL CSV: a CMIC row carries ticker, ISIN and USCC, and its listing date', async () => {
  const es = await collect(readList([fixture('csl-current.csv')]));
  const hik = byId(es, 'ofac-30946');
  assert.equal(hik.schema, 'Company');
  assert.deepEqual(hik.properties.isinCode, ['CNE100000PM8']);
  assert.deepEqual(hik.properties.ticker, ['002415 CN']);
  assert.deepEqual(hik.properties.uscCode, ['91330000733796106P']);
  const s = byId(es, 'ofac-30946-cmic');
  assert.deepEqual(s.properties.programId, ['CMIC']);
  assert.deepEqual(s.properties.program, ['CMIC-EO13959']);
  assert.deepEqual(s.properties.listingDate, ['2021-06-03']);
});

test('CSL CSV: repeated names get -2 ids in file order, so ids stay stable across versions', async () => {
  const es = await collect(readList([fixture('csl-current.csv')]));
  const psb = es.filter((e) => e.schema === 'LegalEntity' && e.id.startsWith('el-xinjiang'));
  assert.deepEqual(
    psb.map((e) => e.id),
    ['el-xinjiang-uighur-autonomous-region-xuar-people-s-government-p', 'el-xinjiang-uighur-autonomous-region-xuar-people-s-government-p-2'],
  );
  assert.match(psb[1]!.properties.address![0]!, /Kashgar/);
});

test('CSL CSV: an SDN individual has DOB, aliases, weak alias, passport, nationality and gender', async () => {
  const es = await collect(readList([fixture('csl-current.csv')]));
  const p = byId(es, 'ofac-2676');
  assert.equal(p.schema, 'Person');
  assert.deepEqual(p.properties.birthDate, ['1951-06-19']);
  assert.deepEqual(p.properties.alias, ['AL-ZAWAHIRI, Ayman', 'SALIM, Ahmad Fuad']);
  assert.deepEqual(p.properties.weakAlias, ['THE DOCTOR']);
  assert.deepEqual(p.properties.passportNumber, ['1084010', '19820215']);
  assert.deepEqual(p.properties.nationality, ['eg']);
  assert.deepEqual(p.properties.gender, ['male']);
  const v = byId(es, 'ofac-4243');
  assert.equal(v.schema, 'Vessel');
  assert.deepEqual(v.properties.imoNumber, ['7406784']);
});

test('CSL CSV: "Linked To" remarks become UnknownLinks that the world resolves to entries of the same source', async () => {
  const es = await collect(readList([fixture('csl-current.csv')]));
  const links = es.filter((e) => e.schema === 'UnknownLink');
  const inv = links.find((l) => l.properties.subject?.[0] === 'ofac-30947')!;
  assert.deepEqual(inv.properties.role, ['linked to']);
  assert.ok(inv.properties.summary?.[0], 'the linked name is kept');
  const world = createWorld(es);
  assert.deepEqual(
    world.relationsFrom('ofac-30947').map((r) => [r.kind, r.to]),
    [['linked', 'ofac-30948']],
  );
  const other = links.find((l) => l.properties.summary?.[0] === 'SOME COMPANY NOT ON THIS LIST')!;
  assert.equal(world.relationsFrom(other.properties.subject[0]).filter((r) => r.id === other.id).length, 0, 'an unknown name links nowhere');
});

test('CSL CSV: the 2019 layout (no _id column, ids as "country, number, type") is read', async () => {
  const es = await collect(readList([fixture('csl-2019.csv')]));
  const dpl = es.find((e) => e.schema === 'Sanction' && e.properties.programId?.[0] === 'DPL')!;
  assert.deepEqual(dpl.properties.startDate, ['2017-10-16']);
  assert.deepEqual(dpl.properties.endDate, ['2020-10-13']);
  assert.deepEqual(dpl.properties.summary, ['82 FR 48792']);
  assert.deepEqual(byId(es, 'ofac-20264').properties.taxNumber, ['80-0890696']);
});

test('CSL JSON (API response shape): address objects and id objects are mapped', async () => {
  const es = await collect(readList([fixture('csl-api.json')]));
  const cnnc = byId(es, 'ofac-30954');
  assert.deepEqual(cnnc.properties.uscCode, ['91110000100009563N']);
  assert.deepEqual(cnnc.properties.isinCode, ['CND10000KRQ8']);
  assert.deepEqual(cnnc.properties.country, ['cn']);
  assert.deepEqual(byId(es, 'ofac-30954-cmic').properties.listingDate, ['2021-06-03']);
  const meu = es.find((e) => e.schema === 'Sanction' && e.properties.programId?.[0] === 'MEU')!;
  assert.deepEqual(meu.properties.startDate, ['2020-12-23']);
  assert.deepEqual(meu.properties.summary, ['85 FR 83799']);
});
