import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/entity.ts';
import { createWorld } from '../graph/world.ts';
import { attribute } from './attribute.ts';
import { makerInfo } from './rules.ts';
import type { Evidence, EvidenceField } from './types.ts';

const company = (id: string, ...names: string[]): Entity => ({ id, schema: 'Company', properties: { name: [names[0]], alias: names.slice(1) } });
const sanction = (entity: string, code: string, date: string, summary?: string): Entity => ({
  id: `${entity}-${code}`,
  schema: 'Sanction',
  properties: { entity: [entity], programId: [code], startDate: [date], ...(summary ? { summary: [summary] } : {}) },
});
const link = (maker: string, brand: string, role: string, dates: { start?: string; end?: string } = {}, confidence?: number): Entity => ({
  id: `${maker}-${role}-${brand}`,
  schema: 'UnknownLink',
  properties: {
    subject: [maker],
    object: [brand],
    role: [role],
    ...(dates.start ? { startDate: [dates.start] } : {}),
    ...(dates.end ? { endDate: [dates.end] } : {}),
  },
  confidence,
});

/** A tiny world: two listed makers and a few brands, as the knowledge pack states them. */
function tinyEntities(): Entity[] {
  return [
    company('pack-hikvision', 'Hangzhou Hikvision Digital Technology Co., Ltd.', 'Hikvision'),
    sanction('pack-hikvision', 'EL', '2019-10-09', '84 FR 54002'),
    sanction('pack-hikvision', 'FCC', '2021-03-12'),
    sanction('pack-hikvision', 'NDAA889', '2019-08-13'),
    company('pack-dahua', 'Zhejiang Dahua Technology Co., Ltd.', 'Dahua'),
    sanction('pack-dahua', 'FCC', '2021-03-12'),
    sanction('pack-dahua', 'NDAA889', '2019-08-13'),
    company('pack-ezviz', 'Ezviz'),
    company('pack-amcrest', 'Amcrest'),
    company('pack-lorex', 'Lorex Technology Inc.', 'Lorex'),
    company('pack-axis', 'Axis Communications AB', 'Axis'),
    link('pack-hikvision', 'pack-ezviz', 'subsidiary'),
    link('pack-dahua', 'pack-amcrest', 'oem', {}, 0.9),
    link('pack-dahua', 'pack-lorex', 'subsidiary', { start: '2018', end: '2022-11-24' }),
  ];
}
const tinyWorld = () => createWorld(tinyEntities());

const ev = (...items: [EvidenceField, string][]): Evidence => ({ items: items.map(([field, value]) => ({ field, value, source: 'test' })) });

