import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../graph/world.ts';
import { readList } from '../lists/index.ts';
import type { Entity } from '../model/entity.ts';
import { screenAgainst } from './run-screening.ts';
import type { RowResult } from './types.ts';

const fixture = (p: string) => new URL(`../../test/fixtures/${p}`, import.meta.url).pathname;

async function supplyWorld() {
  const entities: Entity[] = [];
  for await (const e of readList([fixture('supply/uflpa.json'), fixture('lists/cbp_wro.json')])) entities.push(e);
  return createWorld(entities);
}

const row = (rs: RowResult[], name: string) => rs.find((r) => r.input.name === name)!;

test('suppliers with Xinjiang addresses (Chinese, English, XPCC) get an origin finding; look-alikes elsewhere do not', async () => {
  const r = await screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { asOf: '2026-12-01', supply: true });
  const placed = r.results.filter((x) => x.origin).map((x) => x.input.name);
  assert.deepEqual(placed, ['阿克苏新丝路纺织有限公司', 'Korla Golden Pear Tomato Products Co. Ltd.', 'Shihezi Tianyu Cotton Co. Ltd.']);
  const aksu = row(r.results, '阿克苏新丝路纺织有限公司');
  assert.equal(aksu.status, 'review', 'an origin finding is for a reviewer');
  assert.match(aksu.origin!.text, /"阿克苏地区" \(阿克苏地区 Aksu, 652900\) in address/);
  assert.match(aksu.origin!.text, /postal code 843000 in address → UFLPA rebuttable presumption/);
  for (const name of [
    "Shanghai Jing'an Garment Trading Co. Ltd.",
    'Yiwu Hongda Packaging Co. Ltd.',
    '乐山沙湾金属制品有限公司',
    'Hebei Xinhe Knitting Co. Ltd.',
    'Aral Grain Trading LLP',
  ])
    assert.equal(row(r.results, name).status, 'clear', name);
});

test('high-priority sectors are context on the row, not a hit', async () => {
  const r = await screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { asOf: '2026-12-01', supply: true });
  const seafood = row(r.results, 'Qingdao Ocean Seafood Co. Ltd.');
  assert.deepEqual(
    seafood.sectors?.map((s) => [s.id, s.via]),
    [['seafood', 'HS 03']],
  );
  assert.equal(seafood.status, 'clear');
  const leshan = row(r.results, '乐山沙湾金属制品有限公司');
  assert.deepEqual(
    leshan.sectors?.map((s) => s.id),
    ['aluminum'],
  );
  assert.equal(r.supply?.suppliers.find((s) => s.supplier === '乐山沙湾金属制品有限公司')?.exposures.length, 0);
});

test('three tiers: the only listed party, at tier 3, is reported on the tier-1 supplier with the whole path', async () => {
  const r = await screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { asOf: '2026-12-01', tiers: fixture('supply/tiers.csv') });
  const acme = row(r.results, 'Acme Textiles Co. Ltd.');
  assert.equal(acme.status, 'hit');
  assert.ok(acme.lists.includes('UFLPA'));
  const [e, ...more] = acme.supply!;
  assert.equal(more.length, 0);
  assert.equal(e!.tier, 3);
  assert.equal(e!.kind, 'list');
  assert.deepEqual(e!.lists, ['UFLPA']);
  assert.equal(e!.region, 'Xinjiang', 'its name says Aksu and its row says China');
  assert.equal(
    e!.text,
    'Acme Textiles Co. Ltd. → buys dyed yarn (60%) from Zhejiang Huayu Dyeing Co. Ltd. → buys melange yarn (40%) from Aksu Huafu Color Spinning Co., Ltd → DHS UFLPA Entity List since 2024-05-17',
  );
  assert.match(e!.steps[0]!.source ?? '', /tiers\.csv #2; Acme supplier survey 2026-09/);
  const section = r.supply!.suppliers.find((s) => s.supplier === 'Acme Textiles Co. Ltd.')!;
  assert.equal(section.exposures[0]!.tier, 3);
  assert.equal(r.certificate.options.tiers, 'tiers.csv');
  assert.ok(r.certificate.rules.some((x) => x.id === 'uflpa-supply'));
});

test('a supplier placed in Xinjiang by its own address at tier 3 is an origin exposure of the tier-1 supplier', async () => {
  const r = await screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { asOf: '2026-12-01', tiers: fixture('supply/tiers.csv') });
  const yiwu = row(r.results, 'Yiwu Hongda Packaging Co. Ltd.');
  assert.equal(yiwu.status, 'review');
  assert.equal(yiwu.supply?.[0]?.kind, 'origin');
  assert.equal(yiwu.supply?.[0]?.tier, 3);
  assert.match(
    yiwu.supply![0]!.text,
    /^Yiwu Hongda Packaging Co\. Ltd\. → buys PVC film \(80%\) from Changzhou Polymer Film Co\. Ltd\. → buys PVC resin \(50%\) from Tianshan Resin Trading Co\. Ltd\. → placed in Xinjiang by "midong" \(米东区 Midong, 650109\) in address, "urumqi" \(乌鲁木齐 Urumqi, 650100\) in address, postal code 830019 in address → UFLPA rebuttable presumption$/,
  );
});

test('before the tier-3 listing took effect, the listed path is not an exposure, but the Xinjiang origin still is', async () => {
  const r = await screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { asOf: '2024-01-01', tiers: fixture('supply/tiers.csv') });
  const acme = row(r.results, 'Acme Textiles Co. Ltd.');
  assert.equal(acme.status, 'review');
  assert.deepEqual(
    acme.supply?.map((e) => [e.kind, e.tier, e.lists]),
    [['origin', 3, []]],
  );
});

test('a tiers file without buyer or supplier, or with a bad share, is refused naming the file and line', async (t) => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/sl-tiers-`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(`${dir}/t.csv`, 'buyer,supplier,share\nA Co,B Co,40\nB Co,C Co,140%\n');
  await assert.rejects(
    screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { tiers: `${dir}/t.csv` }),
    (e: Error & { location?: { file?: string; line?: number } }) => /share "140%"/.test(e.message) && e.location?.file === 't.csv' && e.location.line === 3,
  );
  writeFileSync(`${dir}/u.csv`, 'from,to\nA,B\n');
  await assert.rejects(
    screenAgainst(await supplyWorld(), [], fixture('supply/suppliers.csv'), { tiers: `${dir}/u.csv` }),
    /tiers file needs columns buyer,supplier/,
  );
});
