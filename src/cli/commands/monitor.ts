/** `sightline monitor add|list|show|run|remove|alerts`: saved inputs re-screened when the lists change. */
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import { table, type CliIO } from '../io.ts';
import { SightlineError } from '../../errors.ts';
import type { Store } from '../../store/index.ts';
import type { Config } from '../../config.ts';
import type { Monitor, MonitorKind, MonitorService, RescreenOutcome } from '../../monitor/index.ts';
import { MONITOR_KINDS } from '../../monitor/types.ts';

const CLI = { actor: 'command line', role: 'admin' };
const collect = (v: string, prev: string[]) => [...prev, v];

async function currentWorld(store: Store) {
  const { loadWorld } = await import('../../graph/load.ts');
  const { screeningWorld } = await import('../../monitor/index.ts');
  const { world, versions } = await loadWorld(store);
  return screeningWorld(world, versions);
}

/** The monitor library loads only when a monitor command runs: it brings screening and alert delivery with it. */
async function monitorService(store: Store): Promise<MonitorService> {
  const { MonitorService } = await import('../../monitor/index.ts');
  return new MonitorService(store);
}

function parseMap(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const [k, ...v] = part.split('=');
    if (!k || !v.length) throw new SightlineError('USAGE', `--map takes field="Header",…, got ${spec}`);
    out[k.trim()] = v.join('=').trim().replace(/^"|"$/g, '');
  }
  return out;
}

function threshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new SightlineError('USAGE', `--threshold must be in (0, 1], got ${v}`);
  return n;
}

function monitorLine(m: Monitor): string[] {
  const recipients = [...m.recipients.webhooks.map((w) => w.url), ...m.recipients.emails].join(', ') || '-';
  return [
    m.name,
    m.kind,
    m.owner,
    m.fileName ?? '-',
    String(m.summary.rows),
    String(m.summary.hit),
    String(m.summary.review),
    m.screenedAt?.slice(0, 19).replace('T', ' ') ?? '-',
    recipients,
  ];
}

/** A monitor as shown: webhook secrets are never printed. */
function shown(m: Monitor) {
  return { ...m, recipients: { emails: m.recipients.emails, webhooks: m.recipients.webhooks.map((w) => ({ url: w.url, secret: 'set' })) } };
}

async function deliver(service: MonitorService, config: Config, io: CliIO): Promise<void> {
  const { deliverDue } = await import('../../monitor/index.ts');
  const report = await deliverDue(service, { smtp: config.smtp });
  if (report.delivered || report.failed)
    io.err(`alerts: ${report.delivered} delivered, ${report.failed} waiting for a retry${report.errors.length ? ` (${report.errors.join('; ')})` : ''}`);
}

function outcomeLine(o: RescreenOutcome | { monitor: string; error: string }): string {
  if ('error' in o) return `${o.monitor}: failed — ${o.error}`;
  if (o.mode === 'unchanged') return `${o.monitor}: up to date (${o.cause})`;
  const kinds = ['new', 'changed', 'resolved'].map((k) => `${o.alerts.filter((a) => a.kind === k).length} ${k}`).join(', ');
  return `${o.monitor}: ${o.mode} re-screen of ${o.screened} rows after ${o.cause} — ${o.alerts.length} alerts (${kinds})`;
}

export function registerMonitor(program: Command, io: CliIO): void {
  const monitor = program.command('monitor').description('monitors: saved vendor or holdings files re-screened when the lists change, with alerts');
  monitor
    .command('add')
    .description('save a file as a monitor and screen it (the baseline: no alerts; later changes raise them)')
    .argument('<name>', 'a name for the monitor')
    .argument('<file>', 'vendor, customer or holdings file (CSV, XLSX, JSON)')
    .option('--kind <kind>', `${MONITOR_KINDS.join(' or ')} (default: detected from the columns)`)
    .option('--index <file>', 'holdings: index or fund constituents for look-through')
    .option('--map <spec>', 'columns, e.g. name="Vendor Name",country=Country')
    .option('--threshold <n>', 'hit threshold 0..1')
    .option('--rules <ids>', 'rule sets, comma-separated (default: all in force)')
    .option('--owner <name>', 'who owns it', process.env.USER ?? 'command line')
    .option('--webhook <url>', 'POST alerts here (repeatable; signed with --secret)', collect, [])
    .option('--secret <secret>', 'HMAC key for the webhooks (16 characters or more)')
    .option('--email <address>', 'send the alert digest here (repeatable)', collect, [])
    .action(async (name: string, file: string, opts, cmd: Command) => {
      if (opts.kind && !(MONITOR_KINDS as readonly string[]).includes(opts.kind))
        throw new SightlineError('USAGE', `--kind must be ${MONITOR_KINDS.join(' or ')}`);
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const service = await monitorService(store);
        const options = { threshold: threshold(opts.threshold), map: parseMap(opts.map), rules: opts.rules ? String(opts.rules).split(',') : undefined };
        const recipients = { webhooks: (opts.webhook as string[]).map((url) => ({ url, secret: opts.secret ?? '' })), emails: opts.email as string[] };
        const spec = { name, kind: opts.kind as MonitorKind, owner: opts.owner, options, recipients };
        const { monitor: m, skipped } = await service.add(spec, { path: file, indexPath: opts.index }, await currentWorld(store), CLI);
        io.out(
          `monitor "${m.name}" (${m.id}): ${m.summary.rows} rows${skipped ? `, ${skipped} skipped` : ''} — ${m.summary.hit} hit, ${m.summary.review} review (baseline; list changes now raise alerts)`,
        );
      });
    });
  monitor
    .command('list')
    .description('every monitor')
    .option('--json', 'print as JSON')
    .action(async (opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const all = await (await monitorService(store)).monitors.list();
        if (opts.json) return io.out(JSON.stringify({ monitors: all.map(shown) }, null, 2));
        if (!all.length) return io.out('no monitors (sightline monitor add NAME FILE)');
        io.out(table(['name', 'kind', 'owner', 'file', 'rows', 'hit', 'review', 'screened', 'alerts to'], all.map(monitorLine)));
      });
    });
  registerShowRunRemove(monitor, io);
}

