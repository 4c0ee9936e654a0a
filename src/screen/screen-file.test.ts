import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { screenAgainst } from './run-screening.ts';
import { testWorld } from '../../test/fixtures/screen/world.ts';
import { SightlineError } from '../errors.ts';
import type { RowResult } from './types.ts';

const fixture = (name: string) => new URL(`../../test/fixtures/screen/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sightline-screen-'));
const byName = (rs: RowResult[], name: string): RowResult => rs.find((r) => r.input.name === name)!;

test('malformed rows are skipped with their row numbers and counted; the run continues', async () => {
  const r = await screenAgainst(testWorld(), [], fixture('vendors-malformed.csv'), { asOf: '2024-06-01' });
  assert.deepEqual(
    r.skipped.map((s) => [s.row, s.reason.replace(/ ".*"/, '')]),
    [
      [4, 'empty row'],
      [5, 'name has no letters'],
      [6, '5 fields, the header has 3'],
      [7, 'name contains control characters or undecodable bytes'],
    ],
  );
  assert.deepEqual({ rows: r.summary.rows, screened: r.summary.screened, skipped: r.summary.skipped }, { rows: 7, screened: 3, skipped: 4 });
  const hik = byName(r.results, 'Hangzhou Hikvision Digital Technology Co., Ltd.');
  assert.equal(hik.status, 'hit');
  assert.equal(hik.row, 8);
  assert.deepEqual(r.results.filter((x) => x.status !== 'clear').length, 1);
});

test('a GBK vendor file with Chinese headers finds Hikvision by its Chinese name', async () => {
  const path = join(dir, 'erp-export.csv');
  writeFileSync(path, iconv.encode('供应商编码,供应商名称,国家\nS001,杭州海康威视数字技术股份有限公司,中国\nS002,宁波三和文具有限公司,中国\n', 'gbk'));
  const r = await screenAgainst(testWorld(), [], path, { asOf: '2024-06-01' });
  assert.equal(r.certificate.input?.encoding, 'gb18030');
  assert.deepEqual(r.columns, { id: '供应商编码', name: '供应商名称', country: '国家' });
  assert.deepEqual(
    r.results.map((x) => x.status),
    ['hit', 'clear'],
  );
  assert.equal(r.results[0].match?.id, 'hik');
  assert.deepEqual(r.results[0].lists, ['CMIC', 'EL', 'NDAA889']);
});

test('Lorex is a hit as of 2021-06-01 through Dahua and clear as of 2024-06-01 after the sale', async () => {
  const then = await screenAgainst(testWorld(), [], fixture('vendors.jsonl'), { asOf: '2021-06-01' });
  const lorex = byName(then.results, 'Lorex Technology Inc.');
  assert.equal(lorex.status, 'hit');
  assert.match(lorex.paths[0].text, /^Lorex Technology Inc\. → subsidiary of Zhejiang Dahua Technology Co\., Ltd\. → NDAA FY2019 Section 889 since 2019-08-13/);
  const now = await screenAgainst(testWorld(), [], fixture('vendors.jsonl'), { asOf: '2024-06-01' });
  const later = byName(now.results, 'Lorex Technology Inc.');
  assert.equal(later.status, 'clear');
  assert.match(later.note!, /not listed on 2024-06-01/);
  assert.equal(now.skipped[0].row, 3);
  assert.equal(now.skipped[0].reason, 'invalid JSON');
});

test('JSON input: a brand column reaches the maker (HiLook → Hikvision) and a subsidiary name reaches its parent', async () => {
  const r = await screenAgainst(testWorld(), [], fixture('vendors.json'), { asOf: '2024-06-01' });
  const hilook = byName(r.results, 'HiLook distributor');
  assert.equal(hilook.status, 'hit');
  assert.equal(hilook.match?.via, 'brand');
  assert.equal(hilook.paths[0].rule, 'brand');
  const ezviz = byName(r.results, 'Ezviz');
  assert.equal(ezviz.status, 'hit');
  assert.deepEqual(
    ezviz.paths[0].steps.map((s) => s.id),
    ['ezviz', 'hik'],
  );
  assert.equal(byName(r.results, 'Pinewood Catering GmbH').status, 'clear');
  assert.equal(r.summary.skipped, 1);
});

test('holdings: identifier first, exposure shares add up to 100 %, look-through multiplies the weights', async () => {
  const r = await screenAgainst(testWorld(), [], fixture('holdings.csv'), { asOf: '2024-06-01', index: fixture('index.csv') });
  assert.equal(r.kind, 'holdings');
  const hik = r.results.find((x) => x.input.isin === 'CNE100000PM8')!;
  assert.equal(hik.match?.via, 'identifier');
  assert.equal(hik.status, 'hit');
  const cmic = hik.listings.find((l) => l.list === 'CMIC')!;
  assert.equal(cmic.since, '2021-06-03');
  assert.equal(r.skipped[0].reason, 'malformed ISIN "XX1234"');
  const e = r.summary.exposure!;
  assert.equal(e.basis, 'weight');
  assert.ok(Math.abs(e.byStatus.hit + e.byStatus.review + e.byStatus.clear - 1) < 1e-9);
  // Weights in percent: Hikvision 10 of the 100 points of the screened rows.
  assert.equal(e.byList.CMIC, 0.1);
  const fund = r.results.find((x) => x.input.isin === 'US4642872349')!;
  assert.equal(fund.status, 'hit');
  assert.equal(fund.lookThrough![0].constituentWeight, 0.005);
  assert.equal(fund.lookThrough![0].exposure, 0.3 * 0.005);
});

test('user relations add ownership for the run: 30 % + 25 % by blocked owners makes Red Harbor blocked', async () => {
  const path = join(dir, 'red.csv');
  writeFileSync(path, 'Name\nRed Harbor Shipping LLC\n');
  const before = await screenAgainst(testWorld(), [], path, { asOf: '2024-06-01' });
  assert.equal(before.results[0].status, 'clear');
  const after = await screenAgainst(testWorld(), [], path, { asOf: '2024-06-01', relations: fixture('relations.csv') });
  assert.equal(after.results[0].status, 'hit');
  const p = after.results[0].paths[0];
  assert.equal(p.rule, 'ofac50');
  assert.equal(p.aggregate, 55);
  assert.ok(after.results[0].paths.some((x) => /shareholder register 2023/.test(x.steps[0].source ?? '')));
  assert.equal(after.certificate.options.relations, 'relations.csv');
});

test('--map overrides detection and a mapping to a missing column is a usage error', async () => {
  const path = join(dir, 'odd.csv');
  writeFileSync(path, 'Counterparty Label,Land\n"Zhejiang Dahua Technology Co., Ltd.",CN\n');
  const r = await screenAgainst(testWorld(), [], path, { map: 'name="Counterparty Label",country=Land' });
  assert.deepEqual(r.columns, { name: 'Counterparty Label', country: 'Land' });
  assert.equal(r.results[0].status, 'hit');
  await assert.rejects(
    screenAgainst(testWorld(), [], path, { map: 'name=Vendor' }),
    (e: unknown) => e instanceof SightlineError && e.code === 'USAGE' && /no such column/.test(e.message),
  );
});

test('thresholds: a bad --as-of and a review threshold above the hit threshold are refused', async () => {
  const path = fixture('vendors.jsonl');
  await assert.rejects(screenAgainst(testWorld(), [], path, { asOf: '2024-13-01' }), /--as-of/);
  await assert.rejects(screenAgainst(testWorld(), [], path, { hitThreshold: 0.8, reviewThreshold: 0.9 }), /above the hit threshold/);
});
