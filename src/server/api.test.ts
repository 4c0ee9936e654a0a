import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, fixtureWorld } from '../../test/helpers/server.ts';
import { scorePair } from '../match/index.ts';
import { MATCH_FEATURES } from './schemas.ts';

// The request from yente's documentation (https://www.opensanctions.org/docs/api/matching/), with our parties.
const yenteRequest = {
  queries: {
    q1: { schema: 'Company', properties: { name: ['Hikvision'], country: ['cn'] } },
    q2: { schema: 'Person', properties: { name: ['Arkadiii Romanovich Rotenberg'], birthDate: ['1951'] } },
  },
};

test('a yente /match request gets a yente-shaped response', async () => {
  const { app, close } = await testApp();
  try {
    const res = await app.inject({ method: 'POST', url: '/match/default?limit=3&algorithm=best', payload: yenteRequest });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.limit, 3);
    assert.deepEqual(Object.keys(body.responses).sort(), ['q1', 'q2']);
    const q1 = body.responses.q1;
    assert.equal(q1.status, 200);
    assert.deepEqual(q1.total, { value: q1.results.length, relation: 'eq' });
    assert.equal(q1.query.schema, 'Company');
    assert.deepEqual(q1.query.properties.name, ['Hikvision']);
    const top = q1.results[0];
    assert.equal(top.id, 'pack-hikvision');
    assert.equal(top.caption, 'Hangzhou Hikvision Digital Technology Co., Ltd.');
    assert.equal(top.schema, 'Company');
    assert.equal(top.match, true);
    assert.ok(top.score >= 0.8 && top.score <= 1);
    assert.equal(top.target, true);
    assert.ok(Array.isArray(top.datasets) && top.datasets.includes('pack'));
    assert.ok(Array.isArray(top.referents));
    assert.ok('first_seen' in top && 'last_seen' in top);
    assert.equal(typeof top.features.name_match, 'number');
    assert.ok(top.explanations.name_match.detail);
    assert.deepEqual(top.properties.topics, ['export.control', 'sanction']);
    assert.equal(body.responses.q2.results.length, 0);
  } finally {
    await close();
  }
});

test('match accepts single-string properties and filters by dataset', async () => {
  const { app, close } = await testApp();
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/match/CMIC',
      payload: {
        queries: { a: { schema: 'LegalEntity', properties: { name: 'Dahua Technology' } }, b: { schema: 'Company', properties: { name: 'Hikvision' } } },
      },
    });
    const body = res.json();
    assert.equal(body.responses.a.results.length, 0, 'Dahua is not on the CMIC list');
    assert.equal(body.responses.b.results[0].id, 'pack-hikvision');
    assert.equal((await app.inject({ method: 'POST', url: '/match/nope', payload: yenteRequest })).statusCode, 404);
  } finally {
    await close();
  }
});

test('match refuses unknown schemas, unknown algorithms and malformed bodies with 400', async () => {
  const { app, close } = await testApp();
  try {
    const bad = [
      { url: '/match/default', payload: { queries: { q: { schema: 'Spaceship', properties: { name: ['x'] } } } } },
      { url: '/match/default', payload: { queries: { q: { schema: 'Address', properties: { full: ['x'] } } } } },
      { url: '/match/default?algorithm=magic', payload: yenteRequest },
      { url: '/match/default', payload: { nothing: true } },
      { url: '/match/default?limit=0', payload: yenteRequest },
    ];
    for (const b of bad) {
      const res = await app.inject({ method: 'POST', ...b });
      assert.equal(res.statusCode, 400, `${b.url} ${JSON.stringify(b.payload)}`);
      assert.ok(res.json().detail);
    }
  } finally {
    await close();
  }
});

test('search finds names in any script and entities show relationships, listings and sources', async () => {
  const { app, close } = await testApp();
  try {
    const s = (await app.inject({ url: `/search/default?q=${encodeURIComponent('海康威视')}` })).json();
    assert.equal(s.results[0].id, 'pack-hikvision');
    assert.equal(s.total.relation, 'eq');
    const e = (await app.inject({ url: '/entities/pack-dahua' })).json();
    assert.equal(e.id, 'pack-dahua');
    assert.equal(e.view.listings[0].listCode, 'EL');
    assert.equal(e.view.subsidiaries[0].id, 'pack-lorex');
    assert.ok(e.view.names.some((n: { script: string }) => n.script === 'Han'));
    assert.equal((await app.inject({ url: '/entities/nope' })).statusCode, 404);
    const asOf = (await app.inject({ url: '/entities/pack-dahua?as_of=2024-01-01' })).json();
    assert.equal(asOf.view.subsidiaries.length, 0, 'Dahua owned Lorex until 2022-11-24');
  } finally {
    await close();
  }
});

