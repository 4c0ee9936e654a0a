// Suppliers uploaded with a tiers file: the job walks the tiers as the CLI does, shows the tiers file by name only,
// and a re-screen walks the same tiers again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createWorld } from '../graph/world.ts';
import { readList } from '../lists/index.ts';
import type { Entity } from '../model/entity.ts';
import { multipartBody, testApp } from '../../test/helpers/server.ts';

const SUPPLIERS = 'test/fixtures/supply/suppliers.csv';
const TIERS = 'test/fixtures/supply/tiers.csv';

/** The suppliers file, and the tiers file as a second part. */
function withTiers(fields: Record<string, string>) {
  const one = multipartBody({ name: 'suppliers.csv', data: readFileSync(SUPPLIERS) }, fields);
  const boundary = /boundary=(.+)$/.exec(one.headers['content-type'])![1]!;
  const tiers = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="tiers"; filename="tiers.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    readFileSync(TIERS),
    Buffer.from('\r\n'),
  ]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  return { payload: Buffer.concat([one.payload.subarray(0, one.payload.length - end.length), tiers, end]), headers: one.headers };
}

async function supplyApp() {
  const entities: Entity[] = [];
  for await (const e of readList(['test/fixtures/supply/uflpa.json'])) entities.push(e);
  return testApp({ world: createWorld(entities) });
}

type Results = {
  rows: { input: { name: string }; hits: { via: string; severity: string }[] }[];
  extra: { supply?: { tiersFile?: string; rows: { tier: number; path: string }[] } };
};

test('suppliers uploaded with a tiers file: the tier-3 listing is a hit of the tier-1 row, and a re-screen walks the same tiers', async () => {
  const { app, close } = await supplyApp();
  try {
    const res = await app.inject({ method: 'POST', url: '/screen', ...withTiers({ kind: 'vendors', as_of: '2026-12-01' }) });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json().options.tiers, { name: 'tiers.csv' }, 'the content is not echoed');
    assert.equal(res.json().options.supply, true);
    await app.sightline.jobs.idle();
    const check = async (id: string) => {
      const results = (await app.inject({ url: `/jobs/${id}/results` })).json() as Results;
      const acme = results.rows.find((r) => r.input.name === 'Acme Textiles Co. Ltd.')!;
      assert.deepEqual(
        acme.hits.map((h) => [h.via, h.severity]),
        [['supplier tier 3', 'hit']],
      );
      assert.equal(results.extra.supply?.tiersFile, 'tiers.csv');
      assert.ok(results.extra.supply?.rows.some((r) => r.tier === 3 && /Tianshan Resin Trading/.test(r.path)));
    };
    await check(res.json().id);
    const again = await app.inject({ method: 'POST', url: `/jobs/${res.json().id}/rescreen` });
    assert.equal(again.statusCode, 202, again.body);
    await app.sightline.jobs.idle();
    await check(again.json().id);
  } finally {
    await close();
  }
});

test('supply=true without tiers gives Xinjiang origin; a tiers file with another kind is refused', async () => {
  const { app, close } = await supplyApp();
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/screen',
      ...multipartBody({ name: 'suppliers.csv', data: readFileSync(SUPPLIERS) }, { supply: 'true' }),
    });
    assert.equal(res.statusCode, 202, res.body);
    await app.sightline.jobs.idle();
    const results = (await app.inject({ url: `/jobs/${res.json().id}/results` })).json() as Results;
    const korla = results.rows.find((r) => r.input.name === 'Korla Golden Pear Tomato Products Co. Ltd.')!;
    assert.deepEqual(
      korla.hits.map((h) => [h.via, h.severity]),
      [['address', 'review']],
    );
    assert.equal(results.extra.supply?.tiersFile, undefined);
    const plain = await app.inject({ method: 'POST', url: '/screen', ...multipartBody({ name: 'suppliers.csv', data: readFileSync(SUPPLIERS) }) });
    await app.sightline.jobs.idle();
    const none = (await app.inject({ url: `/jobs/${plain.json().id}/results` })).json() as Results;
    assert.equal(none.extra.supply, undefined, 'supply chains only when asked for');
    const wrong = await app.inject({ method: 'POST', url: '/screen', ...withTiers({ kind: 'holdings' }) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /tiers file \(supplier links\) goes with kind=vendors only/);
  } finally {
    await close();
  }
});
