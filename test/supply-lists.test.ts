// UFLPA and withhold-release orders as versioned lists, through the CLI: status shows both, entity shows an order's goods and date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from './helpers/cli.ts';

let dir: string;
let db: string;
const run = cliRunner(() => db);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sl-supply-lists-'));
  db = join(dir, 'sightline.db');
  for (const f of ['lists/dhs_uflpa.json', 'lists/cbp_wro.json', 'supply/uflpa.json']) {
    const r = await run('lists', 'import', `test/fixtures/${f}`);
    assert.equal(r.code, 0, r.err);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('lists status shows a version of the UFLPA Entity List and one of the withhold-release orders', async () => {
  const status = JSON.parse((await run('lists', 'status', '--json')).out);
  const wro = status.versions.find((v: { source: string }) => v.source === 'cbp-wro');
  const uflpa = status.versions.find((v: { source: string }) => v.source === 'table:dhs_uflpa');
  assert.equal(wro.format, 'cbp-wro');
  assert.equal(wro.number, 1);
  assert.equal(wro.counts.byList.WRO, 5, 'five orders (Yunnan Machinery has a WRO and a Finding)');
  assert.equal(uflpa.counts.byList.UFLPA, 2);
  const text = (await run('lists', 'status')).out;
  assert.match(text, /cbp-wro/);
  assert.match(text, /dhs_uflpa/);
});

test("entity shows a withhold-release order's goods, region and date", async () => {
  const r = await run('entity', 'Xinjiang Uyghur Autonomous Region (XUAR)');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /CBP Withhold Release Orders and Findings — WRO: since 2021-01-13/);
  assert.match(r.out, /goods: Cotton, Tomatoes and Downstream Products; region: Xinjiang Uyghur Autonomous Region; status: Active/);
  const json = JSON.parse((await run('entity', 'Yunnan Machinery', '--json')).out);
  assert.deepEqual(
    json.listings.map((l: { listCode: string; since: string; goods: string }) => [l.listCode, l.since, l.goods]),
    [['WRO', '1991-11-14', 'Diesel Engines']],
  );
});

test('screen --tiers prints the supply-chain section with the tier-3 path on the tier-1 supplier, and exits 1', async () => {
  const r = await run('screen', 'test/fixtures/supply/suppliers.csv', '--tiers', 'test/fixtures/supply/tiers.csv', '--no-save', '--as-of', '2026-12-01');
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /Supply chain — UFLPA and withhold-release orders through supplier tiers; tiers from tiers\.csv, 4 links/);
  assert.match(
    r.out,
    /row 2, tier 3: Acme Textiles Co\. Ltd\. → buys dyed yarn \(60%\) from Zhejiang Huayu Dyeing Co\. Ltd\. → buys melange yarn \(40%\) from Aksu Huafu Color Spinning Co\., Ltd → DHS UFLPA Entity List since 2024-05-17/,
  );
  const html = await run('screen', 'test/fixtures/supply/suppliers.csv', '--tiers', 'test/fixtures/supply/tiers.csv', '--no-save', '--format', 'html');
  assert.match(html.out, /<h2>Supply chain<\/h2>/);
  assert.match(html.out, /<td class="num">3<\/td><td>list<\/td>|<td class="num">3<\/td><td class="review">list<\/td>/);
});

test('the job result the web UI reads carries the tier path as a hit of the tier-1 row, and the supply table', async () => {
  const { createWorld } = await import('../src/graph/world.ts');
  const { readList } = await import('../src/lists/index.ts');
  const { screenAgainst } = await import('../src/screen/index.ts');
  const { screenJobResult } = await import('../src/server/jobs/screen-result.ts');
  const entities = [];
  for await (const e of readList(['test/fixtures/supply/uflpa.json'])) entities.push(e);
  const report = await screenAgainst(createWorld(entities), [], 'test/fixtures/supply/suppliers.csv', {
    asOf: '2026-12-01',
    tiers: 'test/fixtures/supply/tiers.csv',
  });
  const job = screenJobResult(report, '2026-12-01');
  const acme = job.rows.find((r) => r.input.name === 'Acme Textiles Co. Ltd.')!;
  assert.equal(acme.hits.length, 1);
  assert.equal(acme.hits[0]!.severity, 'hit');
  assert.equal(acme.hits[0]!.via, 'supplier tier 3');
  assert.deepEqual(
    acme.hits[0]!.paths[0]!.steps.map((s) => s.entity),
    ['Acme Textiles Co. Ltd.', 'Zhejiang Huayu Dyeing Co. Ltd.', 'Aksu Huafu Color Spinning Co., Ltd'],
  );
  const aksu = job.rows.find((r) => r.input.name === '阿克苏新丝路纺织有限公司')!;
  assert.equal(aksu.hits[0]!.severity, 'review');
  assert.match(aksu.hits[0]!.note ?? '', /UFLPA rebuttable presumption/);
  assert.equal(aksu.hits[0]!.caption, 'Xinjiang address (阿克苏地区, 阿克苏, 新疆)', 'each word that placed it, once');
  const supply = job.extra?.supply as { rows: { tier: number; path: string }[] };
  assert.ok(supply.rows.some((r) => r.tier === 3 && /Aksu Huafu/.test(r.path)));
});
