/** `sightline serve`: the API and web UI; `--create-key NAME --role ROLE` prints a new API key once. */
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { withStore } from '../context.ts';
import { SightlineError } from '../../errors.ts';
// the roles only: the server itself (fastify, the routes, the job queue) loads when `serve` runs
import { ROLES, ROLE_HELP, isLoopback, type Role } from '../../server/auth.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new SightlineError('USAGE', `--port must be 0–65535, got ${value}`);
  return n;
}

export function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SightlineError('USAGE', `${flag} must be a whole number ≥ 1, got ${value}`);
  return n;
}

function bytes(value: string): number {
  const m = /^(\d+)\s*(k|m|g)?b?$/i.exec(value.trim());
  if (!m) throw new SightlineError('USAGE', `--max-upload must be a size like 25MB, got ${value}`);
  return Number(m[1]) * { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] || Number(m[1]);
}

export async function createKey(flags: { db?: string }, name: string, role: string, io: CliIO): Promise<void> {
  if (!(ROLES as readonly string[]).includes(role)) throw new SightlineError('USAGE', `--role must be one of ${ROLES.join(', ')}`);
  const { ApiKeys } = await import('../../server/index.ts');
  const { AuditLog, serverDb } = await import('../../review/index.ts');
  await withStore(flags, async (store) => {
    const created = await new ApiKeys(serverDb(store)).create(name, role as Role);
    await new AuditLog(serverDb(store)).append({
      actor: 'command line',
      role: 'admin',
      action: 'key.created',
      subject: created.id,
      detail: { name: created.name, role: created.role },
    });
    io.out(
      `API key for ${created.name} (${created.role}: ${ROLE_HELP[created.role]}):\n\n  ${created.key}\n\nIt is shown only this once; only a salted hash is stored. Send it as "Authorization: Bearer <key>".\n` +
        // A reverse proxy on the same machine connects over loopback: an open loopback would open the proxy too.
        'Now that a key exists, the server requires one for every request, on loopback too (the web UI asks for it at sign-in).',
    );
  });
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the HTTP API (yente-compatible /match, /reconcile for OpenRefine) and the web UI')
    .option('--host <host>', 'address to bind; beyond loopback, or once any API key exists, every request needs a key', '127.0.0.1')
    .option('--port <port>', 'port', '8000')
    .option('--create-key <name>', 'create an API key with --role, print it once, and exit')
    .option('--role <role>', `role of the new key: ${ROLES.join(', ')}`, 'viewer')
    .option('--no-ui', 'API only, no web UI')
    .option('--max-upload <size>', 'largest upload', '25MB')
    .option('--rate <perSecond>', 'requests per second per key or address (burst 4×); 0 turns the limit off', '50')
    .option('--concurrency <n>', 'screening jobs run at once (1 or 2; on PostgreSQL the workers in this process)', '1')
    .option('--no-worker', 'PostgreSQL: API only; jobs are run by `sightline worker` processes')
    .option('--chunk-rows <n>', 'PostgreSQL: rows per chunk of a large vendor file', '10000')
    .option('--four-eyes', 'four-eyes decisions: a reviewer proposes, a second person with the approver role approves (env SIGHTLINE_FOUR_EYES=1)')
    .option('--update-schedule <cron>', 'when to run `lists update` and re-screen the monitors (cron, server time)', '0 4 * * *')
    .option('--no-update-schedule', 'no scheduled list update')
    .option('--mirror <url>', 'scheduled updates fetch the list files from this mirror')
    .action(async (opts, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as { db?: string };
      if (opts.createKey) return createKey(flags, opts.createKey, opts.role, io);
      const rate = Number(opts.rate);
      if (!(rate >= 0)) throw new SightlineError('USAGE', `--rate must be a number ≥ 0, got ${opts.rate}`);
      const { startServer } = await import('../../server/index.ts');
      const server = await startServer({
        db: flags.db,
        host: opts.host,
        port: port(opts.port),
        ui: opts.ui,
        uploadBytes: bytes(opts.maxUpload),
        rateLimit: rate === 0 ? false : { perSecond: rate, burst: rate * 4 },
        concurrency: Number(opts.concurrency) === 2 ? 2 : 1,
        worker: opts.worker,
        chunkRows: positive(opts.chunkRows, '--chunk-rows'),
        fourEyes: opts.fourEyes ? true : undefined,
        updateSchedule: opts.updateSchedule,
        mirror: opts.mirror,
        onProgress: (m) => io.err(m),
      });
      io.out(`Sightline is running at ${server.url}`);
      if (server.app.sightline.fourEyes) io.out('Four-eyes decisions: a reviewer proposes, an approver (another person) approves or rejects.');
      io.out(`API documentation: ${server.url}docs (OpenAPI: ${server.url}openapi.json)`);
      if (!isLoopback(opts.host) && !(await server.app.sightline.keys.count())) {
        io.err(
          `warning: listening on ${opts.host} with no API keys: every request will be refused. Create one with: sightline serve --create-key NAME --role admin`,
        );
      } else if (server.keysRequired) io.out('API keys are required (Authorization: Bearer <key>).');
      else io.out('Listening on loopback without API keys: requests act as a local administrator.');
      await untilSignal(io, () => server.close());
    });
}

/** Waits for SIGINT or SIGTERM, then stops gracefully (a job or chunk held by this process is finished first). */
export function untilSignal(io: CliIO, close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.err('stopping…');
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
