import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../test/helpers/server.ts';
import { FEATURES } from '../match/index.ts';
import { MATCH_FEATURES } from './schemas.ts';

const hikvision = (more: Record<string, unknown> = {}) => ({
  queries: { q: { schema: 'Company', properties: { name: ['Hikvision'], country: ['us'] } } },
  ...more,
});

test("/match refuses an unknown algorithm, naming the known ones; yente's own algorithms are not pretended", async () => {
  const { app, close } = await testApp();
  try {
    for (const a of ['nope', 'logic-v2']) {
      const res = await app.inject({ method: 'POST', url: `/match/default?algorithm=${a}`, payload: hikvision() });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().detail, new RegExp(`unknown algorithm "${a}"; known algorithms: sightline-v1, best`));
    }
    const best = await app.inject({ method: 'POST', url: '/match/default?algorithm=best', payload: hikvision() });
    assert.deepEqual(best.json().matcher, { name: 'sightline-v1', requested: 'best', threshold: 0.75 });
  } finally {
    await close();
  }
});

test('/match refuses unknown config keys and weights, naming the known ones', async () => {
  const { app, close } = await testApp();
  try {
    const config = await app.inject({ method: 'POST', url: '/match/default', payload: hikvision({ config: { nm_number_mismatch: 0.5 } }) });
    assert.equal(config.statusCode, 400);
    assert.match(config.json().detail, /unknown config key "nm_number_mismatch"; known keys: candidate_names, stop_early/);
    const weights = await app.inject({ method: 'POST', url: '/match/default', payload: hikvision({ weights: { name_literal_match: 1 } }) });
    assert.equal(weights.statusCode, 400);
    assert.match(weights.json().detail, /unknown feature "name_literal_match" in weights; known features: name_match, name_identical, words_near/);
    const range = await app.inject({ method: 'POST', url: '/match/default', payload: hikvision({ config: { candidate_names: 0 } }) });
    assert.equal(range.statusCode, 400);
    const ok = await app.inject({ method: 'POST', url: '/match/default', payload: hikvision({ config: { candidate_names: 200, stop_early: false } }) });
    assert.equal(ok.json().responses.q.results[0].id, 'pack-hikvision');
  } finally {
    await close();
  }
});

test('/match weights change the score accordingly', async () => {
  const { app, close } = await testApp();
  try {
    const top = async (payload: object) => (await app.inject({ method: 'POST', url: '/match/default?cutoff=0', payload })).json().responses.q.results[0];
    const base = await top(hikvision());
    assert.equal(base.id, 'pack-hikvision');
    const penalty = FEATURES.country_mismatch.coefficient;
    assert.equal(base.explanations.country_mismatch.weight, penalty);
    // a weight moves the log-odds of the score by its difference
    const lo = (p: number) => Math.log(p / (1 - p));
    const doubled = await top(hikvision({ weights: { country_mismatch: 2 * penalty } }));
    assert.ok(Math.abs(lo(base.score) - lo(doubled.score) + penalty) <= 1e-2, `${base.score} ${doubled.score}`);
    assert.equal(doubled.explanations.country_mismatch.weight, 2 * penalty);
    const noName = await top(hikvision({ weights: { name_match: 0 } }));
    assert.ok(noName.score < base.score && noName.score < 0.5, 'without the name only the intercept and the country penalty are left');
  } finally {
    await close();
  }
});

test('/match threshold sets `match`, cutoff drops results below it', async () => {
  const { app, close } = await testApp();
  try {
    // scores about 0.64 (Zhejiang Dahua) and under 0.01 (Hangzhou Hikvision: the left-over words unrelated)
    const payload = { queries: { q: { schema: 'Company', properties: { name: ['Hangzhou Dahua'] } } } };
    type R = { id: string; score: number; match: boolean };
    const results = async (qs: string): Promise<R[]> =>
      (await app.inject({ method: 'POST', url: `/match/default?limit=20&${qs}`, payload })).json().responses.q.results;
    const all = await results('cutoff=0');
    assert.deepEqual(
      all.map((r) => r.id),
      ['pack-dahua', 'pack-hikvision'],
    );
    const dahua = all[0].score;
    assert.ok(dahua > 0.6 && dahua < 0.75 && all[1].score < 0.5, JSON.stringify(all));
    assert.deepEqual(
      (await results('')).map((r) => [r.id, r.match]),
      [['pack-dahua', false]],
      'default: threshold 0.75, cutoff 0.75 × 0.75',
    );
    assert.deepEqual(
      (await results('threshold=0.6')).map((r) => [r.id, r.match]),
      [['pack-dahua', true]],
    );
    assert.deepEqual(
      (await results('threshold=0.001&cutoff=0')).map((r) => r.match),
      [true, true],
    );
    assert.deepEqual(
      (await results('cutoff=0.5')).map((r) => r.id),
      ['pack-dahua'],
    );
    assert.deepEqual(await results(`cutoff=${dahua + 0.01}`), []);
    assert.deepEqual(
      (await results('cutoff=0&exclude_entity_ids=pack-dahua')).map((r) => r.id),
      ['pack-hikvision'],
    );
  } finally {
    await close();
  }
});

test('/algorithms documents the features with their default weights and the config; the OpenAPI document shows the request fields', async () => {
  const { app, close } = await testApp();
  try {
    const body = (await app.inject({ url: '/algorithms' })).json();
    assert.equal(body.default, 'sightline-v1');
    assert.equal(body.best, 'sightline-v1');
    const [algo] = body.algorithms;
    assert.equal(algo.name, 'sightline-v1');
    assert.deepEqual(Object.keys(algo.features), Object.keys(FEATURES));
    assert.equal(algo.features.name_match.coefficient, FEATURES.name_match.coefficient);
    assert.ok(algo.features.name_match.coefficient > 0 && algo.features.country_mismatch.coefficient < 0);
    for (const f of Object.values(algo.features) as { explained_as: string; description: string }[]) {
      assert.ok((MATCH_FEATURES as readonly string[]).includes(f.explained_as), f.explained_as);
      assert.ok(f.description.length > 20);
    }
    assert.deepEqual(Object.keys(algo.config), ['candidate_names', 'stop_early']);
    assert.equal(algo.config.candidate_names.default, 1000);

    const doc = (await app.inject({ url: '/openapi.json' })).json();
    const match = doc.paths['/match/{dataset}'].post;
    const body2 = match.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(body2.properties.weights.properties), Object.keys(FEATURES));
    assert.deepEqual(Object.keys(body2.properties.config.properties), ['candidate_names', 'stop_early']);
    const params = new Map(match.parameters.map((p: { name: string; description?: string }) => [p.name, p.description ?? p]));
    for (const p of ['limit', 'threshold', 'cutoff', 'algorithm']) assert.ok(params.has(p), p);
    assert.match(String(params.get('algorithm')), /sightline-v1, best/);
    assert.match(String(params.get('cutoff')), /0\.75 × threshold/);
  } finally {
    await close();
  }
});
