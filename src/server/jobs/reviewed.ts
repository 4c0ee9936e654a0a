/**
 * A job's results as a reviewer sees them now: each hit with its review status from the current
 * decisions and, for a re-screen, the previous job's hits. Computed at read time, so a decision taken
 * after the job ran shows at once.
 */
import { hitStatus, type HitReview, type ReviewStore } from '../../review/index.ts';
import type { JobQueue } from './queue.ts';
import type { Hit, JobInfo, JobResult, ResultRow } from './types.ts';

export type ReviewedHit = Hit & { review: HitReview };
export type ReviewedRow = Omit<ResultRow, 'hits'> & { hits: ReviewedHit[] };

export interface ReviewedResult extends Omit<JobResult, 'rows'> {
  job: JobInfo;
  rows: ReviewedRow[];
  /** Hits by review status, and how many are raised (new or changed). */
  review: Record<string, number> & { raised: number };
}

export async function reviewedResult(jobs: JobQueue, review: ReviewStore, job: JobInfo, result: JobResult): Promise<ReviewedResult> {
  const decisions = await review.current(result.rows.map((r) => r.recordKey));
  const previous = new Map<string, string>();
  const prevId = typeof job.options.previousJobId === 'string' ? job.options.previousJobId : undefined;
  if (prevId) {
    const prev = await jobs.result(prevId);
    for (const r of prev?.rows ?? []) for (const h of r.hits) previous.set(`${r.recordKey}:${h.entityId}`, h.listingHash);
  }
  const counts: Record<string, number> & { raised: number } = { raised: 0 };
  const rows = result.rows.map((r) => ({
    ...r,
    hits: r.hits.map((h) => {
      const key = `${r.recordKey}:${h.entityId}`;
      const status = hitStatus({ listingHash: h.listingHash, decision: decisions.get(key), rescreen: Boolean(prevId), previousListingHash: previous.get(key) });
      counts[status.status] = (counts[status.status] ?? 0) + 1;
      if (status.raised) counts.raised++;
      return { ...h, review: status };
    }),
  }));
  return { ...result, job, rows, review: counts };
}
