// Document scanning and name matching read Chinese through the one normalisation in names/chinese.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hanReadings, hanToPinyin, toSimplified } from './chinese.ts';
import { normaliseTerm } from '../documents/normalise.ts';
import { pinyinVariants } from '../documents/pinyin-variants.ts';
import { createScanner } from '../documents/scanner.ts';
import { analyseName } from './name-form.ts';

test('document folding and name matching simplify the same characters, Hong Kong forms included', () => {
  for (const trad of ['海康威視數字技術', '中國衞星', '枱燈製造', '臺灣積體電路', '大華技術']) {
    assert.equal(normaliseTerm(trad), toSimplified(trad), trad);
  }
  assert.equal(toSimplified('衞'), '卫');
});

test('pinyin: the names spelling (ü as v) and the document spelling (ü folded to u) are the same readings', () => {
  assert.deepEqual(hanToPinyin('吕'), ['lv']);
  assert.deepEqual(
    hanReadings('人脸').map((r) => r[0]),
    hanToPinyin('人脸'),
  );
  assert.ok(pinyinVariants('绿色').includes('lu色'), 'ü is spelt u in documents, as their text folds lǚ');
  assert.ok(pinyinVariants('人脸识别').includes('ren脸识别'));
});

test('a listed firm written in traditional characters is found in a document and matched as a name alike', () => {
  const scanner = createScanner({ entities: [{ id: 'x-sat', caption: 'China Satellite', names: ['中国卫星通信集团'] }] });
  const hits = scanner.scanText('本項目採購中國衞星通信集團的設備。');
  assert.deepEqual(
    hits.filter((h) => h.type === 'entity').map((h) => h.entity?.id),
    ['x-sat'],
  );
  const a = analyseName('中國衞星通信集團', 'org')!;
  const b = analyseName('中国卫星通信集团', 'org')!;
  assert.deepEqual([a.hanCore, a.tokens.map((t) => t.text)], [b.hanCore, b.tokens.map((t) => t.text)]);
});
