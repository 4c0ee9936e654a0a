/**
 * `lists update` from the Lists page, as a job: every default source (data/list-sources.yml, optional
 * ones excluded) is updated in turn; one source failing is recorded and the others still run. The
 * world is reloaded once at the end if anything succeeded.
 */
import { resolveSource, sourceSpecs } from '../lists/update.ts';
import { SightlineError } from '../errors.ts';
import type { WorldHolder } from './world-state.ts';
import type { JobHandler } from './jobs/types.ts';
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

/** `afterReload`: what runs once the new lists are loaded (monitors re-screened). */
export function listsUpdateHandler(update: UpdateOneSource, worlds: WorldHolder, afterReload?: () => Promise<unknown>): JobHandler {
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
        statuses.push({ source, status: 'failed', error: err instanceof Error ? err.message : String(err) });
      }
    }
    const failed = statuses.filter((s) => s.status === 'failed');
    if (failed.length === statuses.length)
      throw new SightlineError('NETWORK', `no list could be updated: ${failed.map((s) => `${s.source}: ${s.error}`).join('; ')}`);
    jc.progress({ done: sources.length, total: sources.length, message: 'reloading the lists' });
    const snap = await worlds.reload();
    if (statuses.some((s) => s.status === 'imported')) {
      jc.progress({ done: sources.length, total: sources.length, message: 're-screening monitors' });
      await afterReload?.();
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
