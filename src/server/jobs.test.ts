import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp, fixturePath, fixtureWorld, multipartBody } from '../../test/helpers/server.ts';
import { createWorld } from '../graph/world.ts';
import type { Entity } from '../model/entity.ts';
import type { JobHandler } from './jobs/types.ts';
import { defaultHandlers } from './jobs/handlers.ts';

// Everything runs through the real screening modules, as the server does.
const basic = defaultHandlers();

// EZVIZ is not listed itself: it is a hit as a brand of the Entity-Listed Hikvision, through the rules' path.
const vendors = Buffer.concat([readFileSync(fixturePath('vendors.csv')), Buffer.from('EZVIZ,CN,Home cameras\n')]);

async function screen(app: Awaited<ReturnType<typeof testApp>>['app'], data: Buffer | string = vendors, fields: Record<string, string> = { kind: 'vendors' }) {
  const body = multipartBody({ name: 'vendors.csv', data }, fields);
  const res = await app.inject({ method: 'POST', url: '/screen', payload: body.payload, headers: body.headers });
  assert.equal(res.statusCode, 202, res.body);
  await app.sightline.jobs.idle();
  return res.json().id as string;
}

test('an uploaded vendor file is screened as a job with progress, results and reports', async () => {
  const { app, close } = await testApp({ handlers: basic });
  try {
    const id = await screen(app);
    const job = (await app.inject({ url: `/jobs/${id}` })).json();
    assert.equal(job.status, 'done');
    assert.deepEqual([job.summary.rows, job.summary.hits, job.summary.reviews, job.summary.clear], [6, 3, 0, 3]);
    assert.equal(job.progress.done, 6);
    const r = (await app.inject({ url: `/jobs/${id}/results` })).json();
    const ezviz = r.rows.find((x: { label: string }) => x.label.startsWith('EZVIZ'));
    assert.equal(ezviz.hits[0].severity, 'hit');
    assert.match(ezviz.hits[0].paths[0].text, /EZVIZ → brand of Hangzhou Hikvision Digital Technology Co\., Ltd\. → BIS Entity List/);
    assert.deepEqual(ezviz.hits[0].lists, ['CMIC', 'EL']);
    assert.equal(ezviz.hits[0].review.status, 'new');
    // Lorex was a Dahua subsidiary until 2023: an ended link reaches no listed party today.
    assert.equal(r.rows.find((x: { label: string }) => x.label.startsWith('Lorex')).hits.length, 0);
    assert.equal(r.review.raised, 3);
    const csv = await app.inject({ url: `/jobs/${id}/report.csv` });
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="sightline-.*\.csv"/);
    assert.equal(csv.body.trim().split('\r\n').length, 7);
    // The UTF-8 BOM, once, so that Excel shows Chinese names right.
    assert.deepEqual([...csv.rawPayload.subarray(0, 4)], [0xef, 0xbb, 0xbf, 'r'.charCodeAt(0)]);
    const html = await app.inject({ url: `/jobs/${id}/report.html` });
    assert.match(html.body, /Hangzhou Hikvision/);
    assert.doesNotMatch(html.body, /<script/i);
    const json = (await app.inject({ url: `/jobs/${id}/report.json` })).json();
    assert.equal(json.results.length, 6);
  } finally {
    await close();
  }
});

test('a dismissed hit stays dismissed on re-screening, and comes back when its listings change', async () => {
  const entities = JSON.parse(readFileSync(fixturePath('entities.json'), 'utf8')) as Entity[];
  let world = fixtureWorld();
  const { app, close } = await testApp({ handlers: basic, reloadWorld: async () => ({ world, versions: [] }) });
  try {
    const first = await screen(app);
    const r1 = (await app.inject({ url: `/jobs/${first}/results` })).json();
    const hik = r1.rows.find((x: { label: string }) => x.label.startsWith('Hikvision'));
    const dahua = r1.rows.find((x: { label: string }) => x.label.startsWith('Dahua'));
    const decide = (row: typeof hik, decision: string) =>
      app.inject({
        method: 'POST',
        url: '/decisions',
        payload: { jobId: first, recordKey: row.recordKey, entityId: row.hits[0].entityId, decision, reason: 'reviewed <b>carefully</b>' },
      });
    assert.equal((await decide(hik, 'dismissed')).statusCode, 201);
    assert.equal((await decide(dahua, 'confirmed')).statusCode, 201);
    const again = (await app.inject({ url: `/jobs/${first}/results` })).json();
    assert.equal(again.rows.find((x: { label: string }) => x.label.startsWith('Hikvision')).hits[0].review.status, 'dismissed');

    // Re-screen with the lists unchanged: decided hits keep their decision, the undecided EZVIZ hit is "open", nothing is raised.
    const second = (await app.inject({ method: 'POST', url: `/jobs/${first}/rescreen` })).json().id;
    await app.sightline.jobs.idle();
    const r2 = (await app.inject({ url: `/jobs/${second}/results` })).json();
    assert.equal(r2.job.options.previousJobId, first);
    assert.deepEqual(r2.rows.flatMap((x: any) => x.hits.map((h: any) => h.review.status)).sort(), ['confirmed', 'dismissed', 'open']);
    assert.equal(r2.review.raised, 0);

    // A list update adds a listing for Hikvision: the dismissal no longer holds.
    world = createWorld([
      ...entities,
      {
        id: 'sdn-hikvision',
        schema: 'Sanction',
        origin: { source: 'csl' },
        properties: { entity: ['pack-hikvision'], programId: ['SDN'], listingDate: ['2026-01-01'] },
      },
    ]);
    await app.sightline.worlds.reload();
    const third = (await app.inject({ method: 'POST', url: `/jobs/${second}/rescreen` })).json().id;
    await app.sightline.jobs.idle();
    const r3 = (await app.inject({ url: `/jobs/${third}/results` })).json();
    const h3 = r3.rows.find((x: { label: string }) => x.label.startsWith('Hikvision')).hits[0];
    assert.equal(h3.review.status, 'changed');
    assert.match(h3.review.note, /listing data changed since it was dismissed/);
    // EZVIZ reaches Hikvision by its brand path, so its hit changed too; Dahua's confirmation holds.
    assert.equal(r3.rows.find((x: { label: string }) => x.label.startsWith('EZVIZ')).hits[0].review.status, 'changed');
    assert.equal(r3.rows.find((x: { label: string }) => x.label.startsWith('Dahua')).hits[0].review.status, 'confirmed');
    assert.equal(r3.review.raised, 2);
    const html = (await app.inject({ url: `/jobs/${third}/report.html` })).body;
    assert.match(html, /reviewed &lt;b&gt;carefully&lt;\/b&gt;/);
  } finally {
    await close();
  }
});

