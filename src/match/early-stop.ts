/**
 * When scoring the retrieved candidates of a query, in pre-score order, may stop (match-index.ts
 * scoreRetrieved): entities are scored in batches, and most names match nothing, so the search ends
 * after a first batch without a hit; otherwise it goes on in batches while each has a hit (a common name
 * like "Huawei Technologies" goes on through its dozens of true matches).
 */
const FIRST_BATCH = 10;
const BATCH = 25;
/**
 * A batch without a hit does not end the search while the next candidate's pre-score is at least this
 * share of the last hit's: the pre-score does not order near-ties by score, so their hits come in any
 * order (at 300,000 parties the 16 "EP-IB…" planes that match "EP-IBS" lie among 240 planes of near-equal
 * pre-score, which share only "EP" with it). 0.9 took bench:scale-index recall at 300,000 from 0.907 to 0.940.
 */
const NEAR_TIE = 0.9;

export class EarlyStop {
  private seen = 0;
  private batchEnd = FIRST_BATCH;
  private hitInBatch = false;
  private lastHitShare = Infinity;

  /** Whether the search ends before the next candidate, whose pre-score is `share` of the best. */
  endsBefore(share: number): boolean {
    if (this.seen++ !== this.batchEnd) return false;
    if (!this.hitInBatch && share < this.lastHitShare * NEAR_TIE) return true;
    this.hitInBatch = false;
    this.batchEnd += BATCH;
    return false;
  }

  /** The candidate just scored reached the threshold; its pre-score was `share` of the best. */
  hit(share: number): void {
    this.hitInBatch = true;
    this.lastHitShare = share;
  }
}
