/**
 * `lists update` from the Lists page, as a job: every default source (data/list-sources.yml, optional
 * ones excluded) is updated in turn; one source failing is recorded and the others still run. The
 * world is reloaded once at the end if anything succeeded.
 */
import { resolveSource, sourceSpecs } from '../lists/update.ts';
import { SightlineError } from '../errors.ts';
import type { WorldHolder } from './world-state.ts';
import type { JobHandler } from './jobs/types.ts';
import type { SubmitInput } from './jobs/job-rows.ts';
import { summarise, versionsOf } from './jobs/summary.ts';

/** What updating one source gave (`updateSource` returns more; these are the parts shown). */
export interface ListUpdateOutcome {
  status: string;
  versionId?: number;
  /** The source's own version number. */
  versionNumber?: number;
  entities?: number;
}

export type UpdateOneSource = (source: string, onProgress: (message: string) => void) => Promise<ListUpdateOutcome>;

export interface SourceStatus {
  source: string;
  status: 'imported' | 'not-modified' | 'unchanged' | 'failed' | string;
  versionId?: number;
  versionNumber?: number;
  entities?: number;
  error?: string;
}

/** The sources a plain "update lists" covers: csl, ofac-sdn, ofac-cons (not optional ones, not templates). */
export function defaultUpdateSources(): string[] {
  return sourceSpecs()
    .filter((s) => !s.optional && !s.template)
    .map((s) => s.name);
}

/** Checks requested source names (400 on an unknown one) and de-duplicates them. */
export function checkSources(names: string[] | undefined): string[] {
  const wanted = (names ?? []).map((n) => n.trim()).filter(Boolean);
  if (!wanted.length) return defaultUpdateSources();
  const specs = sourceSpecs();
  for (const n of wanted) resolveSource(n, specs);
  return [...new Set(wanted)];
}

export function statusText(s: SourceStatus): string {
  if (s.status === 'failed') return `${s.source}: failed — ${s.error}`;
  if (s.status === 'imported')
    return `${s.source}: imported version ${s.versionNumber ?? s.versionId}${s.entities !== undefined ? ` (${s.entities} entities)` : ''}`;
  if (s.status === 'unchanged') return `${s.source}: downloaded, content unchanged (version ${s.versionNumber ?? s.versionId})`;
  if (s.status === 'not-modified') return `${s.source}: not modified since the last download`;
  return `${s.source}: ${s.status}`;
}

/** The operator alert for a source whose scheduled update failed. */
export function updateFailedMessage(source: string, error: string): string {
  return `lists update of ${source} failed; the current version stays in use: ${error}`;
}

/**
 * The job for the scheduled update of `slot` (PostgreSQL): its id is the slot, so however many processes
 * run the schedule, the queue takes it once and one worker runs it.
 */
export function scheduledUpdateJob(slot: Date, sources = defaultUpdateSources()): { id: string; input: SubmitInput } {
  const at = slot.toISOString();
  return {
    id: `lists-update-${at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`,
    input: {
      kind: 'lists-update',
      fileName: `scheduled lists update ${at}: ${sources.join(', ')}`,
      data: Buffer.from(JSON.stringify(sources)),
      options: { sources, scheduled: at },
      actor: 'schedule',
      role: 'admin',
    },
  };
}

export interface ListsUpdateHooks {
  /** What runs once the new lists are loaded (monitors re-screened). */
  afterReload?: () => Promise<unknown>;
  /** Raised for each source that failed in a scheduled update (options.scheduled), as `serve` does when it runs the update itself. */
  operatorAlert?: (message: string, detail: Record<string, unknown>) => Promise<unknown>;
}

export function listsUpdateHandler(update: UpdateOneSource, worlds: WorldHolder, hooks: ListsUpdateHooks = {}): JobHandler {
  return async (jc) => {
    const sources = Array.isArray(jc.options.sources) && jc.options.sources.length ? (jc.options.sources as string[]) : defaultUpdateSources();
    const statuses: SourceStatus[] = [];
    for (const [i, source] of sources.entries()) {
      const step = `${i + 1}/${sources.length} ${source}`;
      jc.progress({ done: i, total: sources.length, message: `${step}: starting` });
      try {
        const out = await update(source, (message) => jc.progress({ done: i, total: sources.length, message: `${step}: ${message}` }));
        statuses.push({ source, status: out.status, versionId: out.versionId, versionNumber: out.versionNumber, entities: out.entities });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        statuses.push({ source, status: 'failed', error });
        if (jc.options.scheduled) await hooks.operatorAlert?.(updateFailedMessage(source, error), { source, error });
      }
    }
    const failed = statuses.filter((s) => s.status === 'failed');
    if (failed.length === statuses.length)
      throw new SightlineError('NETWORK', `no list could be updated: ${failed.map((s) => `${s.source}: ${s.error}`).join('; ')}`);
    jc.progress({ done: sources.length, total: sources.length, message: 'reloading the lists' });
    const snap = await worlds.reload();
    if (statuses.some((s) => s.status === 'imported')) {
      jc.progress({ done: sources.length, total: sources.length, message: 're-screening monitors' });
      await hooks.afterReload?.();
    }
    const message = failed.length
      ? `${statuses.length - failed.length} of ${statuses.length} sources updated; failed: ${failed.map((s) => s.source).join(', ')}`
      : `${statuses.length} sources updated`;
    jc.progress({ done: sources.length, total: sources.length, message });
    return {
      kind: 'lists-update',
      rows: [],
      summary: summarise([]),
      versions: versionsOf(snap),
      notes: statuses.map(statusText),
      extra: { sources: statuses },
    };
  };
}
