import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../graph/world.ts';
import { readList } from './index.ts';
import { splitPrograms } from './formats/ofac-legacy.ts';
import { byId, collect, fixture } from '../../test/helpers/lists.ts';

test('OFAC legacy: a folder with sdn.csv, add.csv and alt.csv is joined by ent_num', async () => {
  const es = await collect(readList([fixture('ofac-sdn')]));
  const p = byId(es, 'ofac-2676');
  assert.equal(p.schema, 'Person');
  assert.deepEqual(p.properties.alias, ['AL-ZAWAHIRI, Ayman']);
  assert.deepEqual(p.properties.previousName, ['SALIM, Ahmad Fuad']);
  assert.deepEqual(p.properties.weakAlias, ['THE DOCTOR']);
  assert.deepEqual(p.properties.birthDate, ['1951-06-19']);
  assert.deepEqual(byId(es, 'ofac-36').properties.address, ['Havana, Cuba']);
  assert.deepEqual(byId(es, 'ofac-36').properties.country, ['cu']);
  assert.deepEqual(byId(es, 'ofac-15431-sdn').properties.program, ['SDGT', 'IRGC']);
  assert.equal(byId(es, 'ofac-15431').schema, 'Airplane');
  const link = es.find((e) => e.schema === 'UnknownLink')!;
  assert.deepEqual(
    createWorld(es)
      .relationsFrom(link.properties.subject[0])
      .map((r) => r.to),
    ['ofac-13109'],
  );
  assert.ok(!es.some((e) => JSON.stringify(e).includes('\u001a')), 'the 0x1A end-of-file byte is dropped');
});

test('OFAC legacy: cons_* files give CMIC, SSI and PLC listings and join spill-over comments', async () => {
  const es = await collect(readList([fixture('ofac-cons')]));
  const hik = byId(es, 'ofac-30946');
  assert.deepEqual(hik.properties.isinCode, ['CNE100000PM8']);
  assert.deepEqual(hik.properties.ticker, ['002415 CN']);
  assert.deepEqual(hik.properties.uscCode, ['91330000733796106P']);
  assert.deepEqual(byId(es, 'ofac-30946-cmic').properties.programId, ['CMIC']);
  assert.deepEqual(byId(es, 'ofac-17014-ssi').properties.programId, ['SSI']);
  assert.deepEqual(byId(es, 'ofac-9640-plc').properties.programId, ['PLC']);
  const bank = byId(es, 'ofac-17014');
  assert.deepEqual(bank.properties.registrationNumber, ['1027700342890'], 'remark continued in cons_comments.csv');
  assert.deepEqual(bank.properties.weakAlias, ['RUSAG']);
});

test('splitPrograms splits OFAC bracketed program lists', () => {
  assert.deepEqual(splitPrograms('[SDGT] [IRGC]'), ['SDGT', 'IRGC']);
  assert.deepEqual(splitPrograms('UKRAINE-EO13662] [RUSSIA-EO14024'), ['UKRAINE-EO13662', 'RUSSIA-EO14024']);
});

test('SDN_ADVANCED: names, weak aliases, features, documents and relationships resolve through reference values', async () => {
  const es = await collect(readList([fixture('sdn_advanced.xml')]));
  const p = byId(es, 'ofac-2676');
  assert.equal(p.schema, 'Person');
  assert.deepEqual(p.properties.name, ['AL ZAWAHIRI, Ayman']);
  assert.deepEqual(p.properties.alias, ['SALIM, Ahmad Fuad']);
  assert.deepEqual(p.properties.weakAlias, ['THE DOCTOR']);
  assert.deepEqual(p.properties.birthDate, ['1951-06-19']);
  assert.deepEqual(p.properties.nationality, ['eg']);
  assert.deepEqual(p.properties.gender, ['male']);
  assert.deepEqual(p.properties.passportNumber, ['1084010']);
  const hik = byId(es, 'ofac-30946');
  assert.equal(hik.schema, 'Company');
  assert.ok(hik.properties.alias?.includes('杭州海康威视数字技术股份有限公司'));
  assert.deepEqual(hik.properties.isinCode, ['CNE100000PM8']);
  assert.deepEqual(hik.properties.uscCode, ['91330000733796106P']);
  assert.deepEqual(hik.properties.country, ['cn']);
  const s = byId(es, 'ofac-30946-cmic');
  assert.deepEqual(s.properties.programId, ['CMIC']);
  assert.deepEqual(s.properties.listingDate, ['2021-06-03']);
  assert.deepEqual(byId(es, 'ofac-2676-sdn').properties.program, ['SDGT']);
  assert.deepEqual(byId(es, 'ofac-2676-sdn').properties.startDate, ['2001-10-12']);
  const link = es.find((e) => e.schema === 'UnknownLink')!;
  assert.deepEqual(link.properties.subject, ['ofac-30947']);
  assert.deepEqual(link.properties.role, ['linked to']);
  assert.deepEqual(
    createWorld(es)
      .relationsFrom('ofac-30947')
      .map((r) => r.to),
    ['ofac-30948'],
  );
});
