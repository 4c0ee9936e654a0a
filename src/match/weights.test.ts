import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SightlineError } from '../errors.ts';
import type { Entity } from '../model/entity.ts';
import { buildIndex, DEFAULT_THRESHOLD, DEFAULT_WEIGHTS, FEATURES, INTERCEPT, resolveConfig, resolveWeights, scorePair, type Weights } from './index.ts';

const company = (name: string, extra: Record<string, string[]> = {}) => ({ schema: 'Company', properties: { name: [name], ...extra } });
const entity = (id: string, name: string, extra: Record<string, string[]> = {}): Entity => ({ id, schema: 'Company', properties: { name: [name], ...extra } });
const w = (overrides: Record<string, number>): Weights => resolveWeights(overrides);
/** Equal up to the rounding of the explained name score to 4 decimals. */
const near = (actual: number, expected: number, msg?: string, tol = 1e-4) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected} ${msg ?? ''}`);

test('an unknown feature in weights is refused, naming the known features', () => {
  assert.throws(
    () => resolveWeights({ name_literal_match: 1 }),
    (e: unknown) =>
      e instanceof SightlineError && /unknown feature "name_literal_match"/.test(e.message) && /name_match, name_identical, words_near/.test(e.message),
  );
  assert.throws(() => resolveWeights({ name_match: Number.NaN }), /finite number/);
  assert.throws(() => resolveWeights({ name_match: '1' as unknown as number }), /finite number/);
  assert.equal(resolveWeights(undefined), DEFAULT_WEIGHTS);
  assert.equal(resolveWeights({ ticker_match: 0.3 }).ticker_match, 0.3);
  assert.equal(resolveWeights({ ticker_match: 0.3 }).country_mismatch, FEATURES.country_mismatch.coefficient, 'the others keep their defaults');
});

test('an unknown config key or a value out of range is refused, naming the known keys', () => {
  assert.throws(() => resolveConfig({ nm_fuzzy_cutoff_factor: 1 }), /unknown config key "nm_fuzzy_cutoff_factor"; known keys: candidate_names, stop_early/);
  assert.throws(() => resolveConfig({ candidate_names: 0 }), /candidate_names must be an integer in 1\.\.10000/);
  assert.throws(() => resolveConfig({ candidate_names: 2.5 }), /candidate_names/);
  assert.throws(() => resolveConfig({ stop_early: 'no' }), /stop_early must be true or false/);
  assert.deepEqual(resolveConfig({ candidate_names: 50, stop_early: false }), { candidateNames: 50, stopEarly: false });
});

test('the default weights score exactly as no weights at all', () => {
  const q = company('Acme Holdings 2', { country: ['cn'], ticker: ['ACME'] });
  const c = entity('c', 'Acme Holdings 3', { country: ['us'], ticker: ['ACME'] });
  assert.deepEqual(scorePair(q, c, DEFAULT_WEIGHTS), scorePair(q, c));
  assert.deepEqual(scorePair(q, c, resolveWeights({})), scorePair(q, c));
});

/** Log-odds of a score. */
const lo = (p: number) => Math.log(p / (1 - p));

test('the name weight scales the name term of the log-odds: 0 leaves the intercept and the other features', () => {
  const q = company('Zhejiang Dahua Technology');
  // one letter off: no name_identical term beside the name term
  const c = entity('d', 'Zhejiang Dahau Technology Co., Ltd.');
  const base = scorePair(q, c);
  assert.equal(base.explanation.name_identical, undefined);
  const name = base.explanation.name_match.score;
  assert.ok(name > 0.8);
  assert.ok(Math.abs(lo(scorePair(q, c, w({ name_match: 0 })).score) - INTERCEPT) < 1e-2, 'only the intercept is left');
  const half = scorePair(q, c, w({ name_match: FEATURES.name_match.coefficient / 2 }));
  near(lo(base.score) - lo(half.score), (FEATURES.name_match.coefficient / 2) * name, '', 1e-2);
  assert.equal(half.explanation.name_match.weight, FEATURES.name_match.coefficient / 2, 'the explanation shows the weight used');
  assert.ok(half.score < base.score);
});

test('a penalty weight moves the log-odds by exactly its difference, and 0 removes it', () => {
  const q = company('Hikvision', { country: ['us'] });
  const c = entity('h', 'Hikvision', { country: ['cn'] });
  const same = scorePair(q, entity('h', 'Hikvision', { country: ['us'] }));
  const base = scorePair(q, c);
  assert.equal(base.explanation.country_mismatch.weight, FEATURES.country_mismatch.coefficient);
  near(lo(same.score) - lo(base.score), -FEATURES.country_mismatch.coefficient, 'the default penalty', 1e-2);
  near(lo(same.score) - lo(scorePair(q, c, w({ country_mismatch: -3 })).score), 3, 'a heavier one', 1e-2);
  assert.equal(scorePair(q, c, w({ country_mismatch: 0 })).score, same.score, 'off');
  // a shared ticker adds its weight to the log-odds
  const t = company('Acme Trading', { ticker: ['ACME'] });
  const tc = entity('a', 'Acme Holdings', { ticker: ['ACME'] });
  const untickered = scorePair(company('Acme Trading'), entity('a', 'Acme Holdings'));
  near(lo(scorePair(t, tc).score) - lo(untickered.score), FEATURES.ticker_match.coefficient, 'ticker', 1e-2);
  near(lo(scorePair(t, tc, w({ ticker_match: 3 })).score) - lo(untickered.score), 3, 'ticker weight 3', 1e-2);
});

test('the identifier weight is the floor a shared identifier raises the score to', () => {
  const q = company('Some Vendor', { isinCode: ['CNE100000PM8'] });
  const c = entity('h', 'Hangzhou Hikvision', { isinCode: ['CNE100000PM8'] });
  const byName = scorePair(company('Some Vendor', { country: ['cn'] }), entity('h', 'Hangzhou Hikvision')).score;
  assert.equal(scorePair(q, c).score, FEATURES.identifier_match.coefficient);
  assert.equal(scorePair(q, c, w({ identifier_match: 0.5 })).score, Math.max(0.5, byName));
  assert.equal(scorePair(q, c, w({ identifier_match: 1.98 })).score, 1, 'doubled: capped at 1');
  assert.equal(scorePair(q, c, w({ identifier_match: 0 })).score, byName, 'off: the name decides');
});

test('the index honours weights and cutoff, and a weighted search finds what scoring every entity finds', () => {
  const names = ['Acme Holdings', 'Acme Holding Group', 'Acme Trading', 'Akme Holdings', 'Apex Holdings', 'Acme Holdings 2', 'Zenith Holdings'];
  names.push('Acne Haldings', 'Acme Hold', 'Amce Holdigns', 'Holdings Acme Apex Zenith');
  const index = buildIndex(names.map((n, i) => entity(`e${i}`, n, { country: [i % 2 ? 'us' : 'cn'] })));
  const query = company('Acme Holdings', { country: ['cn'] });
  const base = index.match(query, { limit: 20 });
  assert.equal(base[0].id, 'e0');
  assert.ok(base[0].match);
  const weak = index.match(query, { limit: 20, weights: { name_match: 0.5, name_identical: 0 }, cutoff: 0 });
  const top = weak.find((r) => r.id === 'e0')!;
  assert.ok(top.score < base[0].score);
  assert.equal(top.match, false);
  // positive weights where defaults are penalties: the name floor used for pruning must stay sound
  for (const weights of [
    { country_mismatch: 2 },
    { name_match: 2, number_mismatch: 1, words_near: 3 },
    { name_match: 6 },
    { legal_form_mismatch: 1, loose_other: 1 },
  ]) {
    for (const cutoff of [0.3, 0.6]) {
      const got = index.match(query, { limit: 20, weights, cutoff, config: { stop_early: false } }).map((r) => [r.id, r.score]);
      const all = index.matchExhaustive(query, { limit: 20, weights, cutoff }).map((r) => [r.id, r.score]);
      assert.deepEqual(got, all, JSON.stringify({ weights, cutoff }));
    }
  }
  // cutoff drops what scores below it; threshold only sets `match`
  assert.ok(index.match(query, { limit: 20, cutoff: 0.85 }).every((r) => r.score >= 0.85));
  const strict = index.match(query, { limit: 20, threshold: 0.99 });
  assert.ok(strict.some((r) => !r.match) && strict.every((r) => r.match === r.score >= 0.99));
  assert.ok(
    index.match(query, { limit: 20 }).every((r) => r.score >= DEFAULT_THRESHOLD * 0.75),
    'default cutoff: 0.75 × threshold',
  );
  assert.throws(() => index.match(query, { config: { nope: 1 } }), /known keys: candidate_names, stop_early/);
});

test('a candidate filter applies before scoring: a limit of 1 still finds the one accepted entity', () => {
  // 60 identical names sort before the accepted one by id: filtering the top results afterwards would miss it
  const index = buildIndex([...Array.from({ length: 60 }, (_, i) => entity(`a${String(i).padStart(2, '0')}`, 'Acme Holdings')), entity('z', 'Acme Holdings')]);
  const q = company('Acme Holdings');
  assert.deepEqual(
    index.match(q, { limit: 1, accept: (id) => id === 'z' }).map((r) => r.id),
    ['z'],
  );
  assert.deepEqual(
    index.match(q, { limit: 3, accept: (_, schema) => schema !== 'Company' }).map((r) => r.id),
    [],
  );
  assert.equal(index.match(q, { limit: 1 })[0].id, 'a00');
  // inside retrieval too: with room for one candidate name, the refused better-ranked names take no place
  const small = buildIndex([entity('a', 'Acme Holdings'), entity('b', 'Acme Holdings Trading Group International')]);
  assert.deepEqual(
    small.match(q, { config: { candidate_names: 1 } }).map((r) => r.id),
    ['a'],
  );
  assert.deepEqual(
    small.match(q, { config: { candidate_names: 1 }, accept: (id) => id === 'b' }).map((r) => r.id),
    ['b'],
  );
});
