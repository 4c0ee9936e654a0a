import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRules, parseRules, ruleInForce, selectRules } from './rules.ts';
import { SightlineError } from '../errors.ts';

test('the bundled rule sets are ofac50, bis-affiliates, ndaa889 and brand', () => {
  assert.deepEqual(
    loadRules().map((r) => r.id),
    ['ofac50', 'bis-affiliates', 'ndaa889', 'brand'],
  );
});

test('the BIS Affiliates Rule is in force from 2025-09-29 and suspended from 2025-11-10 for a year', () => {
  const bis = loadRules().find((r) => r.id === 'bis-affiliates')!;
  assert.equal(ruleInForce(bis, '2025-09-28'), false);
  assert.equal(ruleInForce(bis, '2025-09-29'), true);
  assert.equal(ruleInForce(bis, '2025-11-09'), true);
  assert.equal(ruleInForce(bis, '2025-11-10'), false);
  assert.equal(ruleInForce(bis, '2026-06-01'), false);
  assert.equal(ruleInForce(bis, '2026-11-10'), true);
});

test('NDAA §889 applies from 2019-08-13', () => {
  const ndaa = loadRules().find((r) => r.id === 'ndaa889')!;
  assert.equal(ruleInForce(ndaa, '2019-08-12'), false);
  assert.equal(ruleInForce(ndaa, '2019-08-13'), true);
});

test('the default selection is every rule in force on the as-of date; the others are reported as inactive', () => {
  const sel = selectRules(undefined, '2025-10-15');
  assert.deepEqual(
    sel.rules.map((r) => r.id),
    ['ofac50', 'bis-affiliates', 'ndaa889', 'brand'],
  );
  const later = selectRules(undefined, '2025-12-01');
  assert.deepEqual(
    later.rules.map((r) => r.id),
    ['ofac50', 'ndaa889', 'brand'],
  );
  assert.match(later.inactive[0].reason, /suspended/);
  const early = selectRules(['bis-affiliates', 'brand'], '2019-01-01');
  assert.deepEqual(
    early.rules.map((r) => r.id),
    ['brand'],
  );
  assert.match(early.inactive[0].reason, /effective 2025-09-29/);
});

test('an unknown rule set name is a usage error', () => {
  assert.throws(
    () => selectRules(['ofac-51']),
    (e: unknown) => e instanceof SightlineError && e.code === 'USAGE' && /ofac-51/.test(e.message),
  );
});

test('a rules file with a bad date or kind is refused naming the rule', () => {
  const rules = parseRules(readFileSync(new URL('../../test/fixtures/screen/rules-test.yml', import.meta.url), 'utf8'));
  assert.equal(ruleInForce(rules[0], '2021-03-01'), false);
  assert.equal(ruleInForce(rules[0], '2021-07-01'), true);
  assert.throws(
    () => parseRules('- {id: x, name: X, kind: brand, lists: any, effective: 2020-13}'),
    /rules\.yml:1:\d+: \[0\]\.effective: expected a date \(YYYY-MM-DD\), got "2020-13"/,
  );
  assert.throws(
    () => parseRules('- {id: y, name: Y, kind: magic, lists: any}'),
    /\[0\]\.kind: expected "ownership-aggregate" or "control" or "brand", got "magic"/,
  );
});
