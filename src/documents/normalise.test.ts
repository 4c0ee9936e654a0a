import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseText, pinyinSyllables } from './normalise.ts';

/** Original text behind normalised [a, b). */
function back(src: string, a: number, b: number): string {
  const n = normaliseText(src);
  return src.slice(n.start[a], n.start[b - 1] + 1);
}

test('traditional characters read as simplified, one for one', () => {
  const n = normaliseText('人臉識別與黑名單');
  assert.equal(n.text, '人脸识别与黑名单');
  assert.deepEqual([...n.start], [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('full-width letters, digits and punctuation read as half-width lower case', () => {
  assert.equal(normaliseText('ＨＩＫＶＩＳＩＯＮ１２３（ＳＤＫ）').text, 'hikvision123(sdk)');
});

test('inline pinyin annotations after Hanzi are dropped and map back to the full original span', () => {
  const src = '少数民(mín)族识别';
  const n = normaliseText(src);
  assert.equal(n.text, '少数民族识别');
  assert.equal(back(src, 0, 6), src);
  assert.equal(normaliseText('民族（mín zú）识别').text, '民族识别');
});

test('a parenthesis holding English or more syllables than the Hanzi before it is kept', () => {
  assert.equal(normaliseText('海康(Hikvision)').text, '海康(hikvision)');
  assert.equal(normaliseText('民(minzu)族').text, '民(minzu)族');
});

test('whitespace inside Chinese words and line breaks between Hanzi are removed', () => {
  const src = '人 脸\n识　别 system';
  const n = normaliseText(src);
  assert.equal(n.text, '人脸识别system');
  assert.equal(back(src, 0, 4), '人 脸\n识　别');
});

test('whitespace runs between Latin words collapse to one space and dashes read as spaces', () => {
  assert.equal(normaliseText('face\n\n   recognition, Hik-Connect').text, 'face recognition, hik connect');
});

test('zero-width characters and tone marks do not break words', () => {
  assert.equal(normaliseText('人\u200b脸识别, gōng安').text, '人脸识别, gong安');
});

test('every normalised character maps back to an original character it came from', () => {
  const src = '招標：ＡＢＣ 人 臉 民(mín)族\u200b識別 face  recognition';
  const n = normaliseText(src);
  assert.equal(n.start.length, n.text.length);
  for (let i = 1; i < n.start.length; i++) assert.ok(n.start[i] > n.start[i - 1]);
  assert.ok(n.start[n.start.length - 1] < src.length);
});

test('pinyin syllable counting accepts pinyin and rejects English words', () => {
  assert.equal(pinyinSyllables('min'), 1);
  assert.equal(pinyinSyllables('dahua'), 2);
  assert.equal(pinyinSyllables("xi'an"), 2);
  assert.equal(pinyinSyllables('hikvision'), -1);
});

test('lone surrogates read as U+FFFD one for one, pairs kept (also when a dropped unit stood between them)', () => {
  const cases: [string, string][] = [
    ['a\ud800b', 'a\ufffdb'],
    ['\udc00人', '\ufffd人'],
    ['x\ud83d\ude00', 'x\ud83d\ude00'],
    ['\ud83d\u200b\ude00', '\ud83d\ude00'],
    ['\ud83d\ud83d\ude00\udc00', '\ufffd\ud83d\ude00\ufffd'],
  ];
  for (const [src, text] of cases) {
    const n = normaliseText(src);
    assert.equal(n.text, text);
    assert.deepEqual(
      [...n.units],
      Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)),
    );
    assert.equal(n.start.length, text.length);
  }
});