// The fixture world holds a listed party whose name is markup, so the row is a hit whatever the matcher's tuning.
test('hostile names are escaped in the HTML report', async () => {
  const { app, close } = await testApp({ handlers: basic });
  try {
    const id = await screen(app, 'name,country\n"<img src=x onerror=alert(1)> Trading Company",IR\n');
    const html = (await app.inject({ url: `/jobs/${id}/report.html` })).body;
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x/);
  } finally {
    await close();
  }
});

test('uploads over the size limit are refused with 413 and bad options with 400', async () => {
  const { app, close } = await testApp({ uploadBytes: 1000 });
  try {
    const big = multipartBody({ name: 'big.csv', data: `name\n${'x'.repeat(5000)}` });
    assert.equal((await app.inject({ method: 'POST', url: '/screen', payload: big.payload, headers: big.headers })).statusCode, 413);
    const badKind = multipartBody({ name: 'v.csv', data: vendors.subarray(0, 200) }, { kind: 'weather' });
    assert.equal((await app.inject({ method: 'POST', url: '/screen', payload: badKind.payload, headers: badKind.headers })).statusCode, 400);
    const badDate = multipartBody({ name: 'v.csv', data: vendors.subarray(0, 200) }, { kind: 'vendors', as_of: 'yesterday' });
    assert.equal((await app.inject({ method: 'POST', url: '/screen', payload: badDate.payload, headers: badDate.headers })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/screen', payload: { kind: 'vendors' } })).statusCode, 415);
  } finally {
    await close();
  }
});

test('the job queue runs pluggable handlers one at a time and records failures with their message', async () => {
  const order: string[] = [];
  const fake: JobHandler = async (ctx) => {
    order.push(`start ${ctx.fileName}`);
    ctx.progress({ done: 1, total: 2, message: 'halfway' });
    await new Promise((r) => setTimeout(r, 5));
    if (ctx.data.toString() === 'boom') throw new Error('handler exploded');
    order.push(`end ${ctx.fileName}`);
    return { kind: ctx.kind, rows: [], summary: { rows: 0, screened: 0, skipped: 0, hits: 0, reviews: 0, clear: 0 }, versions: [] };
  };
  const { app, close } = await testApp({ handlers: { vendors: fake, devices: fake } });
  try {
    const a = await app.sightline.jobs.submit({ kind: 'vendors', fileName: 'a', data: Buffer.from('ok'), options: {}, actor: 't', role: 'admin' });
    const b = await app.sightline.jobs.submit({ kind: 'devices', fileName: 'b', data: Buffer.from('boom'), options: {}, actor: 't', role: 'admin' });
    await app.sightline.jobs.idle();
    assert.deepEqual(order, ['start a', 'end a', 'start b']);
    assert.equal((await app.sightline.jobs.get(a.id))!.status, 'done');
    const failed = (await app.inject({ url: `/jobs/${b.id}` })).json();
    assert.equal(failed.status, 'failed');
    assert.match(failed.error, /handler exploded/);
    assert.equal((await app.inject({ url: `/jobs/${b.id}/results` })).statusCode, 409);
    await assert.rejects(
      app.sightline.jobs.submit({ kind: 'documents', fileName: 'c', data: Buffer.from('x'), options: {}, actor: 't', role: 'admin' }),
      /no screening of kind "documents"/,
    );
  } finally {
    await close();
  }
});

test('by default vendor files go through the screening module: listed parties are hits, an EL-listed parent does not taint a subsidiary', async () => {
  const handlers = defaultHandlers();
  assert.deepEqual(Object.keys(handlers).sort(), ['devices', 'documents', 'holdings', 'vendors']);
  const { app, close } = await testApp({ handlers });
  try {
    const id = await screen(app);
    const r = (await app.inject({ url: `/jobs/${id}/results` })).json();
    assert.equal(r.job.status, 'done');
    const flagged = r.rows.filter((x: { hits: unknown[] }) => x.hits.length).map((x: { label: string }) => x.label.split(' (')[0]);
    assert.deepEqual(flagged, ['Hikvision', 'Dahua Technology', 'EZVIZ']);
    assert.equal(r.rows.find((x: { label: string }) => x.label.startsWith('Hikvision')).hits[0].severity, 'hit');
    assert.ok(r.extra.certificate, 'the screening certificate is kept with the job');
  } finally {
    await close();
  }
});
