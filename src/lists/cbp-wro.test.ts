import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, readList } from './index.ts';
import { parseWroNotes, producerAliases, wroRegion } from './formats/cbp-wro.ts';
import { byId, collect, fixture, tempFile } from '../../test/helpers/lists.ts';
import { resolveSource } from './update.ts';

test('a CBP withhold-release order table is read as its own format, not as a generic list table', async () => {
  assert.equal((await detectFormat([fixture('cbp_wro.json')])).id, 'cbp-wro');
  await assert.rejects(
    detectFormat([fixture('dhs_uflpa.json'), fixture('cbp_wro.json')]),
    /different formats \(dhs_uflpa\.json: list-table, cbp_wro\.json: cbp-wro\); import each list with its own `lists import`/,
    'two lists in one import: each is named with its format, not called unreadable',
  );
});

test('an order keeps its producer, goods, date, kind and status; a Finding after the WRO is a second dated Sanction', async () => {
  const es = await collect(readList([fixture('cbp_wro.json')]));
  const yunnan = es.filter((e) => e.schema !== 'Sanction' && e.properties.name?.[0] === 'Yunnan Machinery');
  assert.equal(yunnan.length, 1, 'one party per producer');
  const orders = es.filter((e) => e.schema === 'Sanction' && e.properties.entity?.[0] === yunnan[0]!.id);
  assert.deepEqual(
    orders.map((o) => [o.properties.program?.[0], o.properties.startDate?.[0], o.properties.reason?.[0], o.properties.status?.[0]]),
    [
      ['WRO', '1991-11-14', 'Diesel Engines', 'Active'],
      ['Finding', '1992-03-18', 'Diesel Engines', 'Active'],
    ],
  );
  assert.deepEqual(orders[0]!.properties.programId, ['WRO']);
});

test('an order on a whole region keeps the region; producers named together become aliases of the order', async () => {
  const es = await collect(readList([fixture('cbp_wro.json')]));
  const xuar = byId(es, 'wro-xinjiang-uyghur-autonomous-region-xuar-wro-2021-01-13');
  assert.ok(xuar.properties.provisions?.includes('Region: Xinjiang Uyghur Autonomous Region'));
  assert.deepEqual(xuar.properties.reason, ['Cotton, Tomatoes and Downstream Products']);
  const pair = es.find((e) => e.schema === 'Company' && e.properties.name?.[0]?.startsWith('Yili Zhuowan'));
  assert.ok(pair?.properties.alias?.includes('Baoding LYSZD Trade and Business Co., Ltd'));
  assert.ok(pair?.properties.alias?.includes('Yili Zhuowan Garment Manufacturing Co., Ltd'));
  const hoshine = es.find((e) => e.properties.name?.[0]?.startsWith('Hoshine'));
  assert.ok(hoshine?.properties.alias?.includes('Hoshine Silicon Industry Co. Ltd.'));
});

test('order notes, regions and joint producers are parsed from the official wording', () => {
  assert.deepEqual(parseWroNotes('WRO; Industry: Base Metals; Merchandise: Galvanized Pipe'), {
    kind: 'WRO',
    industry: 'Base Metals',
    goods: 'Galvanized Pipe',
  });
  assert.equal(parseWroNotes('WRO; Merchandise: Planing Machines').goods, 'Planing Machines');
  assert.equal(wroRegion('All Turkmenistan Cotton or products produced in whole or in part with Turkmenistan cotton.', 'Turkmenistan'), 'Turkmenistan');
  assert.equal(wroRegion('Tobacco produced in Malawi and products containing tobacco produced in Malawi', 'Malawi'), 'Malawi');
  assert.equal(wroRegion('Hero Vast Group', 'China'), undefined);
  assert.deepEqual(producerAliases('Hero Vast Group'), []);
});

test('an order without a producer or with a date that is not one is refused, naming the file and record', async () => {
  const noName = tempFile('cbp_wro.json', '{"list_id": "cbp-wro", "entities": [{"name": "A Co., Ltd.", "notes": "WRO"}, {"name": ""}]}');
  await assert.rejects(
    collect(readList([noName])),
    (e: Error & { location?: { record?: number } }) => /no producer/.test(e.message) && e.location?.record === 2,
  );
  const badDate = tempFile('cbp_wro.json', '{"list_id": "cbp-wro", "entities": [{"name": "A Co., Ltd.", "effective_date": "soon"}]}');
  await assert.rejects(collect(readList([badDate])), /order date "soon" is not a date/);
});

test('lists update reaches UFLPA and the withhold-release orders by name (OpenSanctions exports)', () => {
  assert.match(resolveSource('uflpa').files![0]!, /opensanctions\.org\/datasets\/latest\/us_dhs_uflpa\/entities\.ftm\.json$/);
  assert.equal(resolveSource('wro').format, 'ftm');
});
