/**
 * Monitoring in `serve`: `lists update` on a schedule (croner; daily by default), then every monitor
 * re-screened against what changed; a source that fails to download keeps its current version (imports
 * are all or nothing) and raises an operator alert. Due alert deliveries are retried on a timer.
 * On PostgreSQL every API process runs the schedule and the timer: each slot's update is handed to the
 * shared queue, which takes it once (enqueueUpdate), and each delivery is claimed by one sender.
 */
import { Cron } from 'croner';
import { MonitorService, deliverDue, screeningWorld, type DeliveryOptions, type RescreenOutcome } from '../monitor/index.ts';
import type { Store } from '../store/index.ts';
import { SightlineError } from '../errors.ts';
import type { WorldHolder, WorldSnapshot } from './world-state.ts';
import { defaultUpdateSources, statusText, updateFailedMessage, type ListsUpdateHooks, type SourceStatus, type UpdateOneSource } from './list-updates.ts';

/** Every day at 04:00 server time. */
export const DEFAULT_UPDATE_SCHEDULE = '0 4 * * *';
const DELIVER_EVERY_MS = 15_000;

export interface MonitoringOptions {
  /** Cron expression for `lists update`; false: no scheduled update. */
  updateSchedule?: string | false;
  delivery?: DeliveryOptions;
  /** How often due deliveries are retried, ms (default 15 s). */
  deliverEveryMs?: number;
  onLog?: (message: string) => void;
  /**
   * Several processes on one database (PostgreSQL): the update of a scheduled slot is submitted to the shared
   * queue instead of run here; resolves false when another process submitted that slot first.
   */
  enqueueUpdate?: (slot: Date) => Promise<boolean>;
}

export type RescreenResult = RescreenOutcome | { monitor: string; error: string };

export class Monitoring {
  readonly service: MonitorService;
  private cron?: Cron;
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    store: Store,
    private readonly worlds: WorldHolder,
    private readonly update: UpdateOneSource | undefined,
    private readonly o: MonitoringOptions = {},
  ) {
    this.service = new MonitorService(store);
  }

  /** Checks the cron expression (a bad one fails `serve` at start) and starts the schedule and the delivery timer. */
  start(): void {
    const schedule = this.o.updateSchedule ?? DEFAULT_UPDATE_SCHEDULE;
    try {
      if (schedule !== false && this.update) this.cron = new Cron(schedule, { protect: true }, (self) => void this.onSchedule(scheduledSlot(self)));
    } catch (err) {
      throw new SightlineError('CONFIG', `--update-schedule "${schedule}" is not a cron expression: ${(err as Error).message}`);
    }
    this.timer = setInterval(() => void this.deliver(), this.o.deliverEveryMs ?? DELIVER_EVERY_MS);
    this.timer.unref();
  }

  nextUpdate(): string | undefined {
    return this.cron?.nextRun()?.toISOString();
  }

  stop(): Promise<unknown> {
    this.cron?.stop();
    if (this.timer) clearInterval(this.timer);
    return this.running;
  }

  snapshotWorld(snap: WorldSnapshot = this.worlds.get()) {
    return screeningWorld(snap.world, snap.versions, snap.index);
  }

  /** Every monitor against the current lists, then deliveries. One at a time: runs queue behind each other. */
  rescreenAll(opts: { full?: boolean } = {}): Promise<RescreenResult[]> {
    const run = this.running.then(async () => {
      const out = await this.service.rescreenAll(this.snapshotWorld(), opts);
      await this.deliver();
      return out;
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** One scheduled slot: the update runs here, or on PostgreSQL is submitted once for every process. */
  async onSchedule(slot: Date): Promise<void> {
    try {
      if (!this.o.enqueueUpdate) {
        await this.scheduledUpdate();
        return;
      }
      const submitted = await this.o.enqueueUpdate(slot);
      this.o.onLog?.(`scheduled lists update of ${slot.toISOString()}: ${submitted ? 'queued for a worker' : 'already queued by another process'}`);
    } catch (err) {
      this.o.onLog?.(`scheduled lists update of ${slot.toISOString()} stopped: ${(err as Error).message}`);
    }
  }

  /** `lists update` of every default source, operator alerts for the failed ones, reload and re-screen when anything landed. */
  async scheduledUpdate(): Promise<{ statuses: SourceStatus[]; outcomes: RescreenResult[] }> {
    const statuses: SourceStatus[] = [];
    for (const source of defaultUpdateSources()) {
      try {
        const out = await this.update!(source, () => {});
        statuses.push({ source, ...out });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        statuses.push({ source, status: 'failed', error });
        await this.service.operatorAlert(updateFailedMessage(source, error), { source, error });
      }
    }
    for (const s of statuses) this.o.onLog?.(`scheduled lists update: ${statusText(s)}`);
    if (!statuses.some((s) => s.status === 'imported')) {
      await this.deliver();
      return { statuses, outcomes: [] };
    }
    await this.worlds.reload();
    return { statuses, outcomes: await this.rescreenAll() };
  }

  async deliver(): Promise<void> {
    try {
      const r = await deliverDue(this.service, this.o.delivery);
      if (r.failed) this.o.onLog?.(`alerts: ${r.failed} deliveries failed, retried later (${r.errors.join('; ')})`);
    } catch (err) {
      this.o.onLog?.(`alerts: delivery stopped: ${(err as Error).message}`);
    }
  }
}

/**
 * The time a run was scheduled for, the same in every process with the same schedule (croner fires a few
 * ms after it; a run exactly on the second is found by looking from just after it).
 */
export function scheduledSlot(cron: Cron): Date {
  return cron.previousRuns(1, new Date(Date.now() + 1))[0] ?? new Date();
}

/** What a lists-update job does around the update: re-screen the monitors, raise operator alerts for a scheduled one's failures. */
export function monitoringHooks(monitoring: Monitoring): ListsUpdateHooks {
  return { afterReload: () => monitoring.rescreenAll(), operatorAlert: (message, detail) => monitoring.service.operatorAlert(message, detail) };
}