test('algorithms, catalog, health and readiness answer without a key', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0' });
  try {
    assert.equal((await app.inject({ url: '/algorithms' })).json().default, 'sightline-v1');
    assert.ok((await app.inject({ url: '/catalog' })).json().datasets.some((d: { name: string }) => d.name === 'EL'));
    assert.equal((await app.inject({ url: '/healthz' })).json().status, 'ok');
    const ready = (await app.inject({ url: '/readyz' })).json();
    assert.equal(ready.status, 'ok');
    assert.equal(ready.keysRequired, true);
  } finally {
    await close();
  }
});

test('the OpenAPI document is generated from the route schemas and Swagger UI is served locally under the strict CSP', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0' });
  try {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of [
      '/match/{dataset}',
      '/search/{dataset}',
      '/entities/{id}',
      '/reconcile',
      '/screen',
      '/jobs/{id}',
      '/jobs/{id}/results',
      '/audit',
      '/lists',
      '/decisions',
    ])
      assert.ok(doc.paths[p], p);
    for (const hidden of ['/docs', '/openapi.json', '/examples/*', '/']) assert.equal(doc.paths[hidden], undefined, hidden);
    const match = doc.paths['/match/{dataset}'].post;
    assert.equal(match.parameters.find((x: { name: string }) => x.name === 'dataset').in, 'path');
    assert.ok(match.requestBody.content['application/json'].schema.properties.queries);
    assert.ok(match.responses['200'].content['application/json'].schema.properties.responses, 'response schemas are documented');
    assert.deepEqual(match.security, [{ apiKey: [] }, { bearer: [] }]);
    assert.ok(match.responses['401'] && match.responses['429']);
    assert.match(match.description, /Role: viewer/);
    assert.equal(doc.paths['/healthz'].get.security, undefined, 'public routes need no key');
    assert.ok(doc.paths['/screen'].post.requestBody.content['multipart/form-data'].schema.properties.file);
    assert.ok(doc.paths['/jobs/{id}/results'].get.responses['200'].content['application/json'].schema.properties.rows);
    for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops))
        assert.ok(
          ['200', '201', '202'].some((c) => op.responses[c]),
          `${method} ${path} documents its answer`,
        );
    }
    const docs = await app.inject({ url: '/docs' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger-ui-bundle\.js/);
    for (const tag of docs.body.match(/<script[^>]*>/gi) ?? []) assert.match(tag, /src="\/docs\/static\//, 'no inline script, assets from this server');
    const csp = String(docs.headers['content-security-policy']);
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe/);
    const bundle = await app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    assert.equal(bundle.statusCode, 200);
    assert.match(String(bundle.headers['content-type']), /javascript/);
    assert.deepEqual((await app.inject({ url: '/docs/json' })).json().paths, doc.paths, 'Swagger UI reads the same document');
  } finally {
    await close();
  }
});

