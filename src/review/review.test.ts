import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore } from '../store/index.ts';
import { ReviewStore, recordKey, listingHash, hitStatus, auditCsv, serverDb } from './index.ts';

test('record keys ignore header case, spacing, column order and row numbers', () => {
  const a = recordKey({ Name: 'ACME  Surveillance Ltd', Country: 'CN', row: '4' });
  const b = recordKey({ country: 'cn', ' name ': 'acme surveillance ltd', row: '9' });
  assert.equal(a, b);
  assert.notEqual(a, recordKey({ name: 'ACME Surveillance Ltd', country: 'US' }));
});

test('listing hashes change with listing data but not with order', () => {
  const el = { listCode: 'EL', since: '2019-10-09', citation: '84 FR 54002' };
  const cmic = { listCode: 'CMIC', since: '2021-06-03' };
  assert.equal(listingHash([el, cmic]), listingHash([cmic, el]));
  assert.notEqual(listingHash([el]), listingHash([el, cmic]));
});

test('a dismissed hit stays dismissed until its listings change', () => {
  const decision = {
    id: 1,
    recordKey: 'r',
    entityId: 'e',
    decision: 'dismissed' as const,
    reason: 'different company',
    actor: 'ana',
    createdAt: '2026-01-02T00:00:00Z',
    listingHash: 'h1',
  };
  assert.equal(hitStatus({ listingHash: 'h1', decision }).status, 'dismissed');
  assert.equal(hitStatus({ listingHash: 'h1', decision }).raised, false);
  const changed = hitStatus({ listingHash: 'h2', decision });
  assert.equal(changed.status, 'changed');
  assert.equal(changed.raised, true);
});

test('re-screening raises only new or changed hits', () => {
  assert.deepEqual(
    [hitStatus({ listingHash: 'a', rescreen: true, previousListingHash: 'a' })].map((s) => [s.status, s.raised]),
    [['open', false]],
  );
  assert.deepEqual(
    [hitStatus({ listingHash: 'b', rescreen: true, previousListingHash: 'a' })].map((s) => [s.status, s.raised]),
    [['changed', true]],
  );
  assert.deepEqual(
    [hitStatus({ listingHash: 'b', rescreen: true })].map((s) => [s.status, s.raised]),
    [['new', true]],
  );
});

test('decisions are remembered, audited, and the audit log refuses updates and deletes', async () => {
  const store = await openStore(':memory:');
  try {
    const review = new ReviewStore(serverDb(store));
    await review.decide({ recordKey: 'r1', entityId: 'e1', decision: 'escalated', reason: 'check owner', actor: 'ana', role: 'reviewer', listingHash: 'h' });
    await review.decide({
      recordKey: 'r1',
      entityId: 'e1',
      decision: 'dismissed',
      reason: 'different address',
      actor: 'bo',
      role: 'reviewer',
      listingHash: 'h',
    });
    const cur = await review.current(['r1']);
    assert.equal(cur.get('r1:e1')?.decision, 'dismissed');
    assert.equal((await review.history('r1', 'e1')).length, 2);
    await assert.rejects(
      review.decide({ recordKey: 'r1', entityId: 'e1', decision: 'dismissed', reason: '  ', actor: 'bo', role: 'reviewer', listingHash: 'h' }),
      /needs a reason/,
    );
    const entries = await review.audit.list();
    assert.deepEqual(
      entries.map((e) => e.action),
      ['decision.escalated', 'decision.dismissed'],
    );
    assert.equal(await review.audit.verify(), undefined);
    await assert.rejects(sql`UPDATE audit_log SET actor = 'mallory'`.execute(serverDb(store)), /append-only/);
    await assert.rejects(sql`DELETE FROM review_decisions`.execute(serverDb(store)), /append-only/);
    const csv = auditCsv(entries);
    assert.match(csv.split('\r\n')[0], /^id,at,actor,role,action,subject,detail/);
    assert.equal(csv.trim().split('\r\n').length, 3);
  } finally {
    await store.close();
  }
});

test('audit CSV neutralises spreadsheet formulas', () => {
  const csv = auditCsv([{ id: 1, at: 't', actor: '=HYPERLINK("x")', role: 'r', action: 'a', subject: 's', detail: {}, prevHash: 'p', hash: 'h' }]);
  assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
});
