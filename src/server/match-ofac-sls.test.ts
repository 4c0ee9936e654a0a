import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../test/helpers/server.ts';

const query = (name: string) => ({ queries: { q: { schema: 'Company', properties: { name: [name] } } } });

test('/match?algorithm=ofac-sls answers with the Sanctions List Search score and the slider (80) as threshold', async () => {
  const { app, close } = await testApp();
  try {
    const res = await app.inject({ method: 'POST', url: '/match/default?algorithm=ofac-sls', payload: query('Dahua Technology') });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.matcher, { name: 'ofac-sls', requested: 'ofac-sls', threshold: 0.8 });
    const [top] = body.responses.q.results;
    assert.equal(top.id, 'pack-dahua');
    assert.equal(top.score, 1, 'every entered part is a part of the list name');
    assert.match(top.explanations['ofac-sls'].detail, /name parts 100/);
    // the default matcher scores the same query differently: the two are separate algorithms
    const dflt = (await app.inject({ method: 'POST', url: '/match/default', payload: query('Dahua Technology') })).json();
    assert.ok(!('ofac-sls' in dflt.responses.q.results[0].explanations));
    // the prefilter: no part of "Hikvision" starts like a part of the Dahua name, so nothing else is shown
    const hik = (await app.inject({ method: 'POST', url: '/match/default?algorithm=ofac-sls', payload: query('Hikvision') })).json();
    assert.deepEqual(
      hik.responses.q.results.map((r: { id: string }) => r.id),
      ['pack-hikvision'],
    );
    const weights = await app.inject({
      method: 'POST',
      url: '/match/default?algorithm=ofac-sls',
      payload: { ...query('Hikvision'), weights: { name_match: 1 } },
    });
    assert.equal(weights.statusCode, 400);
    const algos = (await app.inject({ url: '/algorithms' })).json();
    assert.deepEqual(
      algos.algorithms.map((a: { name: string }) => a.name),
      ['sightline-v1', 'ofac-sls'],
    );
  } finally {
    await close();
  }
});