test('a Hikvision model with a vendor banner is covered, with NDAA §889 and FCC dates from the world', () => {
  const a = attribute(ev(['model', 'DS-2CD2143G2-I'], ['http-server', 'App-webs/']), tinyWorld(), { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.model, 'DS-2CD2143G2-I');
  assert.equal(a.verdict, 'covered');
  assert.deepEqual(
    a.coverage.map((c) => [c.rule, c.since]),
    [
      ['NDAA889', '2019-08-13'],
      ['FCC', '2021-03-12'],
      ['EL', '2019-10-09'],
    ],
  );
  assert.equal(a.coverage.find((c) => c.rule === 'EL')?.citation, '84 FR 54002');
  assert.equal(a.coverage[0].makerEntityId, 'pack-hikvision');
  assert.ok(a.confidence > 0.95);
});

test('an Amcrest unit is attributed to the Dahua platform with the Amcrest brand kept and the path shown', () => {
  const a = attribute(ev(['manufacturer', 'Amcrest'], ['model', 'IP2M-841']), tinyWorld(), { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.brand, 'Amcrest');
  assert.equal(a.verdict, 'covered');
  assert.equal(a.path[0], 'Amcrest IP2M-841');
  assert.match(a.path[1], /^Dahua platform \(oem, confidence 0\.9\)$/);
  assert.ok(a.path.includes('NDAA §889 since 2019-08-13'));
  assert.ok(a.path.includes('FCC Covered List since 2021-03-12'));
});

// Judged as of the screening date like everything else: in 2025 the 2018–2022 subsidiary link no longer
// names the maker, so the verdict rests on the Dahua model fingerprint, and a note keeps the history.
test('a Lorex unit is Dahua-made by its model; the ended subsidiary link is noted, not counted', () => {
  const a = attribute(ev(['manufacturer', 'Lorex'], ['model', 'LNB2153B']), tinyWorld(), { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.brand, 'Lorex');
  assert.equal(a.verdict, 'covered');
  assert.equal(a.path[1], 'Dahua platform');
  assert.ok(a.notes?.some((n) => /Lorex was linked to Dahua 2018–2022-11-24 \(subsidiary\), not on 2025-01-01/.test(n)));
  const then = attribute(ev(['manufacturer', 'Lorex'], ['model', 'LNB2153B']), tinyWorld(), { asOf: '2021-06-01' });
  assert.match(then.path[1], /subsidiary 2018–2022-11-24/);
  assert.ok(!then.notes?.some((n) => /was linked to/.test(n)));
});

test('an ended brand link does not count: a Lorex label alone is Dahua in 2021, not in 2025, with or without a world', () => {
  for (const w of [tinyWorld(), undefined]) {
    const then = attribute(ev(['manufacturer', 'Lorex']), w, { asOf: '2021-06-01' });
    assert.equal(then.manufacturer, 'Dahua');
    assert.equal(then.verdict, 'likely covered');
    const now = attribute(ev(['manufacturer', 'Lorex']), w, { asOf: '2025-01-01' });
    assert.equal(now.manufacturer, null);
    assert.equal(now.verdict, 'not identified', 'a label alone names no maker in 2025: unknown, not clear');
    assert.ok(
      now.notes?.some((n) => /Lorex was linked to Dahua 2018–2022-11-24 .*confirm the model/.test(n)),
      JSON.stringify(now.notes),
    );
  }
});

test("a 10 % stake does not make a brand the maker's, a brand link does", () => {
  const stake: Entity = { id: 'own-hik-hiwatch', schema: 'Ownership', properties: { owner: ['pack-hikvision'], asset: ['pack-hiwatch'], percentage: ['10'] } };
  const minority = createWorld([...tinyEntities(), company('pack-hiwatch', 'HiWatch'), stake]);
  const a = attribute(ev(['manufacturer', 'HiWatch']), minority, { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, null);
  assert.equal(a.verdict, 'not identified');
  const branded = createWorld([...tinyEntities(), company('pack-hiwatch', 'HiWatch'), stake, link('pack-hikvision', 'pack-hiwatch', 'brand')]);
  const b = attribute(ev(['manufacturer', 'HiWatch']), branded, { asOf: '2025-01-01' });
  assert.equal(b.manufacturer, 'Hikvision');
  assert.equal(b.verdict, 'likely covered');
});

test('makers are matched as whole names: Aztec and Aztech Systems are not ZTE', () => {
  assert.equal(makerInfo('Aztec'), undefined);
  assert.equal(makerInfo('Aztech Systems'), undefined);
  assert.equal(makerInfo('ZTE Corporation')?.name, 'ZTE');
  assert.equal(makerInfo('中兴通讯')?.name, 'ZTE');
  // A listed maker reached through the World is named by its own name, never by a maker name inside it.
  const world = createWorld([
    ...tinyEntities(),
    company('aztech', 'Aztech Systems Ltd.'),
    sanction('aztech', 'EL', '2020-01-01'),
    company('pack-imou', 'Imou'),
    link('aztech', 'pack-imou', 'brand'),
  ]);
  const a = attribute(ev(['manufacturer', 'Imou']), world, { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Aztech Systems Ltd.');
  assert.equal(a.verdict, 'listed maker', 'on the Entity List, not §889-covered');
  assert.deepEqual(
    a.coverage.map((c) => c.rule),
    ['EL'],
  );
});

test('a brand name alone is resolved through the world and gives only "likely covered"', () => {
  const a = attribute(ev(['manufacturer', 'Ezviz']), tinyWorld(), { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.brand, 'Ezviz');
  assert.equal(a.verdict, 'likely covered');
});

test('an OUI alone gives "likely covered", never "covered"', () => {
  const a = attribute(ev(['mac', '04:EE:CD:3A:12:7F']), tinyWorld(), { asOf: '2025-01-01' });
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.verdict, 'likely covered');
  assert.ok(a.confidence < 0.8);
});

test('listings not yet in force on asOf are not counted', () => {
  const a = attribute(ev(['model', 'DS-2CD2143G2-I']), tinyWorld(), { asOf: '2019-01-01' });
  assert.equal(a.verdict, 'not covered');
  assert.deepEqual(a.coverage, []);
});

test('Axis, Bosch, Hanwha, Uniview, Reolink and Xiongmai devices and ordinary PCs/printers are never covered', () => {
  const world = tinyWorld();
  const cases: Evidence[] = [
    ev(['mac', 'AC:CC:8E:A1:22:3B'], ['service-product', 'AXIS P3245-LV Network Camera rtspd'], ['manufacturer', 'AXIS']),
    ev(['manufacturer', 'Bosch Security Systems'], ['model', 'NDE-3502-AL']),
    ev(['manufacturer', 'Hanwha Vision'], ['model', 'XNV-6080R']),
    ev(['mac', '88:26:3F:44:55:66'], ['manufacturer', 'Uniview'], ['model', 'IPC2122SR3-PF40']),
    ev(['mac', 'EC:71:DB:01:02:03'], ['model', 'RLC-810A']),
    ev(['http-server', 'uc-httpd 1.0.0'], ['model', 'IPG-50HV20PET-S']),
    ev(['mac', '3C:2A:F4:7E:90:11'], ['http-title', 'Brother HL-L2350DW series'], ['service-product', 'Debut embedded httpd 1.30']),
    ev(['mac', '10:51:07:C4:19:E8'], ['service-product', 'Microsoft Windows RPC']),
    ev(['mac', '40:2C:76:10:00:01']), // Shanghai Dahua Scale Factory
    ev(['mac', '10:68:38:00:00:01']), // AzureWave Wi-Fi module
  ];
  for (const e of cases) {
    for (const w of [world, undefined]) {
      const a = attribute(e, w, { asOf: '2025-01-01' });
      // Uniview is on the Entity List (since 2024-12-11) but not named in §889: made by a listed company.
      const label = JSON.stringify(e.items.map((i) => i.value));
      if (a.manufacturer === 'Uniview') assert.equal(a.verdict, 'listed maker', label);
      else assert.ok(a.verdict === 'not covered' || (a.verdict === 'not identified' && !a.manufacturer), `${label}: ${a.verdict}`);
      assert.ok(!['Hikvision', 'Dahua', 'Huawei', 'ZTE', 'Hytera'].includes(a.manufacturer ?? ''), a.manufacturer ?? '');
    }
  }
});

test('without a world the built-in §889 table still gives the verdict and the listing dates', () => {
  const a = attribute(ev(['model', 'IPC-HFW2431S-S-S2'], ['rtsp-server', 'Dahua Rtsp Server']), undefined, { asOf: '2025-01-01' });
  assert.equal(a.verdict, 'covered');
  assert.deepEqual(
    a.coverage.map((c) => c.rule),
    ['NDAA889', 'FCC', 'EL'],
  );
  const huawei = attribute(ev(['snmp-oid', '1.3.6.1.4.1.2011.2.23.1'], ['model', 'S5720-28X-SI-AC']));
  assert.equal(huawei.manufacturer, 'Huawei');
  assert.equal(huawei.verdict, 'covered');
  assert.ok(huawei.notes?.some((n) => /telecommunications equipment produced by Huawei/.test(n)));
});

test('no evidence gives an honest empty answer', () => {
  const a = attribute({ items: [] });
  assert.equal(a.manufacturer, null);
  assert.equal(a.verdict, 'not identified');
  assert.equal(a.confidence, 0);
});
