import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PathFinder } from './graph-paths.ts';
import { loadRules, selectRules } from '../graph/rules.ts';
import { testWorld } from '../../test/fixtures/screen/world.ts';

const rule = (id: string) => loadRules().filter((r) => r.id === id);

test('OFAC 50 %: blocked owners are summed (30 % + 25 %), and 30 % alone is not enough', () => {
  const finder = new PathFinder(testWorld(), rule('ofac50'), '2024-01-01');
  const paths = finder.paths('blue');
  assert.equal(paths.length, 2);
  assert.equal(paths[0].aggregate, 55);
  assert.deepEqual(paths.map((p) => p.steps[0].percentage).sort(), [25, 30]);
  assert.match(paths[0].text, /owned (30|25)% by .* → OFAC Specially Designated Nationals List since .*aggregate 55% ≥ 50%/);
  assert.deepEqual(finder.paths('red'), []);
});

test('OFAC 50 %: before the second owner was blocked the aggregate is 30 % and nothing is covered', () => {
  assert.deepEqual(new PathFinder(testWorld(), rule('ofac50'), '2022-06-01').paths('blue'), []);
});

test('BIS Affiliates: a 60 %-owned subsidiary of an Entity-Listed party is covered only while the rule is in force', () => {
  const inForce = selectRules(undefined, '2025-10-15').rules;
  const paths = new PathFinder(testWorld(), inForce, '2025-10-15').paths('el-child');
  assert.equal(paths.find((p) => p.rule === 'bis-affiliates')?.steps[1].id, 'el-parent');
  const suspended = selectRules(undefined, '2025-12-01').rules;
  assert.equal(
    new PathFinder(testWorld(), suspended, '2025-12-01').paths('el-child').some((p) => p.rule === 'bis-affiliates'),
    false,
  );
});

test("NDAA §889: Ezviz reaches Hikvision as its subsidiary, with Hikvision's listings on the last step", () => {
  const [path] = new PathFinder(testWorld(), rule('ndaa889'), '2021-06-01').paths('ezviz');
  assert.equal(path.rule, 'ndaa889');
  assert.deepEqual(
    path.steps.map((s) => s.entity),
    ['Hangzhou EZVIZ Network Co., Ltd.', 'Hangzhou Hikvision Digital Technology Co., Ltd.'],
  );
  assert.equal(path.steps[0].relation, 'subsidiary of');
  assert.match(path.steps[0].source!, /Test Publisher, Test source \(2021-12-01\)/);
  // NS-CMIC (2021-06-03) is not yet in force on 2021-06-01.
  assert.deepEqual(
    path.steps[1].listings!.map((l) => l.list),
    ['NDAA889', 'EL'],
  );
  assert.equal(
    path.text,
    'Hangzhou EZVIZ Network Co., Ltd. → subsidiary of Hangzhou Hikvision Digital Technology Co., Ltd. → NDAA FY2019 Section 889 since 2019-08-13 (also EL)',
  );
});

test('NDAA §889 follows dated ownership: Lorex is covered in 2021 and not after the 2022 sale', () => {
  const rules = rule('ndaa889');
  assert.equal(new PathFinder(testWorld(), rules, '2021-06-01').paths('lorex').length, 1);
  assert.equal(new PathFinder(testWorld(), rules, '2024-06-01').paths('lorex').length, 0);
});

test('brand: HiLook is a brand of Hikvision; an OEM label carries its link confidence', () => {
  const finder = new PathFinder(testWorld(), rule('brand'), '2024-06-01');
  const [hilook] = finder.paths('hilook');
  assert.equal(hilook.steps[0].relation, 'brand of');
  assert.equal(hilook.confidence, 1);
  const [oem] = finder.paths('acme-oem');
  assert.equal(oem.steps[0].relation, 'OEM label of');
  assert.equal(oem.confidence, 0.85);
});

test('a directly listed party needs no path for the lists it is on', () => {
  assert.deepEqual(new PathFinder(testWorld(), rule('ndaa889'), '2021-06-01').paths('hik'), []);
});
