import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, fixtureWorld } from '../../test/helpers/server.ts';
import { sourceSpecs } from '../lists/update.ts';
import { defaultUpdateSources } from './list-updates.ts';
import type { UpdateOneSource } from './list-updates.ts';

test('the default update covers every non-optional list source', () => {
  const sources = defaultUpdateSources();
  assert.deepEqual(sources, ['csl', 'ofac-sdn', 'ofac-cons']);
  for (const s of sourceSpecs()) if (s.optional || s.template) assert.ok(!sources.includes(s.name), s.name);
});

test('updating lists from the UI updates each default source, reports a status per source, and one failure does not stop the others', async () => {
  const calls: string[] = [];
  let reloads = 0;
  const updateLists: UpdateOneSource = async (source, onProgress) => {
    calls.push(source);
    onProgress(`GET https://example.test/${source}`);
    if (source === 'ofac-sdn') throw new Error('download of SDN.CSV failed: HTTP 503');
    return source === 'csl' ? { status: 'imported', versionId: 7, entities: 1234 } : { status: 'not-modified' };
  };
  const { app, close } = await testApp({ updateLists, reloadWorld: async () => (reloads++, { world: fixtureWorld(), versions: [] }) });
  try {
    const lists = (await app.inject({ url: '/lists' })).json();
    assert.equal(lists.canUpdate, true);
    assert.deepEqual(lists.updateSources, ['csl', 'ofac-sdn', 'ofac-cons']);

    const res = await app.inject({ method: 'POST', url: '/lists/update', payload: {} });
    assert.equal(res.statusCode, 202, res.body);
    await app.sightline.jobs.idle();
    const job = (await app.inject({ url: `/jobs/${res.json().id}` })).json();
    assert.equal(job.status, 'done');
    assert.match(job.progress.message, /2 of 3 sources updated; failed: ofac-sdn/);
    assert.deepEqual(calls, ['csl', 'ofac-sdn', 'ofac-cons']);
    assert.equal(reloads, 1, 'the lists are reloaded once, after all sources');
    const r = (await app.inject({ url: `/jobs/${job.id}/results` })).json();
    assert.deepEqual(r.extra.sources, [
      { source: 'csl', status: 'imported', versionId: 7, entities: 1234 },
      { source: 'ofac-sdn', status: 'failed', error: 'download of SDN.CSV failed: HTTP 503' },
      { source: 'ofac-cons', status: 'not-modified' },
    ]);
    assert.deepEqual(r.notes, [
      'csl: imported version 7 (1234 entities)',
      'ofac-sdn: failed — download of SDN.CSV failed: HTTP 503',
      'ofac-cons: not modified since the last download',
    ]);
    const audit = (await app.inject({ url: '/audit' })).json();
    assert.deepEqual(audit.entries.at(-1).detail.options, { sources: ['csl', 'ofac-sdn', 'ofac-cons'] });
  } finally {
    await close();
  }
});

test('a lists update where every source fails is a failed job naming each failure; unknown sources are refused', async () => {
  const updateLists: UpdateOneSource = async (source) => {
    throw new Error(`${source} unreachable`);
  };
  const { app, close } = await testApp({ updateLists });
  try {
    assert.equal((await app.inject({ method: 'POST', url: '/lists/update', payload: { sources: ['nope'] } })).statusCode, 400);
    const res = await app.inject({ method: 'POST', url: '/lists/update', payload: { sources: ['ofac-cons', 'csl'] } });
    await app.sightline.jobs.idle();
    const job = (await app.inject({ url: `/jobs/${res.json().id}` })).json();
    assert.equal(job.status, 'failed');
    assert.match(job.error, /ofac-cons: ofac-cons unreachable; csl: csl unreachable/);
  } finally {
    await close();
  }
});

test('without an updater the update is refused with 501', async () => {
  const { app, close } = await testApp();
  try {
    assert.equal((await app.inject({ method: 'POST', url: '/lists/update', payload: {} })).statusCode, 501);
    assert.deepEqual((await app.inject({ url: '/lists' })).json().updateSources, []);
  } finally {
    await close();
  }
});
