import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../store/index.ts';
import { createWorld } from '../graph/world.ts';
import type { Entity } from '../model/entity.ts';
import { buildApp } from './app.ts';

const company = (id: string, name: string): Entity => ({
  id,
  schema: 'Company',
  origin: { source: 'testlist' },
  properties: { name: [name], country: ['cn'] },
});
const listing = (party: string, date: string): Entity => ({
  id: `${party}-el`,
  schema: 'Sanction',
  origin: { source: 'testlist' },
  properties: { entity: [party], programId: ['EL'], listingDate: [date] },
});

// Version A: Alpha, Beta, Gamma listed. Version B: Alpha as it was, Beta's listing date changed, Gamma gone, Delta new.
const versionA = [
  company('x-alpha', 'Alpha Vision Ltd'),
  listing('x-alpha', '2020-01-01'),
  company('x-beta', 'Beta Optics Ltd'),
  listing('x-beta', '2020-01-01'),
  company('x-gamma', 'Gamma Sensing Ltd'),
  listing('x-gamma', '2020-01-01'),
];
const versionB = [
  company('x-alpha', 'Alpha Vision Ltd'),
  listing('x-alpha', '2020-01-01'),
  company('x-beta', 'Beta Optics Ltd'),
  listing('x-beta', '2021-05-05'),
  company('x-delta', 'Delta Imaging Ltd'),
  listing('x-delta', '2026-01-01'),
];

test('/match?changed_since returns only candidates whose record or listing changed since, dated by list versions', async () => {
  const store = await openStore(':memory:');
  const load = async () => {
    const { versions, entities } = await store.currentEntities();
    return { world: createWorld(entities), versions };
  };
  await store.importVersion({ source: 'testlist', format: 'test', fileNames: ['a.json'], sha256: 'a'.repeat(64) }, versionA);
  await new Promise((r) => setTimeout(r, 20));
  const between = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  await store.importVersion({ source: 'testlist', format: 'test', fileNames: ['b.json'], sha256: 'b'.repeat(64) }, versionB);
  const app = await buildApp({ store, ...(await load()), reloadWorld: load, rateLimit: false });
  try {
    const names = { alpha: 'Alpha Vision Ltd', beta: 'Beta Optics Ltd', delta: 'Delta Imaging Ltd', gamma: 'Gamma Sensing Ltd' };
    const found = async (since?: string) => {
      const queries = Object.fromEntries(Object.entries(names).map(([k, name]) => [k, { schema: 'Company', properties: { name: [name] } }]));
      const res = await app.inject({
        method: 'POST',
        url: `/match/default${since ? `?changed_since=${encodeURIComponent(since)}` : ''}`,
        payload: { queries },
      });
      assert.equal(res.statusCode, 200, res.body);
      const responses = res.json().responses as Record<string, { results: { id: string; match: boolean }[] }>;
      return Object.entries(responses)
        .filter(([, r]) => r.results.some((x) => x.match))
        .map(([k]) => k)
        .sort();
    };
    assert.deepEqual(await found(), ['alpha', 'beta', 'delta'], 'without the filter: everything current');
    assert.deepEqual(await found(between), ['beta', 'delta'], 'Beta (listing changed) and Delta (added) changed after version A; Alpha did not');
    assert.deepEqual(await found('2000-01-01'), ['alpha', 'beta', 'delta'], 'a date before every version keeps all');
    assert.deepEqual(await found(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)), [], 'a date after every version keeps none');
    const bad = await app.inject({ method: 'POST', url: '/match/default?changed_since=yesterday', payload: { queries: {} } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().detail, /changed_since must be an ISO date/);
  } finally {
    await app.close();
    await store.close();
  }
});
