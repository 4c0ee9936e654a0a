/**
 * A job's results as a reviewer sees them now: each hit with its review status from the current
 * decisions and, for a re-screen, the previous job's hits. Computed at read time, so a decision taken
 * after the job ran shows at once.
 */
import { hitStatus, type HitReview, type ProposalRecord, type Proposals, type ReviewStore } from '../../review/index.ts';
import type { JobQueue } from './queue.ts';
import type { Hit, JobInfo, JobResult, ResultRow } from './types.ts';

/** A hit with its review status and, with four-eyes, the decision proposed on it and waiting for approval. */
export type ReviewedHit = Hit & { review: HitReview; proposal?: ProposalRecord };
export type ReviewedRow = Omit<ResultRow, 'hits'> & { hits: ReviewedHit[] };

export interface ReviewedResult extends Omit<JobResult, 'rows'> {
  job: JobInfo;
  rows: ReviewedRow[];
  /** Hits by review status, and how many are raised (new or changed). */
  review: Record<string, number> & { raised: number };
}

export async function reviewedResult(
  jobs: Pick<JobQueue, 'result'>,
  review: ReviewStore,
  job: JobInfo,
  result: JobResult,
  proposals?: Proposals,
): Promise<ReviewedResult> {
  const recordKeys = result.rows.filter((r) => r.hits.length).map((r) => r.recordKey);
  const decisions = await review.current(recordKeys);
  const pending = new Map<string, ProposalRecord>();
  // newest first: the first pending proposal seen per hit is its latest
  for (const p of proposals ? await proposals.list({ recordKeys }) : [])
    if (!pending.has(`${p.recordKey}:${p.entityId}`)) pending.set(`${p.recordKey}:${p.entityId}`, p);
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
      const proposal = pending.get(key);
      return proposal ? { ...h, review: status, proposal } : { ...h, review: status };
    }),
  }));
  return { ...result, job, rows, review: counts };
}
