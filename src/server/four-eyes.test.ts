import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp, fixturePath, multipartBody } from '../../test/helpers/server.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** Screens the fixture vendors as an analyst; the first hit as a decision body. */
async function screenedHit(app: App, analyst: string) {
  const upload = multipartBody({ name: 'vendors.csv', data: readFileSync(fixturePath('vendors.csv')) }, { kind: 'vendors' });
  const job = (await app.inject({ method: 'POST', url: '/screen', payload: upload.payload, headers: { ...upload.headers, ...auth(analyst) } })).json();
  await app.sightline.jobs.idle();
  const results = (await app.inject({ url: `/jobs/${job.id}/results`, headers: auth(analyst) })).json();
  const row = results.rows.find((r: { hits: unknown[] }) => r.hits.length);
  return { jobId: job.id, recordKey: row.recordKey, entityId: row.hits[0].entityId };
}

async function keys(app: App) {
  const k = app.sightline.keys;
  return {
    analyst: (await k.create('ann', 'analyst')).key,
    reviewer: (await k.create('rex', 'reviewer')).key,
    approverRex: (await k.create('rex', 'approver')).key,
    approver: (await k.create('apollonia', 'approver')).key,
  };
}

test('four-eyes: a decision is proposed; the proposer cannot approve it (403, audited); another approver can, and it takes effect', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0', fourEyes: true });
  try {
    const k = await keys(app);
    const hit = await screenedHit(app, k.analyst);
    const proposed = await app.inject({
      method: 'POST',
      url: '/decisions',
      payload: { ...hit, decision: 'dismissed', reason: 'different company' },
      headers: auth(k.reviewer),
    });
    assert.equal(proposed.statusCode, 202);
    const proposal = proposed.json().proposal;
    assert.deepEqual([proposal.status, proposal.proposer, proposal.decision], ['proposed', 'rex', 'dismissed']);
    const results = async () => (await app.inject({ url: `/jobs/${hit.jobId}/results`, headers: auth(k.analyst) })).json();
    type ResultHit = { entityId: string; review: { status: string }; proposal?: { id: number } };
    const hitOf = (r: { rows: { recordKey: string; hits: ResultHit[] }[] }) =>
      r.rows.find((x) => x.recordKey === hit.recordKey)!.hits.find((x) => x.entityId === hit.entityId)!;
    const before = hitOf(await results());
    assert.equal(before.review.status, 'new', 'a proposal is not yet a decision');
    assert.equal(before.proposal?.id, proposal.id);

    const approve = (key: string, reasonCode = 'evidence-sufficient') =>
      app.inject({ method: 'POST', url: `/proposals/${proposal.id}/approve`, payload: { reasonCode, note: 'checked the registry' }, headers: auth(key) });
    assert.equal((await approve(k.reviewer)).statusCode, 403, 'a reviewer is not an approver');
    const self = await approve(k.approverRex);
    assert.equal(self.statusCode, 403, 'the proposer, under another key with the same name, cannot approve');
    assert.match(self.json().detail, /rex proposed this decision/);
    assert.equal((await approve(k.approver, 'no-such-code')).statusCode, 400);
    assert.equal((await approve(k.approver, 'insufficient-evidence')).statusCode, 400, 'a rejection code does not approve');

    const ok = await approve(k.approver);
    assert.equal(ok.statusCode, 200);
    assert.deepEqual([ok.json().proposal.status, ok.json().decision.actor, ok.json().decision.approvedBy], ['approved', 'rex', 'apollonia']);
    const after = hitOf(await results());
    assert.equal(after.review.status, 'dismissed', 'the approved decision takes effect');
    assert.equal(after.proposal, undefined);
    assert.equal((await approve(k.approver)).statusCode, 409, 'a proposal is resolved once');

    const audit = (await app.inject({ url: '/audit', headers: auth(k.analyst) })).json();
    const actions = audit.entries.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`);
    assert.deepEqual(actions, ['job.created ann', 'decision.proposed rex', 'decision.self-approval-refused rex', 'decision.approved apollonia']);
    assert.equal(audit.chain, 'intact');
    const approved = audit.entries.at(-1);
    assert.deepEqual([approved.detail.reasonCode, approved.detail.proposer, approved.detail.note], ['evidence-sufficient', 'rex', 'checked the registry']);
  } finally {
    await close();
  }
});

test('four-eyes: a rejected proposal leaves the hit undecided; pending and resolved proposals are listed', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0', fourEyes: true });
  try {
    const k = await keys(app);
    const hit = await screenedHit(app, k.analyst);
    const p = (
      await app.inject({ method: 'POST', url: '/decisions', payload: { ...hit, decision: 'confirmed', reason: 'same name' }, headers: auth(k.reviewer) })
    ).json().proposal;
    assert.equal((await app.inject({ url: '/proposals', headers: auth(k.analyst) })).json().proposals.length, 1);
    const rejected = await app.inject({
      method: 'POST',
      url: `/proposals/${p.id}/reject`,
      payload: { reasonCode: 'identifiers-conflict' },
      headers: auth(k.approver),
    });
    assert.equal(rejected.statusCode, 200);
    assert.equal(rejected.json().decision, undefined);
    assert.equal((await app.inject({ url: '/proposals', headers: auth(k.analyst) })).json().proposals.length, 0);
    const all = (await app.inject({ url: `/proposals?all=true&jobId=${hit.jobId}`, headers: auth(k.analyst) })).json();
    assert.deepEqual([all.fourEyes, all.proposals[0].status, all.proposals[0].resolution.reasonCode], [true, 'rejected', 'identifiers-conflict']);
    const history = (
      await app.inject({ url: `/decisions?recordKey=${hit.recordKey}&entityId=${encodeURIComponent(hit.entityId)}`, headers: auth(k.analyst) })
    ).json();
    assert.deepEqual(history.decisions, []);
  } finally {
    await close();
  }
});

test('without four-eyes a reviewer decides at once, and the reason codes say four-eyes is off', async () => {
  const { app, close } = await testApp({ host: '0.0.0.0' });
  try {
    const k = await keys(app);
    const hit = await screenedHit(app, k.analyst);
    const res = await app.inject({
      method: 'POST',
      url: '/decisions',
      payload: { ...hit, decision: 'dismissed', reason: 'different company' },
      headers: auth(k.reviewer),
    });
    assert.equal(res.statusCode, 201);
    const codes = (await app.inject({ url: '/review/reason-codes', headers: auth(k.analyst) })).json();
    assert.equal(codes.fourEyes, false);
    assert.ok(codes.codes.some((c: { outcome: string }) => c.outcome === 'rejected'));
  } finally {
    await close();
  }
});
