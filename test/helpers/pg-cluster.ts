/**
 * A throwaway PostgreSQL cluster in a temp dir (initdb + pg_ctl on a free loopback port), for tests and
 * benchmarks. PostgreSQL refuses to run as root, so as root the server commands run as `postgres`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

export interface PgCluster {
  url: string;
  host: string;
  port: number;
  stop(): void;
}

export function postgresBinDir(): string | undefined {
  return ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => existsSync(join(d, 'initdb')));
}

export function freePort(): Promise<number> {
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
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'sightline-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  // The port is free when picked, not when the server binds it: test files run in parallel processes, and any of
  // them may take it in between (a listener, or the local end of an outgoing connection). Picked after initdb
  // (seconds on a loaded machine), and picked again if the server could not start on it.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      const server = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      // -t: pg_ctl waits 60 s by default for the server to accept connections; a loaded machine may need longer.
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '300', '-o', server, 'start']);
      break;
    } catch (err) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
      if (attempt >= 5 || !/could not bind|Address already in use/i.test(log)) throw err;
    }
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    host: '127.0.0.1',
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** One throwaway cluster for a test file: started before its tests, stopped after them; `skip` says why when PostgreSQL is absent. */
export function pgClusterPerFile(): { skip: false | string; url: () => string } {
  const available = Boolean(postgresBinDir());
  let cluster: PgCluster | undefined;
  before(async () => {
    if (available) cluster = await startPgCluster();
  });
  after(() => cluster?.stop());
  return { skip: available ? false : 'PostgreSQL server binaries not installed', url: () => cluster!.url };
}
