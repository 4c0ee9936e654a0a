import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createScanner } from './scanner.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';

interface Cases {
  positive: { text: string; expect: string[] }[];
  brand_locking: { text: string; makers?: string[]; models?: string[] }[];
  clean: string[];
}
const cases: Cases = parse(readFileSync('test/fixtures/documents/capability-parts.yml', 'utf8'));
const scanner = createScanner({ entities: sampleEntities() });
const capabilities = (text: string) => scanner.scanText(text).filter((h) => h.type === 'capability');

test('capabilities described in parts are found, in Chinese and English, with the whole clause quoted', () => {
  for (const c of cases.positive) {
    const hits = capabilities(c.text);
    assert.deepEqual([...new Set(hits.map((h) => h.category))].sort(), [...c.expect].sort(), c.text);
    for (const h of hits) {
      assert.equal(c.text.slice(h.start, h.end), h.text);
      assert.equal(h.clause, c.text, 'one sentence: the clause is all of it');
    }
  }
});

test('a parts hit names its object and action and its rule', () => {
  const [hit] = capabilities('对辖区常住人口按籍贯、民族、宗教信仰等属性进行分类建档。');
  assert.equal(hit.category, 'ethnic classification');
  assert.equal(hit.term, '民族 + 属性');
  assert.deepEqual(hit.notes, ['described in parts: ethnicity "民族" + classify "属性" (rule ethnicity-in-parts)']);
});

test('the object and the action must share a clause: a full stop between them keeps them apart', () => {
  assert.deepEqual(capabilities('会议室配备人像摄影背景墙。系统须支持按时间检索录像。'), []);
  assert.deepEqual(capabilities('The lobby shows portraits of the founders. The system shall compare invoices.'), []);
});

test('ordinary CCTV, supplier blacklists, staff forms and specifications naming non-listed brands stay clean', () => {
  for (const text of cases.clean) {
    assert.deepEqual(
      capabilities(text).map((h) => `${h.category}: ${h.text}`),
      [],
      text,
    );
  }
});

test('brand-locking clauses and listed makers’ model numbers name the maker and its lists', () => {
  for (const c of cases.brand_locking) {
    const hits = scanner.scanText(c.text);
    for (const model of c.models ?? []) {
      const hit = hits.find((h) => h.category === "listed maker's model" && h.text === model);
      assert.ok(hit, `${model} in ${c.text}`);
      assert.match(hit.gloss, /is on NDAA §889 since 2019-08-13, FCC Covered List since 2021-03-12/);
    }
    const compat = hits.find((h) => h.category === 'vendor compatibility');
    for (const maker of c.makers ?? []) {
      assert.ok(compat, c.text);
      assert.match(compat.gloss, new RegExp(`${maker}[^/]*\\(listed: [^)]*FCC Covered List`), compat.gloss);
    }
  }
});
