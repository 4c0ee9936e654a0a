import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { openStore, type Store } from '../store/index.ts';
import { MonitorService } from './monitor-service.ts';
import { deliverDue } from './deliver.ts';
import { freePort } from '../../test/helpers/pg-cluster.ts';
import { webhookReceiver } from '../../test/helpers/webhook-receiver.ts';

const SECRET = 'a-secret-of-sixteen+';

/** A monitor with the given recipients and two alerts in its inbox. */
async function inboxWith(store: Store, recipients: { webhooks?: { url: string; secret: string }[]; emails?: string[] }) {
  const service = new MonitorService(store);
  const m = await service.monitors.create({ name: 'vendors', kind: 'vendors', owner: 'ana', recipients });
  const alert = (kind: 'new' | 'resolved', caption: string) => ({
    monitorId: m.id,
    kind,
    recordKey: `r-${caption}`,
    entityId: `e-${caption}`,
    label: `${caption} Ltd (CN)`,
    caption,
    lists: ['EL'],
    detail: { after: { listings: [{ list: 'EL', since: '2025-06-05', citation: '90 FR 30003' }] } },
    cause: 'csl version 2',
  });
  await service.alerts.add([alert('new', 'Tolvaro Imaging'), alert('resolved', 'Brixtel Vision')], () => m.recipients);
  return service;
}

test('webhooks are signed, retried after a 500 and a timeout, and every attempt is logged', async () => {
  const answers = ['500', 'hang', 'ok'];
  const received: { body: string; signature: string; timestamp: string }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      const signature = String(req.headers['x-sightline-signature']);
      received.push({ body, signature, timestamp: String(req.headers['x-sightline-timestamp']) });
      const answer = signature === expected ? answers.shift() : 'bad-signature';
      if (answer === 'hang') return; // never answers: the sender's timeout must fire
      res.writeHead(answer === 'ok' ? 204 : answer === 'bad-signature' ? 401 : 500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const store = await openStore(':memory:');
  try {
    const service = await inboxWith(store, { webhooks: [{ url, secret: SECRET }] });
    // Long enough for the 500 and the 204 to arrive on a loaded machine (300 ms was not: the 500 was taken for
    // the timeout); the hanging answer still runs into it.
    const o = { timeoutMs: 5000, backoffMs: 0 };
    const first = await deliverDue(service, o);
    assert.deepEqual([first.delivered, first.failed], [0, 2]);
    const pending = await service.alerts.list({ undelivered: true });
    assert.equal(pending.length, 2, 'a failed delivery keeps the alert in the inbox');
    assert.equal(pending[0].deliveries[0].lastError, 'HTTP 500 Internal Server Error');
    const second = await deliverDue(service, o);
    assert.match(second.errors[0], /no answer within 5000 ms/);
    const third = await deliverDue(service, o);
    assert.equal(third.delivered, 2);
    assert.equal((await service.alerts.list({ undelivered: true })).length, 0);
    assert.equal((await deliverDue(service, o)).delivered, 0, 'a delivered alert is not sent again');
    assert.equal(received.length, 3, 'one POST per attempt carries both alerts');
    const last = JSON.parse(received[2].body);
    assert.equal(last.sentAt, received[2].timestamp);
    assert.deepEqual(
      last.alerts.map((a: { kind: string; caption: string }) => [a.kind, a.caption]),
      [
        ['new', 'Tolvaro Imaging'],
        ['resolved', 'Brixtel Vision'],
      ],
    );
    const log = await service.alerts.attempts(last.alerts[0].id);
    assert.deepEqual(
      log.map((a) => [a.attempt, a.ok, a.httpStatus ?? a.error]),
      [
        [1, false, 500],
        [2, false, 'no answer within 5000 ms'],
        [3, true, 204],
      ],
    );
  } finally {
    server.closeAllConnections();
    server.close();
    await store.close();
  }
});

test('the e-mail digest reaches a real SMTP server; while it is down, alerts wait with the error', async () => {
  const port = await freePort();
  const messages: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    },
  });
  const store = await openStore(':memory:');
  try {
    const service = await inboxWith(store, { emails: ['compliance@example.org'] });
    const o = { smtp: { url: `smtp://127.0.0.1:${port}`, from: 'sightline@example.org' }, timeoutMs: 10_000, backoffMs: 0 };
    const down = await deliverDue(service, o);
    assert.equal(down.failed, 2);
    const waiting = await service.alerts.list({ undelivered: true });
    assert.match(waiting[0].deliveries[0].lastError ?? '', /ECONNREFUSED/);
    await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
    const up = await deliverDue(service, o);
    assert.equal(up.delivered, 2);
    assert.equal(messages.length, 1, 'one digest for both alerts');
    const mail = await simpleParser(messages[0]);
    assert.equal(mail.subject, 'Sightline: 2 alerts (1 new, 1 resolved)');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'compliance@example.org');
    assert.match(mail.text ?? '', /\[NEW HIT\] Tolvaro Imaging Ltd \(CN\) → Tolvaro Imaging \(EL\)/);
    assert.match(mail.text ?? '', /now: {4}EL since 2025-06-05 \(90 FR 30003\)/);
    assert.match(mail.text ?? '', /\[RESOLVED\] Brixtel Vision Ltd \(CN\)/);
  } finally {
    await new Promise<void>((r) => smtp.close(() => r()));
    await store.close();
  }
});

test('two senders delivering at the same time send each alert once (the batch is claimed first)', async () => {
  // Answers slowly, so both senders have read the due deliveries before either has recorded its attempt.
  const { url, posts, close } = await webhookReceiver(200);
  const store = await openStore(':memory:');
  try {
    const service = await inboxWith(store, { webhooks: [{ url, secret: SECRET }] });
    const reports = await Promise.all([deliverDue(service), deliverDue(service)]);
    assert.deepEqual(reports.map((r) => r.delivered).sort(), [0, 2]);
    assert.equal(posts.length, 1, 'one POST, from the sender that claimed the batch');
    assert.equal((await service.alerts.list({ undelivered: true })).length, 0);
    const log = await service.alerts.attempts(JSON.parse(posts[0]).alerts[0].id);
    assert.deepEqual(
      log.map((a) => [a.attempt, a.ok]),
      [[1, true]],
    );
  } finally {
    close();
    await store.close();
  }
});

test('a claim that lapsed (its sender died) is retried; the late sender does not overwrite the new claim', async () => {
  const store = await openStore(':memory:');
  try {
    const service = await inboxWith(store, { webhooks: [{ url: 'http://127.0.0.1:9/hook', secret: SECRET }] });
    const at = new Date(Date.now() + 60_000);
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
    const first = await service.alerts.claim(await service.alerts.due(at), at, minutes(5));
    assert.equal(first.length, 2);
    assert.equal((await service.alerts.due(minutes(4))).length, 0, 'not due while the claim holds');
    const later = minutes(6);
    const again = await service.alerts.claim(await service.alerts.due(later), later, minutes(11));
    assert.equal(again.length, 2, 'due again once the claim lapsed');
    const outcome = { ok: true, ms: 5, retryAt: later };
    assert.equal(await service.alerts.recordAttempt(first[0], outcome), false, 'the first sender lost its claim');
    assert.equal(await service.alerts.recordAttempt(again[0], outcome), true);
    assert.equal((await service.alerts.attempts(first[0].alert.id)).length, 2, 'both attempts are logged');
  } finally {
    await store.close();
  }
});
