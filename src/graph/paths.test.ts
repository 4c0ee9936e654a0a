import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/entity.ts';
import { createWorld } from './world.ts';
import { GraphWalker, coveredLists, pathsToListed } from './paths.ts';
import { loadRules, parseRules } from './rules.ts';

const co = (id: string): Entity => ({ id, schema: 'Company', properties: { name: [id] } });
const listed = (id: string, code: string, since: string): Entity => ({
  id: `${id}-${code}`,
  schema: 'Sanction',
  properties: { entity: [id], programId: [code], listingDate: [since] },
});
const own = (owner: string, asset: string, pct: number, dates: { start?: string; end?: string } = {}): Entity => ({
  id: `own-${owner}-${asset}`,
  schema: 'Ownership',
  properties: {
    owner: [owner],
    asset: [asset],
    percentage: [String(pct)],
    ...(dates.start ? { startDate: [dates.start] } : {}),
    ...(dates.end ? { endDate: [dates.end] } : {}),
  },
});
const link = (role: string, from: string, to: string, dates: { start?: string; end?: string } = {}, confidence?: number): Entity => ({
  id: `rel-${role}-${from}-${to}`,
  schema: 'UnknownLink',
  confidence,
  properties: {
    subject: [from],
    object: [to],
    role: [role],
    ...(dates.start ? { startDate: [dates.start] } : {}),
    ...(dates.end ? { endDate: [dates.end] } : {}),
  },
});

const world = createWorld([
  co('maker'),
  listed('maker', 'NDAA889', '2019-08-13'),
  co('sub'),
  link('subsidiary', 'maker', 'sub', { start: '2018-01-01', end: '2023-01-01' }),
  co('minority'),
  own('maker', 'minority', 10),
  co('majority'),
  own('maker', 'majority', 51),
  co('label'),
  link('oem', 'sub', 'label', {}, 0.8),
  co('sdn1'),
  listed('sdn1', 'SDN', '2020-01-01'),
  co('sdn2'),
  listed('sdn2', 'SDN', '2020-01-01'),
  co('split'),
  own('sdn1', 'split', 30),
  own('sdn2', 'split', 30),
  co('sold'),
  own('sdn1', 'sold', 60, { end: '2022-01-01' }),
]);
const rules = loadRules();
const only = (id: string) => rules.filter((r) => r.id === id);

test('control follows subsidiaries and majority ownership, never a 10 % stake', () => {
  const walker = new GraphWalker(world, only('ndaa889'), '2021-06-01');
  const [sub] = walker.paths('sub');
  assert.deepEqual(
    sub.steps.map((s) => s.id),
    ['sub', 'maker'],
  );
  assert.equal(sub.steps[0].relation?.kind, 'subsidiary');
  assert.deepEqual(coveredLists(sub), ['NDAA889']);
  assert.equal(walker.paths('majority')[0].steps[0].relation?.percentage, 51);
  assert.deepEqual(walker.paths('minority'), []);
});

test('a relation counts only between its start and end dates', () => {
  assert.equal(pathsToListed(world, 'sub', '2021-06-01', only('ndaa889')).length, 1);
  assert.deepEqual(pathsToListed(world, 'sub', '2023-06-01', only('ndaa889')), []);
  assert.deepEqual(pathsToListed(world, 'sub', '2017-06-01', only('ndaa889')), []);
  assert.deepEqual(pathsToListed(world, 'sold', '2023-01-01', only('ofac50')), []);
  assert.equal(pathsToListed(world, 'sold', '2021-01-01', only('ofac50')).length, 1);
});

test('a brand rule takes one brand/OEM edge, then control edges, and keeps the lowest link confidence', () => {
  const [path] = pathsToListed(world, 'label', '2021-06-01', only('brand'));
  assert.deepEqual(
    path.steps.map((s) => [s.id, s.relation?.kind]),
    [
      ['label', 'oem'],
      ['sub', 'subsidiary'],
      ['maker', undefined],
    ],
  );
  assert.equal(path.confidence, 0.8);
  // The subsidiary link ended: the label's maker no longer reaches a listed party.
  assert.deepEqual(pathsToListed(world, 'label', '2024-01-01', only('brand')), []);
});

test('ownership aggregation: summed owners reach the threshold, a `single` rule needs one owner at the threshold', () => {
  const [sum] = pathsToListed(world, 'split', '2021-01-01', only('ofac50'));
  assert.equal(sum.aggregate, 60);
  const single = parseRules('- {id: s, name: S, kind: ownership-aggregate, lists: [SDN], threshold: 50, aggregation: single}');
  assert.deepEqual(pathsToListed(world, 'split', '2021-01-01', single), []);
  assert.equal(pathsToListed(world, 'sold', '2021-01-01', single)[0].aggregate, 60);
});

test('a rule outside its effective dates or inside a suspension gives no path, whatever the caller passes', () => {
  const bis = parseRules(`- {id: b, name: B, kind: ownership-aggregate, lists: [SDN], threshold: 50, effective: 2021-01-01,
    suspensions: [{from: 2021-03-01, to: 2021-09-01}]}`);
  assert.deepEqual(pathsToListed(world, 'split', '2020-06-01', bis), []);
  assert.equal(pathsToListed(world, 'split', '2021-02-01', bis).length, 2);
  assert.deepEqual(pathsToListed(world, 'split', '2021-06-01', bis), []);
  assert.equal(new GraphWalker(world, bis, '2021-06-01').rules.length, 0);
});

test('a rules file with a bad threshold, aggregation or relation kind is refused naming the rule', () => {
  assert.throws(() => parseRules('- {id: t, name: T, kind: control, lists: any, threshold: 150}'), /t.*threshold 150/);
  assert.throws(() => parseRules('- {id: a, name: A, kind: ownership-aggregate, lists: any, aggregation: average}'), /unknown aggregation average/);
  assert.throws(() => parseRules('- {id: r, name: R, kind: control, lists: any, relations: [subsidary]}'), /unknown relation kind subsidary/);
});
