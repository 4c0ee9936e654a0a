/**
 * Baseline for bench:speed: the same queries through PostgreSQL pg_trgm similarity search in a
 * throwaway cluster (test/helpers/pg-cluster.ts). Fair comparison: the same query names, the same
 * result limit as the matcher's default (10), one connection, run sequentially.
 */
import pg from 'pg';
import type { Entity } from '../src/model/entity.ts';
import type { MatchQuery } from '../src/match/index.ts';
import { startPgCluster } from '../test/helpers/pg-cluster.ts';

/** pg_trgm is much slower: at most this many of the queries are run through it. */
const MAX_PG_QUERIES = 1000;
/** The matcher's default result limit, used for pg_trgm too. */
export const PG_LIMIT = 10;

export async function runPgTrgm(parties: Entity[], queries: MatchQuery[], warmup: MatchQuery[] = []): Promise<{ qps: number; p50: number; queries: number }> {
  const cluster = await startPgCluster();
  try {
    const client = new pg.Client({ host: cluster.host, port: cluster.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION pg_trgm');
      await client.query('CREATE TABLE names (id text, name text)');
      const rows: [string, string][] = [];
      for (const e of parties) for (const n of [...(e.properties.name ?? []), ...(e.properties.alias ?? [])]) rows.push([e.id, n]);
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const tuples = chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(',');
        await client.query(`INSERT INTO names VALUES ${tuples}`, chunk.flat());
      }
      await client.query('CREATE INDEX names_trgm ON names USING gin (lower(name) gin_trgm_ops)');
      await client.query('ANALYZE names');
      const sql = `SELECT id, name, similarity(lower(name), lower($1)) AS s FROM names WHERE lower(name) % lower($1) ORDER BY s DESC LIMIT ${PG_LIMIT}`;
      const qs = queries.slice(0, MAX_PG_QUERIES).filter((q) => q.properties.name?.length);
      // warm-up, not timed: the same warm-up queries the matcher had (the first of them)
      for (const q of (warmup.length ? warmup : qs.slice(0, 20)).filter((w) => w.properties.name?.length)) await client.query(sql, [q.properties.name[0]]);
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
    cluster.stop();
  }
}
