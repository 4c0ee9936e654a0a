/**
 * `sightline evidence <job-or-monitor> --out pack.zip`: the auditor's evidence pack of one screening or monitor; `sightline
 * audit verify [pack.zip]`: checks a pack's audit-chain proof and file hashes (exit 0 verified, 1 not,
 * naming the first bad entry or file), or without a file the database's whole audit chain.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { SightlineError } from '../../errors.ts';
import type { WorldHolder } from '../../server/world-state.ts';

/** Who the command line acts as in the audit trail (it has no API key). */
const CLI_ACTOR = { name: 'command line', keyId: 'cli', role: 'admin' };
/** `monitor:NAME` names a monitor even where a job could have that id. */
const MONITOR_PREFIX = 'monitor:';

export function registerEvidence(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('evidence <job-or-monitor>')
    .description(
      "write the evidence pack of a screening job (its id: `jobs` in the web UI or `GET /jobs`) or of a monitor (its id or name, or monitor:NAME): certificate, reports, list versions, decisions, audit slice with its chain proof; a monitor's also holds its alert history",
    )
    .requiredOption('--out <file>', 'the ZIP to write')
    .action(async (subject: string, opts: { out: string }, cmd: Command) => {
      const { Proposals, ReviewStore, serverDb } = await import('../../review/index.ts');
      const { buildEvidencePack } = await import('../../server/evidence-pack.ts');
      const { buildMonitorEvidencePack } = await import('../../server/evidence-monitor.ts');
      const { MonitorService } = await import('../../monitor/index.ts');
      const { LocalJobQueue } = await import('../../server/jobs/queue.ts');
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const db = serverDb(store);
        const review = new ReviewStore(db);
        const proposals = new Proposals(db, review);
        // Reads jobs and results only (the same tables on SQLite and PostgreSQL): no handlers, no world, never started.
        const jobs = new LocalJobQueue({ db, worlds: undefined as unknown as WorldHolder, handlers: {} });
        const monitors = new MonitorService(store);
        const monitorName = subject.startsWith(MONITOR_PREFIX) ? subject.slice(MONITOR_PREFIX.length) : undefined;
        if (monitorName === undefined && (await jobs.get(subject))) {
          const pack = await buildEvidencePack({ store, jobs, review, proposals }, subject, CLI_ACTOR);
          await writeFile(opts.out, pack.zip);
          return void io.out(`${opts.out}: evidence pack of job ${subject} — ${pack.files.length} files; audit head entry ${pack.head.id} ${pack.head.hash}`);
        }
        if (monitorName === undefined && !(await monitors.monitors.find(subject)))
          throw new SightlineError('NOT_FOUND', `no screening job or monitor "${subject}" (GET /jobs and \`sightline monitor list\` show them)`);
        const pack = await buildMonitorEvidencePack({ store, review, proposals, monitors }, monitorName ?? subject, CLI_ACTOR);
        await writeFile(opts.out, pack.zip);
        io.out(`${opts.out}: evidence pack of monitor "${pack.monitor.name}" — ${pack.files.length} files; audit head entry ${pack.head.id} ${pack.head.hash}`);
      });
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify [pack]')
    .description("verify an evidence pack's audit-chain proof and file hashes, or without a file the database's audit chain; exit 1 names the first bad entry")
    .action(async (file: string | undefined, _opts, cmd: Command) => {
      if (!file) return verifyDatabase(cmd, io, setExit);
      const { verifyEvidencePack } = await import('../../server/evidence-verify.ts');
      const check = await verifyEvidencePack(await readPack(file), file);
      if (check.ok) {
        io.out(
          `${file}: verified — audit entries ${check.from}–${check.to} chain from anchor ${check.anchor.slice(0, 16)}… to head ${check.head}; ${check.files} files match their recorded sha256`,
        );
        return;
      }
      io.err(`${file}: NOT verified — ${check.problem}`);
      setExit(1);
    });
}

async function readPack(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new SightlineError('NOT_FOUND', `${file}: no such file`);
    throw err;
  }
}

async function verifyDatabase(cmd: Command, io: CliIO, setExit: (code: number) => void): Promise<void> {
  const { ReviewStore, serverDb } = await import('../../review/index.ts');
  await withStore(cmd.optsWithGlobals(), async (store) => {
    const audit = new ReviewStore(serverDb(store)).audit;
    const broken = await audit.verify();
    if (broken === undefined) return void io.out('audit log: the chain is intact');
    io.err(`audit log: NOT verified — the chain breaks at entry ${broken}`);
    setExit(1);
  });
}
