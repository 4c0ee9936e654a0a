/**
 * Monitoring as library calls the CLI and the server wrap: add a monitor (its first screening is the
 * baseline and raises no alert), replace its file (re-screened from scratch, alerts on the difference),
 * re-screen after a list change (delta), and raise operator alerts. Each screening's state and its alerts
 * are written in one transaction.
 */
import type { Store } from '../store/index.ts';
import { AuditLog, ReviewStore, serverDb } from '../review/index.ts';
import { MonitorStore, type NewMonitor } from './monitor-store.ts';
import { AlertStore } from './alert-store.ts';
import { MonitorLocks } from './monitor-lock.ts';
import type { MonitorDatabase } from './schema.ts';
import { compareHits } from './compare.ts';
import { affectedParties, changedParties, isLargeChange, listChange, screenDelta, type ChangedParties, type ListChange } from './delta.ts';
import { readMonitorInput, screenAll, summariseHits, type ScreeningWorld } from './screen-monitor.ts';
import type { AlertInput, Monitor, MonitorHit, MonitorInput, Recipients } from './types.ts';

export interface Actor {
  actor: string;
  role: string;
}

export interface RescreenOutcome {
  monitor: string;
  mode: 'unchanged' | 'delta' | 'full';
  /** Rows screened again. */
  screened: number;
  alerts: AlertInput[];
  cause: string;
}

export interface InputFiles {
  path: string;
  /** Name to show (an upload's file name); default the path's base name. */
  name?: string;
  indexPath?: string;
}

/** A list change, and its changed parties ready to probe (none when it is better screened from scratch). */
type SharedChange = { change: ListChange; parties?: ChangedParties };

const today = () => new Date().toISOString().slice(0, 10);

export class MonitorService {
  readonly monitors: MonitorStore;
  readonly alerts: AlertStore;
  private readonly review: ReviewStore;
  private readonly audit: AuditLog;
  private readonly locks: MonitorLocks<MonitorDatabase>;

  constructor(private readonly store: Store) {
    this.monitors = new MonitorStore(store);
    this.locks = new MonitorLocks(this.monitors.db);
    this.alerts = new AlertStore(this.monitors.db);
    this.review = new ReviewStore(serverDb(store));
    this.audit = new AuditLog(serverDb(store));
  }

  /** Creates the monitor and screens its file as the baseline (no alerts: the report of the first screening says what to review). */
  async add(spec: NewMonitor, files: InputFiles, sw: ScreeningWorld, by: Actor): Promise<{ monitor: Monitor; skipped: number }> {
    const read = await readMonitorInput(files.path, { kind: spec.kind, map: spec.options?.map, indexPath: files.indexPath, name: files.name });
    const monitor = await this.monitors.create({ ...spec, kind: read.kind });
    try {
      const hits = screenAll(sw, monitor, read.input, today());
      await this.monitors.saveScreening(monitor.id, { input: read.input, hits, versions: sw.versions, summary: summariseHits(read.input.rows.length, hits) });
    } catch (err) {
      await this.monitors.remove(monitor.id);
      throw err;
    }
    await this.audit.append({
      ...by,
      action: 'monitor.created',
      subject: monitor.id,
      detail: { name: monitor.name, file: read.input.fileName, sha256: read.input.sha256 },
    });
    return { monitor: (await this.monitors.get(monitor.id))!, skipped: read.skipped };
  }

  async remove(idOrName: string, by: Actor): Promise<Monitor> {
    const m = await this.monitors.require(idOrName);
    await this.monitors.remove(m.id);
    await this.audit.append({ ...by, action: 'monitor.removed', subject: m.id, detail: { name: m.name } });
    return m;
  }

  /** A new file for the monitor (a new vendor master): screened from scratch and compared with the last state. */
  async replaceInput(idOrName: string, files: InputFiles, sw: ScreeningWorld, by: Actor): Promise<RescreenOutcome> {
    const { id } = await this.monitors.require(idOrName);
    return this.locks.run(id, () => this.replaceLocked(id, files, sw, by));
  }

  private async replaceLocked(id: string, files: InputFiles, sw: ScreeningWorld, by: Actor): Promise<RescreenOutcome> {
    const m = await this.monitors.require(id);
    const read = await readMonitorInput(files.path, { kind: m.kind, map: m.options.map, indexPath: files.indexPath, name: files.name });
    const cause = `file replaced: ${read.input.fileName}`;
    const out = await this.saveFull(m, read.input, sw, cause, true);
    await this.audit.append({
      ...by,
      action: 'monitor.file-replaced',
      subject: m.id,
      detail: { file: read.input.fileName, sha256: read.input.sha256, alerts: out.alerts.length },
    });
    return out;
  }

  /**
   * Re-screens one monitor against the current lists: only what changed since its last screening, unless `full`.
   * `changes` shares the list changes between monitors screened on the same versions (rescreenAll).
   */
  async rescreen(idOrName: string, sw: ScreeningWorld, opts: { full?: boolean; changes?: Map<string, Promise<SharedChange>> } = {}): Promise<RescreenOutcome> {
    const { id } = await this.monitors.require(idOrName);
    // its state is read again under the lock: a re-screen that waited starts from what the other saved
    return this.locks.run(id, () => this.rescreenLocked(id, sw, opts));
  }

