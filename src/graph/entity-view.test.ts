import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityView } from './entity-view.ts';
import { testWorld } from '../../test/fixtures/screen/world.ts';

test('the entity view shows the paths to listings of the rules in force, with each link and its source', () => {
  const ezviz = entityView(testWorld(), 'ezviz', '2021-06-01')!;
  const ndaa = ezviz.paths.find((p) => p.rule === 'ndaa889')!;
  assert.deepEqual(
    ndaa.steps.map((s) => [s.caption, s.relation]),
    [
      ['Hangzhou EZVIZ Network Co., Ltd.', 'subsidiary of'],
      ['Hangzhou Hikvision Digital Technology Co., Ltd.', undefined],
    ],
  );
  assert.deepEqual(ndaa.lists, ['NDAA889']);
  assert.equal(ndaa.steps[0].source?.kind, 'pack');
  assert.deepEqual(
    ndaa.listings.map((l) => l.listCode),
    ['NDAA889', 'EL'],
  );
  // BIS Affiliates was not yet in force; the ownership rules find nothing for a subsidiary without percentages.
  assert.ok(!ezviz.paths.some((p) => p.rule === 'bis-affiliates' || p.rule === 'ofac50'));
});

test('entity view paths follow the as-of date: Lorex reaches Dahua in 2021, not after the 2022 sale', () => {
  assert.deepEqual(
    entityView(testWorld(), 'lorex', '2021-06-01')!.paths.map((p) => p.rule),
    ['ndaa889'],
  );
  assert.deepEqual(entityView(testWorld(), 'lorex', '2024-06-01')!.paths, []);
});

test('without an as-of date the entity view keeps ended links as history but judges paths as of today', () => {
  const lorex = entityView(testWorld(), 'lorex')!;
  assert.deepEqual(lorex.paths, []);
  assert.ok(JSON.stringify(lorex).includes('dahua'), 'the ended subsidiary link still shows among the facts');
});

test('aggregate ownership shows in the entity view with the summed percentage', () => {
  const blue = entityView(testWorld(), 'blue', '2024-01-01')!;
  const ofac = blue.paths.filter((p) => p.rule === 'ofac50');
  assert.equal(ofac.length, 2);
  assert.ok(ofac.every((p) => p.aggregate === 55 && p.lists[0] === 'SDN'));
  assert.deepEqual(entityView(testWorld(), 'red', '2024-01-01')!.paths, []);
});
