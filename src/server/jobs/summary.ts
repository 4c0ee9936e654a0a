/** The kind-independent parts of a job result that every handler fills the same way. */
import type { WorldSnapshot } from '../world-state.ts';
import type { JobResult, ResultRow } from './types.ts';

/** Counts rows by outcome: a row with any `hit` is a hit, one with only `review` hits is a review. */
export function summarise(rows: ResultRow[]): JobResult['summary'] {
  const s = { rows: rows.length, screened: 0, skipped: 0, hits: 0, reviews: 0, clear: 0 };
  for (const r of rows) {
    if (r.error) {
      s.skipped++;
      continue;
    }
    s.screened++;
    if (r.hits.some((h) => h.severity === 'hit')) s.hits++;
    else if (r.hits.length) s.reviews++;
    else s.clear++;
  }
  return s;
}

/** The list versions a job screened against, as recorded with its result. */
export function versionsOf(snap: WorldSnapshot): JobResult['versions'] {
  return snap.versions.map((v) => ({ source: v.source, id: v.id, number: v.number, sha256: v.sha256, createdAt: v.createdAt }));
}