function registerShowRunRemove(monitor: Command, io: CliIO): void {
  monitor
    .command('show')
    .description('a monitor, its current hits and its latest alerts')
    .argument('<monitor>', 'name or id')
    .option('--json', 'print as JSON')
    .action(async (ref: string, opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const service = await monitorService(store);
        const m = await service.monitors.require(ref);
        const hits = await service.monitors.hits(m.id);
        const alerts = await service.alerts.list({ monitorId: m.id, limit: 50 });
        if (opts.json) return io.out(JSON.stringify({ monitor: shown(m), hits, alerts }, null, 2));
        io.out(table(['name', 'kind', 'owner', 'file', 'rows', 'hit', 'review', 'screened', 'alerts to'], [monitorLine(m)]));
        io.out(
          hits.length
            ? table(
                ['row', 'status', 'input', 'matched', 'lists'],
                hits.map((h) => [h.row, h.status, h.label, h.caption, h.lists.join(', ')]),
              )
            : 'no hits',
        );
        io.out(alerts.length ? alertTable(alerts) : 'no alerts');
      });
    });
  monitor
    .command('run')
    .description('re-screen monitors against what changed in the lists since their last screening, then deliver alerts')
    .argument('[monitor]', 'name or id (default: every monitor)')
    .option('--file <file>', "replace the monitor's file (a new vendor master): re-screened, alerts on the difference")
    .option('--index <file>', 'with --file: the new index file for look-through')
    .option('--full', 'screen every row again, not only what the list change touches')
    .option('--json', 'print the outcome as JSON')
    .action(async (ref: string | undefined, opts, cmd: Command) => {
      if (opts.file && !ref) throw new SightlineError('USAGE', '--file needs the monitor it replaces the file of');
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const service = await monitorService(store);
        const sw = await currentWorld(store);
        const outcomes = opts.file
          ? [await service.replaceInput(ref!, { path: opts.file, indexPath: opts.index }, sw, CLI)]
          : ref
            ? [await service.rescreen(ref, sw, { full: opts.full })]
            : await service.rescreenAll(sw, { full: opts.full });
        if (opts.json) io.out(JSON.stringify({ outcomes }, null, 2));
        else for (const o of outcomes) io.out(outcomeLine(o));
        await deliver(service, config, io);
      });
    });
  monitor
    .command('remove')
    .description('delete a monitor and its state (its alerts stay in the inbox)')
    .argument('<monitor>', 'name or id')
    .action(async (ref: string, _opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const m = await (await monitorService(store)).remove(ref, CLI);
        io.out(`monitor "${m.name}" removed`);
      });
    });
  monitor
    .command('alerts')
    .description('the alert inbox, newest first, with the delivery state of each')
    .option('--monitor <monitor>', 'only this monitor')
    .option('--undelivered', 'only alerts some recipient has not received yet')
    .option('--json', 'print as JSON')
    .action(async (opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const service = await monitorService(store);
        const monitorId = opts.monitor ? (await service.monitors.require(opts.monitor)).id : undefined;
        const alerts = await service.alerts.list({ monitorId, undelivered: opts.undelivered });
        if (opts.json) return io.out(JSON.stringify({ alerts }, null, 2));
        io.out(alerts.length ? alertTable(alerts) : 'no alerts');
      });
    });
}

function alertTable(alerts: Awaited<ReturnType<MonitorService['alerts']['list']>>): string {
  return table(
    ['#', 'when', 'kind', 'monitor', 'input', 'party', 'lists', 'cause', 'delivery'],
    alerts.map((a) => [
      a.id,
      a.createdAt.slice(0, 16).replace('T', ' '),
      a.kind,
      a.monitorName ?? '-',
      a.label,
      a.caption,
      a.lists.join(', '),
      a.cause,
      a.deliveries
        .map((d) => `${d.target}: ${d.status === 'delivered' ? 'delivered' : `pending (${d.attempts} attempts${d.lastError ? `, ${d.lastError}` : ''})`}`)
        .join('; ') || 'inbox only',
    ]),
  );
}
