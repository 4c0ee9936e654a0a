import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { testApp } from '../../test/helpers/server.ts';
import { REQUEST_TIMEOUT_MS } from './app.ts';

/** Sends the headers and then one byte of body every 200 ms; resolves with what came back and when the server closed. */
function trickle(port: number, headers: string): Promise<{ answer: string; closedAfterMs: number }> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => {
    answer += d.toString('latin1');
  });
  socket.on('error', () => {});
  const started = Date.now();
  socket.write(`POST /match HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n${headers}\r\n{`);
  const drip = setInterval(() => socket.writable && socket.write(' '), 200);
  return new Promise((resolve) => {
    const done = (closedAfterMs: number) => {
      clearInterval(drip);
      socket.destroy();
      resolve({ answer, closedAfterMs });
    };
    // Generous: the server cuts the request off after 1 s; waiting longer only matters on a loaded machine.
    const giveUp = setTimeout(() => done(-1), 30_000);
    socket.on('close', () => {
      clearTimeout(giveUp);
      done(Date.now() - started);
    });
  });
}

test('a body trickled a byte at a time is cut off at the request timeout, with a key or without, while others are served', async () => {
  assert.equal(REQUEST_TIMEOUT_MS, 60_000);
  const { app, close } = await testApp({ requestTimeoutMs: 1000 });
  try {
    const { key } = await app.sightline.keys.create('analyst', 'analyst');
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const port = Number(new URL(address).port);
    const keyed = trickle(port, `Authorization: Bearer ${key}\r\n`);
    const anonymous = trickle(port, '');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await fetch(`${address}/healthz`)).status, 200);
    const a = await keyed;
    assert.ok(a.closedAfterMs > 0, 'the connection with a key was still open after 30 s');
    assert.ok(a.closedAfterMs >= 900, `cut off too early: ${a.closedAfterMs} ms`);
    assert.match(a.answer, /^HTTP\/1\.1 408 /);
    // Without a key the request is refused, and its connection does not stay open for the rest of the body either.
    const b = await anonymous;
    assert.ok(b.closedAfterMs > 0, 'the connection without a key was still open after 30 s');
    assert.match(b.answer, /^HTTP\/1\.1 (401|408) /);
  } finally {
    await close();
  }
});

test('requests made through app.inject outlive the request timeout quietly: its stand-in socket has nothing to cut off', async () => {
  // Test files inject requests and often run past the timeout (60 s by default; longer on a loaded machine): the
  // deadline of a bodiless GET, or of a POST refused before its body was read, must not throw then.
  const { app, close } = await testApp({ requestTimeoutMs: 100 });
  try {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    await app.sightline.keys.create('analyst', 'analyst');
    const refused = await app.inject({ method: 'POST', url: '/match/default', payload: { queries: {} } });
    assert.equal(refused.statusCode, 401);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  } finally {
    await close();
  }
});
