import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from './world.ts';
import type { Entity } from '../model/entity.ts';

const listed: Entity[] = [
  {
    id: 'el-hangzhou-hikvision',
    schema: 'LegalEntity',
    properties: { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'], alias: ['Hikvision'] },
    origin: { source: 'csl' },
  },
  {
    id: 'el-hangzhou-hikvision-el',
    schema: 'Sanction',
    origin: { source: 'csl' },
    properties: { entity: ['el-hangzhou-hikvision'], programId: ['EL'], listingDate: ['2019-10-09'], summary: ['84 FR 54004'] },
  },
  {
    id: 'ofac-30946',
    schema: 'Company',
    properties: { name: ['HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.'], isinCode: ['CNE100000PM8'] },
    origin: { source: 'csl' },
  },
  { id: 'ofac-30946-cmic', schema: 'Sanction', properties: { entity: ['ofac-30946'], programId: ['CMIC'], listingDate: ['2021-06-03'] } },
];
const pack: Entity[] = [
  {
    id: 'pack-hikvision',
    schema: 'Company',
    origin: { source: 'pack' },
    properties: { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'], alias: ['海康威视'] },
    sameAs: [{ identifier: 'isinCode:cne100000pm8' }, { list: 'EL', name: 'hangzhou hikvision digital technology co ltd' }],
  },
  { id: 'pack-dahua', schema: 'Company', properties: { name: ['Zhejiang Dahua Technology Co., Ltd.'] }, origin: { source: 'pack' } },
  { id: 'pack-lorex', schema: 'Company', properties: { name: ['Lorex Technology Inc.'], alias: ['Lorex'] }, origin: { source: 'pack' } },
  {
    id: 'pack-rel-subsidiary-dahua-lorex',
    schema: 'UnknownLink',
    properties: { subject: ['pack-dahua'], object: ['pack-lorex'], role: ['subsidiary'], startDate: ['2018-08-01'], endDate: ['2022-11-24'] },
  },
  { id: 'pack-rel-own', schema: 'Ownership', properties: { owner: ['pack-cetc'], asset: ['pack-hikvision'], percentage: ['42'] } },
  { id: 'pack-cetc', schema: 'Company', properties: { name: ['China Electronics Technology Group Corporation'] }, origin: { source: 'pack' } },
];

test('pack entities merge with the list entries they name, by identifier and by list + name', () => {
  const world = createWorld([...listed, ...pack]);
  assert.equal(world.canonicalId('ofac-30946'), 'pack-hikvision');
  assert.equal(world.canonicalId('el-hangzhou-hikvision'), 'pack-hikvision');
  const hik = world.get('el-hangzhou-hikvision')!;
  assert.equal(hik.id, 'pack-hikvision');
  assert.ok(hik.properties.alias.includes('海康威视'));
  assert.ok(hik.properties.isinCode.includes('CNE100000PM8'));
  assert.deepEqual(
    world
      .listings('pack-hikvision')
      .map((l) => l.listCode)
      .sort(),
    ['CMIC', 'EL'],
  );
  assert.equal(world.members('pack-hikvision').length, 3);
});

test('listings and relations respect as-of dates', () => {
  const world = createWorld([...listed, ...pack]);
  assert.deepEqual(
    world.listings('pack-hikvision', '2020-01-01').map((l) => l.listCode),
    ['EL'],
  );
  assert.equal(world.relationsTo('pack-lorex', '2021-06-01').length, 1);
  assert.equal(world.relationsTo('pack-lorex', '2024-06-01').length, 0);
  const own = world.relationsTo('pack-hikvision')[0];
  assert.equal(own.kind, 'ownership');
  assert.equal(own.percentage, 42);
  assert.equal(own.from, 'pack-cetc');
});

test('findByName ignores case and punctuation but is not fuzzy', () => {
  const world = createWorld([...listed, ...pack]);
  assert.deepEqual(
    world.findByName('LOREX').map((e) => e.id),
    ['pack-lorex'],
  );
  assert.deepEqual(world.findByName('Lorex Tech'), []);
});

test('an entity without references stays on its own', () => {
  const world = createWorld(listed);
  assert.equal(world.canonicalId('ofac-30946'), 'ofac-30946');
  assert.equal(world.parties().length, 2);
});

test('the same listing stated by the pack and by an imported list shows once, with both sources', () => {
  const packListing: Entity = {
    id: 'pack-hikvision-el',
    schema: 'Sanction',
    origin: { source: 'pack', evidence: ['fr'] },
    properties: { entity: ['pack-hikvision'], programId: ['EL'], listingDate: ['2019-10-09'], summary: ['84 FR 54002'] },
  };
  const world = createWorld([...listed, ...pack, packListing]);
  const el = world.listings('pack-hikvision').filter((l) => l.listCode === 'EL');
  assert.equal(el.length, 1);
  assert.equal(el[0].since, '2019-10-09');
  assert.equal(el[0].citation, '84 FR 54004; 84 FR 54002');
  assert.deepEqual(el[0].origins!.map((o) => o.source).sort(), ['csl', 'pack']);
});
