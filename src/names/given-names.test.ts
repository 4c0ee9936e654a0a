import { test } from 'node:test';
import assert from 'node:assert/strict';
import { givenNameKey } from './given-names.ts';
import { analyseName } from './index.ts';
import { compareNames, tokenSimilarity } from '../match/index.ts';

test('spellings of one given name share its key; other words have none', () => {
  assert.equal(givenNameKey('dzmitry'), 'dmitriy');
  assert.equal(givenNameKey('dmytro'), 'dmitriy');
  assert.equal(givenNameKey('hossein'), 'husayn');
  assert.equal(givenNameKey('huseyin'), 'husayn');
  assert.equal(givenNameKey('patty'), 'patricia');
  assert.equal(givenNameKey('hikvision'), '');
  // look-alike names that are different names stay apart
  assert.notEqual(givenNameKey('hamid'), givenNameKey('hamad'));
  assert.notEqual(givenNameKey('salih'), givenNameKey('salah'));
});

test("a patronymic is read as the father's given name and its gender, in Russian, Belarusian and Ukrainian", () => {
  assert.equal(givenNameKey('aleksandrovna'), 'aleksandr~f');
  assert.equal(givenNameKey('alyaksandrauna'), 'aleksandr~f');
  assert.equal(givenNameKey('oleksandrivna'), 'aleksandr~f');
  assert.equal(givenNameKey('aleksandrovich'), 'aleksandr~m');
  // the stem without the name's last letters, or with a vowel dropped
  assert.equal(givenNameKey('sergeevich'), 'sergey~m');
  assert.equal(givenNameKey('yuryevich'), 'yuriy~m');
  assert.equal(givenNameKey('pavlovich'), 'pavel~m');
  assert.equal(givenNameKey('paulavich'), 'pavel~m');
  // son and daughter of one father are not one patronymic
  assert.notEqual(givenNameKey('pavlovich'), givenNameKey('pavlovna'));
  // an ending on a word that is no given name's
  assert.equal(givenNameKey('milosevich'), '');
});

test('person names with one given name in two spellings match; organisation names do not use the table', () => {
  const person = (s: string) => analyseName(s, 'person')!;
  const r = compareNames(person('FEDOSENKO, Yekaterina Aleksandrovna'), person('FEDASENKA, Katsyaryna Alyaksandrauna'));
  assert.ok(r.score >= 0.9, `score ${r.score}`);
  assert.match(r.detail, /one given name: 'yekaterina' = 'katsyaryna', 'aleksandrovna' = 'alyaksandrauna'/);
  assert.ok(compareNames(person('AMEZCUA CONTRERAS, Patty'), person('AMEZCUA CONTRERAS, Patricia')).score >= 0.9);
  // siblings: same family name and patronymic, different given names, stay below a match
  assert.ok(compareNames(person('SHAMALOV, Yurii Nikolaevich'), person('SHAMALOV, Kirill Nikolaevich')).score < 0.75);
  const org = (s: string) => analyseName(s, 'org')!.tokens[0];
  assert.equal(tokenSimilarity(org('Patty'), org('Patricia'), false), 0);
});
