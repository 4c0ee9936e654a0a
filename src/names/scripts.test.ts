import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseName, toLatin } from './index.ts';
import { hangulPersonName, hangulSyllable } from './scripts.ts';

test('Cyrillic is written as the lists write it: kh, ts, shch; the soft and hard signs dropped, not word breaks', () => {
  assert.equal(toLatin('Ростех'), 'rostekh');
  assert.equal(toLatin('Цой'), 'tsoy');
  assert.equal(toLatin('Щербаков'), 'shcherbakov');
  assert.equal(toLatin('Григорьевич'), 'grigorevich');
  assert.equal(toLatin('Объединённая'), 'obedinennaya');
  // Ukrainian and Belarusian letters
  assert.equal(toLatin('Євген Їжак'), 'yevgen yizhak');
  assert.equal(toLatin('Ўладзімір'), 'uladzimir');
});

test('a Hangul syllable is its initial, medial and final jamo in the DPRK spelling of the lists', () => {
  assert.equal(hangulSyllable('김'), 'kim');
  assert.equal(hangulSyllable('정'), 'jong');
  assert.equal(hangulSyllable('은'), 'un');
  assert.equal(hangulSyllable('룡'), 'ryong');
  assert.equal(hangulSyllable('병'), 'pyong');
  assert.equal(hangulSyllable('철'), 'chol');
  assert.equal(hangulSyllable('최'), 'choe');
});

test('a Korean person name in Hangul is the family name and the given syllables; an organisation name stays one word', () => {
  assert.deepEqual(
    analyseName('김정은', 'person')!.tokens.map((t) => t.text),
    ['kim', 'jong', 'un'],
  );
  assert.deepEqual(
    analyseName('리병철', 'person')!.tokens.map((t) => t.text),
    ['ri', 'pyong', 'chol'],
  );
  // a two-syllable family name (syllable by syllable: no voicing between them, as in the lists' names)
  assert.equal(hangulPersonName('남궁민').trim(), 'namkung min');
  assert.deepEqual(analyseName('조선광업개발무역회사', 'org')!.tokens.length, 1);
});

test('Arabic script: alif is a letter, not a word break; و and ي inside a word are long vowels', () => {
  assert.equal(toLatin('قاسم سليماني'), 'qasm slimani');
  assert.equal(toLatin('يوسف'), 'yusf');
  assert.equal(toLatin('محمد علي'), 'mhmd ali');
  // by an alif they are consonants
  assert.equal(toLatin('داود'), 'dawd');
});
