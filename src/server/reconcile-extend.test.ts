import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packApp } from '../../test/helpers/server.ts';

type App = Awaited<ReturnType<typeof packApp>>['app'];
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function post(app: App, field: 'queries' | 'extend', value: unknown) {
  const res = await app.inject({ method: 'POST', url: '/reconcile', payload: `${field}=${encodeURIComponent(JSON.stringify(value))}`, headers: form });
  return { status: res.statusCode, body: res.json() };
}

test('the manifest declares data extension, property settings and suggest for entities, types and properties', async () => {
  const { app, close } = await packApp();
  try {
    const m = (await app.inject({ url: '/reconcile', headers: { host: 'sightline.test' } })).json();
    assert.deepEqual(m.extend.propose_properties, { service_url: 'http://sightline.test', service_path: '/reconcile/properties' });
    assert.deepEqual(
      m.extend.property_settings.map((s: { name: string }) => s.name),
      ['threshold', 'as_of', 'limit'],
    );
    for (const s of m.extend.property_settings) for (const k of ['label', 'type', 'help_text']) assert.equal(typeof s[k], 'string');
    assert.equal(m.suggest.type.service_path, '/reconcile/suggest/type');
    assert.equal(m.suggest.property.service_path, '/reconcile/suggest/property');

    const proposed = (await app.inject({ url: '/reconcile/properties?type=Company' })).json();
    assert.equal(proposed.type, 'Company');
    const ids = proposed.properties.map((p: { id: string }) => p.id);
    for (const id of ['lists', 'program', 'since', 'citation', 'isin', 'lei', 'uscc', 'ticker', 'country', 'owners', 'parents', 'brands', 'path', 'url'])
      assert.ok(ids.includes(id), id);
    const person = (await app.inject({ url: '/reconcile/properties?type=Person&limit=3' })).json();
    assert.deepEqual(
      person.properties.map((p: { id: string }) => p.id),
      ['lists', 'program', 'since'],
    );
    assert.equal(person.limit, 3);

    const types = (await app.inject({ url: '/reconcile/suggest/type?prefix=comp' })).json();
    assert.deepEqual(types.result[0], { id: 'Company', name: 'Company', description: 'FollowTheMoney Company' });
    assert.ok(!(await app.inject({ url: '/reconcile/suggest/type?prefix=address' })).json().result.length, 'only party schemata');
    const props = (await app.inject({ url: '/reconcile/suggest/property?prefix=own' })).json();
    assert.deepEqual(
      props.result.map((p: { id: string }) => p.id),
      ['owners'],
    );
  } finally {
    await close();
  }
});

test('extension answers rows × properties with the settings applied; unknown properties and bad settings are 400', async () => {
  const { app, close } = await packApp();
  try {
    const { status, body } = await post(app, 'extend', {
      ids: ['pack-hikvision', 'no-such-id'],
      properties: [{ id: 'owners', settings: { threshold: 40 } }, { id: 'isin' }, { id: 'lists' }, { id: 'program' }],
    });
    assert.equal(status, 200);
    assert.deepEqual(body.meta, [
      { id: 'owners', name: 'Owners' },
      { id: 'isin', name: 'ISIN' },
      { id: 'lists', name: 'Lists' },
      { id: 'program', name: 'List program' },
    ]);
    const hik = body.rows['pack-hikvision'];
    assert.deepEqual(hik.owners.map((v: { str: string }) => v.str).sort(), [
      'China Electronics Technology Group Corporation (42%)',
      'China Electronics Technology Group Corporation 52nd Research Institute (stake not stated)',
      'China Electronics Technology HIK Group Co., Ltd. (stake not stated)',
    ]);
    assert.deepEqual(hik.isin, [{ str: 'CNE100000PM8' }]);
    assert.equal(hik.lists.length, hik.program.length, 'one program per listing, aligned');
    assert.ok(hik.lists.some((v: { str: string }) => /Entity List/.test(v.str)));
    assert.deepEqual(body.rows['no-such-id'], { owners: [], isin: [], lists: [], program: [] });
    const above = (await post(app, 'extend', { ids: ['pack-hikvision'], properties: [{ id: 'owners', settings: { threshold: 50 } }] })).body;
    assert.ok(!above.rows['pack-hikvision'].owners.some((v: { str: string }) => v.str.includes('42%')), 'a stated stake below the threshold is left out');
    assert.equal((await post(app, 'extend', { ids: ['pack-hikvision'], properties: [{ id: 'ceo' }] })).status, 400);
    assert.equal((await post(app, 'extend', { ids: ['pack-hikvision'], properties: [{ id: 'path', settings: { as_of: 'soon' } }] })).status, 400);
    assert.equal((await post(app, 'extend', { ids: 'pack-hikvision', properties: [] })).status, 400);
  } finally {
    await close();
  }
});

test('a 5-row vendor spreadsheet is reconciled, then extended with lists, since and path columns', async () => {
  const { app, close } = await packApp();
  try {
    // 'EZVIZ' as vendor masters write the brand: 'Ezviz Network Co. Ltd.' scores 0.83, too close to 'Hangzhou Ezviz
    // Software Co., Ltd.' (0.78) for an auto-match under matcher v2 (the differing generic words count for little)
    const vendors = ['EZVIZ', 'Hikvision', 'Zhejiang Dahua Tech Co Ltd', 'Hikvision USA Inc', 'Northwind Office Supplies'];
    const queries = Object.fromEntries(vendors.map((name, i) => [`q${i}`, { query: name, type: 'Company' }]));
    const reconciled = (await post(app, 'queries', queries)).body;
    // OpenRefine keeps the candidate marked `match` (auto-match); the analyst decides the others
    const ids = vendors.map((_, i) => reconciled[`q${i}`].result.find((c: { match: boolean }) => c.match)?.id as string | undefined);
    assert.deepEqual(ids, ['pack-ezviz', 'pack-hikvision', 'pack-dahua', 'pack-hikvision-usa', undefined]);
    const matched = ids.filter((id): id is string => Boolean(id));
    const { body } = await post(app, 'extend', { ids: matched, properties: [{ id: 'lists' }, { id: 'since' }, { id: 'path' }] });
    const cell = (id: string, p: string) => body.rows[id][p].map((v: { str: string }) => v.str);
    assert.deepEqual(cell('pack-ezviz', 'lists'), [], 'Ezviz is on no list itself');
    assert.match(
      cell('pack-ezviz', 'path')[0],
      /^Hangzhou EZVIZ Network Co\., Ltd\. → subsidiary of Hangzhou Hikvision Digital Technology Co\., Ltd\. → NDAA889 since 2019-08-13/,
    );
    assert.equal(cell('pack-hikvision', 'lists').length, cell('pack-hikvision', 'since').length);
    assert.ok(cell('pack-hikvision', 'since').includes('2019-10-09'), 'Entity List since 2019-10-09');
    assert.match(cell('pack-hikvision', 'path')[0], /\(listed: .*EL/);
    assert.match(cell('pack-hikvision-usa', 'path')[0], /Hikvision USA Inc\. → subsidiary of Hangzhou Hikvision/);
    assert.match(cell('pack-dahua', 'path')[0], /listed/);
  } finally {
    await close();
  }
});
