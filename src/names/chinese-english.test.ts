import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishReadings } from './chinese-english.ts';

const texts = (name: string) => englishReadings(name).map((r) => r.text);

test('a Han organisation name is read as its English name is written: descriptions translated, core in pinyin, legal form left out', () => {
  assert.deepEqual(texts('中国电信股份有限公司'), ['china telecom']);
  assert.deepEqual(texts('长沙景嘉微电子股份有限公司'), ['changsha jingjia microelectronics']);
  assert.deepEqual(texts('新疆生产建设兵团'), ['xinjiang production construction corps']);
  // traditional characters read as simplified; brackets separate words
  assert.deepEqual(texts('中國電信股份有限公司'), ['china telecom']);
  assert.deepEqual(texts('中国联合网络通信(香港)股份有限公司'), ['china united network communications hong kong']);
});

test('the administrative suffix of a place is not read into the next word, and 都 in a name is dū', () => {
  assert.deepEqual(texts('深圳市大疆创新科技有限公司')[0], 'shenzhen dajiang innovation technology');
  assert.deepEqual(texts('江西洪都航空工业股份有限公司'), ['jiangxi hongdu aviation industry']);
});

test('two glosses give two readings; pinyin and descriptive words are told apart', () => {
  const r = englishReadings('中国航天科技集团有限公司');
  assert.deepEqual(
    r.map((x) => x.text),
    ['china aerospace technology', 'china aerospace science and technology'],
  );
  const jingjia = englishReadings('长沙景嘉微电子股份有限公司')[0];
  assert.deepEqual(jingjia.pinyin, ['changsha', 'jingjia']);
  assert.deepEqual(jingjia.descriptive, ['microelectronics']);
  // a word that is the name itself ("Great Wall") is not a description
  assert.deepEqual(englishReadings('安徽长城军工股份有限公司')[0].descriptive, ['military', 'industry']);
});

test('no reading when nothing is translated, for mixed scripts and for non-Han text', () => {
  assert.deepEqual(texts('海康威视'), []);
  assert.deepEqual(texts('海康威视 Hikvision'), []);
  assert.deepEqual(texts('China Telecom'), []);
  assert.deepEqual(texts(''), []);
});
