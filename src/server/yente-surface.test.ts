import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../graph/world.ts';
import type { Entity } from '../model/entity.ts';
import { fixtureWorld, packApp, testApp } from '../../test/helpers/server.ts';

const match = (name: string) => ({ queries: { q: { schema: 'Company', properties: { name: [name] } } } });
type Result = { id: string; datasets: string[]; properties: Record<string, unknown[]> };

/** The fixture world plus a CSL-only party named like a pack one: the dataset filters must tell them apart. */
function mixedWorld() {
  const extra: Entity[] = [
    { id: 'csl-hik-trading', schema: 'Company', properties: { name: ['Hikvision Trading Company'] }, origin: { source: 'csl' } },
    {
      id: 'csl-hik-trading-el',
      schema: 'Sanction',
      properties: { entity: ['csl-hik-trading'], programId: ['EL'], listingDate: ['2020-01-01'] },
      origin: { source: 'csl' },
    },
  ];
  return createWorld([...fixtureWorld().all(), ...extra]);
}

test('include_dataset and exclude_dataset filter /match and /search candidates inside retrieval', async () => {
  const { app, close } = await testApp({ world: mixedWorld() });
  try {
    const ids = async (url: string) => {
      const body = (await app.inject({ method: 'POST', url, payload: match('Hikvision') })).json();
      return body.responses.q.results.map((r: Result) => r.id).sort();
    };
    assert.deepEqual(await ids('/match/default?cutoff=0.3'), ['csl-hik-trading', 'pack-hikvision']);
    assert.deepEqual(await ids('/match/default?cutoff=0.3&include_dataset=pack'), ['pack-hikvision']);
    assert.deepEqual(await ids('/match/default?cutoff=0.3&exclude_dataset=pack'), ['csl-hik-trading']);
    // limit 1: the filter runs before the limit, so the one result is the CSL party even though the pack's scores higher
    assert.deepEqual(await ids('/match/default?cutoff=0.3&limit=1&include_dataset=csl'), ['csl-hik-trading']);
    const unknown = await app.inject({ method: 'POST', url: '/match/default?include_dataset=nope', payload: match('Hikvision') });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().detail, /unknown dataset "nope"; see \/catalog/);
    const search = (await app.inject({ url: '/search/default?q=Hikvision&include_dataset=csl' })).json();
    assert.deepEqual(
      search.results.map((r: Result) => r.id),
      ['csl-hik-trading'],
    );
  } finally {
    await close();
  }
});

test('include_dataset=pack returns only knowledge-pack entities; topics=debarment only debarment-listed ones', async () => {
  const { app, close } = await packApp();
  try {
    const results = async (query: string) =>
      (await app.inject({ method: 'POST', url: `/match/default?limit=20&cutoff=0.5&${query}`, payload: match('Hikvision') })).json().responses.q
        .results as Result[];
    const pack = await results('include_dataset=pack');
    assert.ok(pack.length > 1 && pack.every((r) => r.datasets.includes('pack')));
    const all = await results('');
    assert.ok(
      all.some((r) => r.id === 'pack-hikvision-europe'),
      'an unlisted subsidiary matches without a topic filter',
    );
    const debarred = await results('topics=debarment');
    assert.deepEqual(
      debarred.map((r) => r.id),
      ['pack-hikvision'],
    );
    assert.ok(debarred[0].properties.topics.includes('debarment'), 'NDAA §889');
    const either = await results('topics=debarment&topics=export.control');
    assert.ok(either.length >= debarred.length && either.every((r) => r.properties.topics?.some((t) => t === 'debarment' || t === 'export.control')));
    assert.deepEqual(await results('topics=crime.war'), [], 'a topic no list carries matches nothing');
  } finally {
    await close();
  }
});

test('/entities/{id}/adjacent lists Hikvision’s owners and subsidiaries as relation entities, paged', async () => {
  const { app, close } = await packApp();
  try {
    const res = await app.inject({ url: '/entities/pack-hikvision/adjacent?limit=2' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.entity.id, 'pack-hikvision');
    const owners = body.adjacent.ownershipAsset;
    assert.equal(owners.total.value, 3);
    assert.equal(owners.results.length, 2);
    assert.deepEqual([owners.limit, owners.offset], [2, 0]);
    const cetc = (await app.inject({ url: '/entities/pack-hikvision/adjacent/ownershipAsset?limit=10' }))
      .json()
      .results.find((r: Result) => r.properties.percentage);
    assert.equal(cetc.schema, 'Ownership');
    assert.deepEqual(cetc.properties.asset, ['pack-hikvision']);
    assert.equal(cetc.properties.owner[0].id, 'pack-cetc');
    assert.deepEqual(cetc.properties.percentage, ['42']);
    const links = body.adjacent.unknownLinkSubject;
    assert.ok(links.total.value >= 6, 'subsidiaries, joint venture and brands');
    const page2 = (await app.inject({ url: '/entities/pack-hikvision/adjacent/unknownLinkSubject?limit=2&offset=2' })).json();
    assert.equal(page2.offset, 2);
    assert.equal(page2.results.length, 2);
    assert.notDeepEqual(
      page2.results.map((r: Result) => r.id),
      links.results.map((r: Result) => r.id),
    );
    const all = (await app.inject({ url: '/entities/pack-hikvision/adjacent/unknownLinkSubject?limit=100' })).json().results;
    const subsidiaries = all
      .filter((r: Result) => r.properties.role[0] === 'subsidiary')
      .map((r: { properties: { object: { id: string }[] } }) => r.properties.object[0].id);
    for (const id of ['pack-ezviz', 'pack-hikvision-usa', 'pack-hikmicro']) assert.ok(subsidiaries.includes(id), id);
    assert.equal((await app.inject({ url: '/entities/nobody/adjacent' })).statusCode, 404);
  } finally {
    await close();
  }
});

test('/catalog lists each dataset with its current version, update time, entity count and topics', async () => {
  const { app, versions, close } = await packApp();
  try {
    const { datasets } = (await app.inject({ url: '/catalog' })).json();
    const pack = datasets.find((d: { name: string }) => d.name === 'pack');
    assert.equal(pack.type, 'source');
    assert.equal(pack.version, String(versions[0].id));
    assert.equal(pack.updated_at, versions[0].createdAt);
    assert.ok(pack.entity_count > 100);
    const el = datasets.find((d: { name: string }) => d.name === 'EL');
    assert.deepEqual([el.type, el.title, el.topics, el.version], ['list', 'BIS Entity List', ['export.control'], String(versions[0].id)]);
    assert.deepEqual(datasets.find((d: { name: string }) => d.name === 'NDAA889').topics, ['debarment']);
  } finally {
    await close();
  }
});
