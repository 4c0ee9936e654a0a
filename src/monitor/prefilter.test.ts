import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity } from '../model/entity.ts';
import { buildIndex } from '../match/index.ts';
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

// A world where "Imaging" is in every other name: the candidate index holds it as a common key.
const syllables = 'ka lo mi ra ven tor zu pel dan qui sor bel fin gar hex jor nex orb tal wex'.split(' ');
const imagingFirms = syllables.flatMap((a, i) => syllables.slice(i + 1, i + 4).map((b) => party(`f-${a}${b}`, { name: [`${a}${b} Imaging Co., Ltd.`] })));
const changed = party('changed', { name: ['Folbor Imaging Co., Ltd.'] });
const index = buildIndex([...imagingFirms, changed]);

test('with the candidate index, a row meeting a party only through a common word, and having a rarer one, is left out', () => {
  assert.ok(index.isCommonKey('imaging'), 'the fixture makes "imaging" common');
  const withIndex = new ChangedPartyFilter([changed], index);
  const without = new ChangedPartyFilter([changed]);
  assert.equal(withIndex.mayMatch({ name: 'Quirasel Imaging Co' }, { commonSkip: true }), false);
  assert.equal(without.mayMatch({ name: 'Quirasel Imaging Co' }, { commonSkip: true }), true, 'without the index every shared word counts');
  assert.equal(withIndex.mayMatch({ name: 'Quirasel Imaging Co' }), true, 'holdings names are cut before matching: no skipping');
  assert.equal(withIndex.mayMatch({ name: 'Imaging Co' }, { commonSkip: true }), true, 'a name of common words only retrieves by them');
  assert.equal(withIndex.mayMatch({ name: 'Folbar Imaging Co' }, { commonSkip: true }), true, 'a rare party word one letter off still counts');
});

test('every row the filter leaves out is one the matcher does not flag on the changed party (checked against the index)', () => {
  const filter = new ChangedPartyFilter([changed], index);
  const rows = [
    'Quirasel Imaging Co',
    'Folbor Imaging',
    'Folbar Imaging Ltd',
    'Imaging Co',
    'Imaging',
    'Ventor Imaging Co., Ltd.',
    'Folbor',
    'Fol Bor Imaging',
    'Imajing Folbor',
  ];
  let leftOut = 0;
  for (const name of rows) {
    if (filter.mayMatch({ name }, { commonSkip: true })) continue;
    leftOut++;
    const found = index.match({ schema: 'LegalEntity', properties: { name: [name] } }, { threshold: 0.5, accept: (id) => id === 'changed' });
    assert.deepEqual(
      found.filter((r) => r.score >= 0.5).map((r) => r.id),
      [],
      `${name} was left out but matches the changed party`,
    );
  }
  assert.ok(leftOut >= 2, 'the filter leaves some rows out');
});