  private async rescreenLocked(
    id: string,
    sw: ScreeningWorld,
    opts: { full?: boolean; changes?: Map<string, Promise<SharedChange>> },
  ): Promise<RescreenOutcome> {
    const m = await this.monitors.require(id);
    const input = await this.monitors.input(m.id);
    if (!input) return { monitor: m.name, mode: 'unchanged', screened: 0, alerts: [], cause: 'no input' };
    const behind = Object.keys(sw.versions).filter((source) => sw.versions[source] < (m.screenedVersions[source] ?? 0));
    // another process re-screened it on lists this one has not loaded yet: going back would alert in reverse
    if (behind.length)
      return { monitor: m.name, mode: 'unchanged', screened: 0, alerts: [], cause: `screened on newer ${behind.join(', ')} lists than loaded here` };
    const { change, parties } = await this.sharedChange(m.screenedVersions, sw, opts.changes);
    const cause = change.causes.join(', ') || 'full re-screen';
    if (!change.causes.length && !opts.full) return { monitor: m.name, mode: 'unchanged', screened: 0, alerts: [], cause: 'no list changed' };
    if (opts.full || !parties) return this.saveFull(m, input, sw, cause, false);
    const last = await this.monitors.hits(m.id);
    const { records, hits } = screenDelta(sw, m, input, last, { rawIds: change.rawIds, parties }, today());
    const before = last.filter((h) => records.has(h.recordKey));
    const alerts = compareHits({ monitorId: m.id, before, after: hits, decisions: await this.review.current([...records]), cause });
    const untouched = last.filter((h) => !records.has(h.recordKey));
    const summary = summariseHits(input.rows.length, [...untouched, ...hits]);
    const outcome: RescreenOutcome = { monitor: m.name, mode: 'delta', screened: records.size, alerts, cause };
    await this.saveWithAlerts(m, { hits, records, versions: sw.versions, summary }, outcome);
    return outcome;
  }

  /** What changed from the versions `from` to the world's, computed once per `from` when `changes` is given. */
  private sharedChange(from: Record<string, number>, sw: ScreeningWorld, changes?: Map<string, Promise<SharedChange>>): Promise<SharedChange> {
    const compute = async () => {
      const change = await listChange(this.store, from, sw.versions);
      if (change.full || !change.causes.length) return { change };
      const affected = affectedParties(sw.world, change.rawIds);
      return { change, parties: isLargeChange(sw.world, affected) ? undefined : changedParties(sw, affected) };
    };
    if (!changes) return compute();
    const key = JSON.stringify(Object.entries(from).sort());
    let shared = changes.get(key);
    if (!shared) changes.set(key, (shared = compute()));
    return shared;
  }

  /** Every monitor, one after the other (one failing is reported, the others still run). */
  async rescreenAll(sw: ScreeningWorld, opts: { full?: boolean } = {}): Promise<(RescreenOutcome | { monitor: string; error: string })[]> {
    const out: (RescreenOutcome | { monitor: string; error: string })[] = [];
    const changes = new Map<string, Promise<SharedChange>>();
    for (const m of await this.monitors.list()) {
      try {
        out.push(await this.rescreen(m.id, sw, { ...opts, changes }));
      } catch (err) {
        out.push({ monitor: m.name, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return out;
  }

  /** An alert for whoever runs Sightline (a failed list download): in the inbox, sent to every monitor's recipients. */
  async operatorAlert(message: string, detail: Record<string, unknown> = {}): Promise<void> {
    const all = await this.monitors.list();
    const recipients: Recipients = {
      webhooks: [...new Map(all.flatMap((m) => m.recipients.webhooks).map((w) => [w.url, w])).values()],
      emails: [...new Set(all.flatMap((m) => m.recipients.emails))],
    };
    await this.alerts.add(
      [{ kind: 'operator', label: 'Sightline', caption: message, lists: [], detail: { message, ...detail }, cause: 'list update' }],
      () => recipients,
    );
  }

  private async saveFull(m: Monitor, input: MonitorInput, sw: ScreeningWorld, cause: string, replaced: boolean): Promise<RescreenOutcome> {
    const last = await this.monitors.hits(m.id);
    const hits = screenAll(sw, m, input, today());
    const keys = new Set<string>([...hits, ...last].map((h: MonitorHit) => h.recordKey));
    const alerts = compareHits({ monitorId: m.id, before: last, after: hits, decisions: await this.review.current([...keys]), cause });
    const summary = summariseHits(input.rows.length, hits);
    const outcome: RescreenOutcome = { monitor: m.name, mode: 'full', screened: input.rows.length, alerts, cause };
    await this.saveWithAlerts(m, { input: replaced ? input : undefined, hits, versions: sw.versions, summary }, outcome, !replaced);
    return outcome;
  }

  /**
   * The screening's state, its alerts and (for a re-screen after a list change) a `monitor.rescreened`
   * audit entry naming the versions before and after and the alerts raised, in one transaction: the
   * monitor's evidence pack proves its alert history through that chain.
   */
  private async saveWithAlerts(m: Monitor, state: Parameters<MonitorStore['saveScreening']>[1], o: RescreenOutcome, audited = true): Promise<void> {
    await this.monitors.saveScreening(m.id, state, async (trx) => {
      const ids = await this.alerts.add(o.alerts, () => m.recipients, trx);
      if (!audited) return;
      const kinds: Record<string, number> = {};
      for (const a of o.alerts) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
      await this.audit.append(
        {
          // whoever asked (a scheduled update, POST /monitors/run), the re-screen itself is the system's
          actor: 'monitoring',
          role: 'admin',
          action: 'monitor.rescreened',
          subject: m.id,
          detail: { mode: o.mode, cause: o.cause, from: m.screenedVersions, to: state.versions, screened: o.screened, alerts: kinds, alertIds: ids },
        },
        trx as unknown as Parameters<AuditLog['append']>[1],
      );
    });
  }
}
