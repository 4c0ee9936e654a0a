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
  for (const f of ['dhs_uflpa.json', 'cbp_wro.json']) {
    const r = await run('lists', 'import', `test/fixtures/lists/${f}`);
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
