import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listCountryNames, matchCountryNames, parseCountryNames } from './countries.ts';
import { countryCode } from '../lists/tables.ts';
import { normaliseCountry } from '../match/prepared.ts';

test('both country tables come through the one loader, and list import and matching read them', () => {
  assert.ok(listCountryNames().get('kp')?.includes('Korea, North'));
  assert.ok(matchCountryNames().get('cn')?.includes('中国'));
  assert.equal(countryCode('Korea, North'), 'kp');
  assert.equal(normaliseCountry("People's Republic of China"), 'cn');
  assert.equal(normaliseCountry('中国'), 'cn');
});

test('a broken country table is refused with its file and line', () => {
  assert.throws(
    () => parseCountryNames('cn: [China]\nChina: [cn]\n', 'data/countries.yml'),
    /data\/countries\.yml:2:\d+: China: "China" is not a lower-case ISO 3166-1 alpha-2 code/,
  );
  assert.throws(
    () => parseCountryNames('countries:\n  cn: China\n', 'data/names/countries.yml', 'countries'),
    /data\/names\/countries\.yml:2:\d+: countries\.cn: expected a list of names/,
  );
  assert.throws(() => parseCountryNames('other: 1\n', 'x.yml', 'countries'), /x\.yml:1:\d+: .*countries/);
});