test('reconciliation: the manifest and batched queries follow v0.2', async () => {
  const { app, close } = await testApp();
  try {
    const m = (await app.inject({ url: '/reconcile', headers: { host: 'sightline.test' } })).json();
    assert.deepEqual(m.versions, ['0.2']);
    assert.equal(typeof m.name, 'string');
    assert.equal(m.identifierSpace, 'http://sightline.test/entities/');
    assert.ok(m.schemaSpace.startsWith('https://'));
    assert.ok(m.defaultTypes.every((t: { id: string; name: string }) => t.id && t.name));
    assert.match(m.view.url, /\{\{id\}\}/);
    assert.match(m.preview.url, /\{\{id\}\}/);
    assert.ok(m.preview.width && m.preview.height);
    assert.equal(m.suggest.entity.service_path, '/reconcile/suggest/entity');
    const queries = JSON.stringify({
      q0: { query: 'Hikvision', type: 'Company', limit: 3, properties: [{ pid: 'country', v: 'cn' }] },
      q1: { query: 'Northwind Traders' },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/reconcile',
      payload: `queries=${encodeURIComponent(queries)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['q0', 'q1']);
    const top = body.q0.result[0];
    assert.equal(top.id, 'pack-hikvision');
    assert.equal(typeof top.name, 'string');
    assert.ok(top.score > 80 && top.score <= 100);
    assert.equal(top.match, true);
    assert.deepEqual(top.type, [{ id: 'Company', name: 'Company' }]);
    assert.deepEqual(body.q1.result, []);
    const viaGet = (await app.inject({ url: `/reconcile?queries=${encodeURIComponent(queries)}` })).json();
    assert.equal(viaGet.q0.result[0].id, 'pack-hikvision');
    assert.equal((await app.inject({ url: '/reconcile?queries=notjson' })).statusCode, 400);
  } finally {
    await close();
  }
});

test('reconciliation suggest finds names by prefix and the preview is framable HTML', async () => {
  const { app, close } = await testApp();
  try {
    const s = (await app.inject({ url: '/reconcile/suggest/entity?prefix=dah' })).json();
    assert.equal(s.result[0].id, 'pack-dahua');
    const p = await app.inject({ url: '/reconcile/preview?id=pack-hikvision' });
    assert.match(p.headers['content-type'] as string, /text\/html/);
    assert.match(p.body, /Entity List/);
    assert.doesNotMatch(String(p.headers['content-security-policy']), /frame-ancestors/);
  } finally {
    await close();
  }
});

test('lists and their diff answer in the documented shape', async () => {
  const { app, store, close } = await testApp();
  try {
    const parties = fixtureWorld()
      .parties()
      .slice(0, 3)
      .map((e) => ({ id: e.id, schema: e.schema, properties: e.properties }));
    const meta = { source: 'test', format: 'ftm', fileNames: ['test.json'] };
    const v1 = (await store.importVersion({ ...meta, sha256: 'a'.repeat(64) }, parties.slice(0, 2))).version;
    const v2 = (
      await store.importVersion({ ...meta, sha256: 'b'.repeat(64) }, [
        parties[0],
        { ...parties[1], properties: { ...parties[1].properties, name: ['Renamed Ltd'] } },
        parties[2],
      ])
    ).version;
    const lists = (await app.inject({ url: '/lists' })).json();
    const source = lists.sources.find((s: { source: string }) => s.source === 'test');
    assert.deepEqual(
      source.versions.map((v: { id: number }) => v.id),
      [v2.id, v1.id],
    );
    assert.deepEqual(Object.keys(source.versions[0]).sort(), ['counts', 'createdAt', 'entityCount', 'fileNames', 'format', 'id', 'number', 'sha256', 'source']);
    assert.deepEqual(
      source.versions.map((v: { number: number }) => v.number),
      [2, 1],
      'numbered within the source',
    );
    const d = (await app.inject({ url: `/lists/diff?from=${v1.id}&to=${v2.id}` })).json();
    assert.deepEqual(d.counts, { added: 1, removed: 0, changed: 1 });
    assert.equal(d.added[0].id, parties[2].id);
    assert.equal(d.changed[0].id, parties[1].id);
    assert.ok(d.changed[0].properties.includes('name'));
    assert.equal(d.from.id, v1.id);
    assert.equal(d.to.entityCount, 3);
    assert.equal((await app.inject({ url: `/lists/diff?from=${v1.id}` })).statusCode, 400, 'to is required');
  } finally {
    await close();
  }
});

test('the wire schema names every feature the matcher explains (the UI labels each one by that list)', () => {
  const company = (name: string, more: Record<string, string[]> = {}) => ({ schema: 'Company', properties: { name: [name], ...more } });
  const person = (name: string) => ({ schema: 'Person', properties: { name: [name] } });
  const pairs: [{ schema: string; properties: Record<string, string[]> }, { schema: string; properties: Record<string, string[]> }][] = [
    [
      { schema: 'LegalEntity', properties: { name: ['Kassem Trading'] } },
      { schema: 'Person', properties: { name: ['ABU KASSEM'] } },
    ],
    [company('Hikvision', { country: ['cn'] }), company('Hikvision', { country: ['us'] })],
    [company('Acme 1 Ltd'), company('Acme 2 Ltd')],
    [
      { schema: 'Person', properties: { name: ['Ivan Petrov'], birthDate: ['1960-01-01'] } },
      { schema: 'Person', properties: { name: ['Ivan Petrov'], birthDate: ['1971-05-05'] } },
    ],
    [company('Acme Holdings', { ticker: ['ACME'] }), company('Acme Holdings', { ticker: ['ACME'] })],
    [company('Foo Ltd', { leiCode: ['529900T8BM49AURSDO55'] }), company('Bar Inc', { leiCode: ['529900T8BM49AURSDO55'] })],
    [{ schema: 'Person', properties: { name: ['Acme'] } }, company('Acme')],
    // matcher v2's left-over-word and loose-likeness features, and the qualifiers
    [person('Tom Kay'), person('Tom Key')],
    [person('Bo Li'), person('Bo Lu')],
    [person('Omar'), person('Omer')],
    [person('Alfa'), person('Alpha')],
    [company('Cisco Systems'), company('VISCO')],
    [company('Banco Santander, S.A.'), company('Banco Santander Mexico, S.A.')],
    [company('Hefei Naura Microelectronics'), company("Xi'an Naura Microelectronics")],
    [company('International Business Machines Corp'), company('International Business Corporation')],
    [person('KAZEMI, Mohammad Hosein Musa'), person('Mohammad Hosein')],
    [company('Acme Trading LLC'), company('Acme Trading GmbH')],
    [company('MEC'), company('Maple Engineering Consultants')],
    [person('LUKASHENKO, Dmitriy'), person('LUKASHENKA, Dzmitry Aliaksandravich')],
    [company('LEGION'), company('LEGION KOMPLEKT')],
  ];
  const seen = new Set(pairs.flatMap(([q, c]) => Object.keys(scorePair(q, { id: 'c', ...c }).explanation)));
  assert.deepEqual([...seen].sort(), [...MATCH_FEATURES].sort());
});
