import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { bufferIO } from '../io.ts';
import { registerServe } from './serve.ts';
import { openStore } from '../../store/index.ts';
import { ApiKeys, buildApp } from '../../server/index.ts';
import { fixtureWorld } from '../../../test/helpers/server.ts';
import { AuditLog, serverDb } from '../../review/index.ts';

test('serve --create-key prints a key once, stores only its hash, audits the creation, and from then on loopback needs a key as it says', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-serve-'));
  const db = join(dir, 'k.db');
  try {
    const io = bufferIO();
    const program = new Command('sightline').option('--db <path>').exitOverride();
    registerServe(program, io);
    await program.parseAsync(['--db', db, 'serve', '--create-key', 'Rita (compliance)', '--role', 'reviewer'], { from: 'user' });
    const key = /sl_[a-f0-9]{12}_[A-Za-z0-9_-]{43}/.exec(io.stdout.join('\n'))?.[0];
    assert.ok(key, io.stdout.join('\n'));
    assert.match(io.stdout.join('\n'), /requires one for every request, on loopback too/);
    const store = await openStore(db);
    try {
      const app = await buildApp({ store, world: fixtureWorld(), host: '127.0.0.1', rateLimit: false });
      assert.equal((await app.inject({ url: '/me' })).statusCode, 401);
      assert.equal((await app.inject({ url: '/me', headers: { authorization: `Bearer ${key}` } })).json().role, 'reviewer');
      await app.close();
      const p = await new ApiKeys(serverDb(store)).verify(key);
      assert.deepEqual([p?.name, p?.role], ['Rita (compliance)', 'reviewer']);
      assert.deepEqual(
        (await new AuditLog(serverDb(store)).list()).map((e) => e.action),
        ['key.created'],
      );
    } finally {
      await store.close();
    }
    await assert.rejects(program.parseAsync(['--db', db, 'serve', '--create-key', 'x', '--role', 'superuser'], { from: 'user' }), /--role must be one of/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
