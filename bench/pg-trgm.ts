/**
 * Baseline for bench:speed: the same queries through PostgreSQL pg_trgm similarity search, in a
 * throwaway cluster started in a temp dir (initdb, pg_ctl on a free loopback port) and removed after.
 * Postgres refuses to run as root, so as root the server commands run as the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Entity } from '../src/model/entity.ts';
import type { MatchQuery } from '../src/match/index.ts';

const BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) => existsSync(join(d, 'initdb')));
/** pg_trgm is much slower: at most this many of the queries are run through it. */
const MAX_PG_QUERIES = 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  if (root) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

export async function runPgTrgm(parties: Entity[], queries: MatchQuery[]): Promise<{ qps: number; p50: number; queries: number }> {
  if (!BIN) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'sightline-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  let started = false;
  try {
    asPostgres(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    started = true;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION pg_trgm');
      await client.query('CREATE TABLE names (id text, name text)');
      const rows: [string, string][] = [];
      for (const e of parties) for (const n of [...(e.properties.name ?? []), ...(e.properties.alias ?? [])]) rows.push([e.id, n]);
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const params = chunk.flat();
        const tuples = chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(',');
        await client.query(`INSERT INTO names VALUES ${tuples}`, params);
      }
      await client.query('CREATE INDEX names_trgm ON names USING gin (lower(name) gin_trgm_ops)');
      await client.query('ANALYZE names');
      const sql = 'SELECT id, name, similarity(lower(name), lower($1)) AS s FROM names WHERE lower(name) % lower($1) ORDER BY s DESC LIMIT 10';
      const qs = queries.slice(0, MAX_PG_QUERIES);
      for (const q of qs.slice(0, 20)) await client.query(sql, [q.properties.name[0]]);
      const lat: number[] = [];
      const t0 = performance.now();
      for (const q of qs) {
        const s = performance.now();
        await client.query(sql, [q.properties.name[0]]);
        lat.push(performance.now() - s);
      }
      const total = performance.now() - t0;
      lat.sort((a, b) => a - b);
      return { qps: Math.round((qs.length * 1000) / total), p50: +lat[Math.floor(lat.length / 2)].toFixed(3), queries: qs.length };
    } finally {
      await client.end();
    }
  } finally {
    if (started) {
      try {
        asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        /* already stopped */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
