import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity } from '../model/entity.ts';
import { ChangedPartyFilter } from './prefilter.ts';

const party = (id: string, properties: Record<string, string[]>): Entity => ({ id, schema: 'Company', properties });

const filter = new ChangedPartyFilter([
  party('a', { name: ['Alpha Fastlink Photonics Co., Ltd.'], registrationNumber: ['91110108MA01'] }),
  party('b', { name: ['Zhejiang Uniview Technologies'], alias: ['Uniview'], ticker: ['002415.SZ'] }),
]);

test('rows the matcher could find pass: same word, one typo, split or joined words, spelling variant, diacritics', () => {
  for (const name of ['Fastlink Ltd', 'Fastlnk Trading', 'Fast Link Optics', 'ALFA Optics', 'Photónics Unlimited', 'Univiews Inc'])
    assert.equal(filter.mayMatch({ name }), true, name);
});

test('rows sharing an identifier or ticker pass, whatever their name', () => {
  assert.equal(filter.mayMatch({ name: 'Acme', registration: '91110108ma01' }), true);
  assert.equal(filter.mayMatch({ name: 'Acme', ticker: 'SZ002415' }), true);
});

test('rows in another script pass: transliteration is the matcher’s job', () => {
  assert.equal(filter.mayMatch({ name: '宇视科技' }), true);
});

test('rows sharing only generic words or nothing are left out', () => {
  for (const name of ['Acme Technology Co., Ltd.', 'Borealis Electronics', 'Northwind Trading GmbH']) assert.equal(filter.mayMatch({ name }), false, name);
  assert.equal(filter.mayMatch({ name: 'Acme', ticker: '600000.SH' }), false);
});

test('a changed party with no distinctive Latin name lets every row through', () => {
  const all = new ChangedPartyFilter([party('c', { name: ['中国电子科技集团'] })]);
  assert.equal(all.mayMatch({ name: 'Borealis Electronics' }), true);
});

test('a word’s remembered verdict is the verdict a fresh filter gives', () => {
  const parties = [party('a', { name: ['Alpha Fastlink Photonics Co., Ltd.'] }), party('b', { name: ['Zhejiang Uniview Technologies'] })];
  const names = ['Fastlnk Trading', 'Acme Fastlnk', 'Photonix Acme', 'Acme Photonix', 'Uniview', 'Borealis Uniview', 'Borealis', 'Acme Fast Link'];
  const seasoned = new ChangedPartyFilter(parties);
  for (const name of [...names, ...names].reverse()) assert.equal(seasoned.mayMatch({ name }), new ChangedPartyFilter(parties).mayMatch({ name }), name);
  assert.equal(seasoned.mayMatch({ name: 'Borealis' }), false);
  assert.equal(seasoned.mayMatch({ name: 'Acme Photonix' }), true);
});
