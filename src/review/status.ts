/**
 * What a hit needs from a reviewer, given the current decision and the previous screening of the same
 * input. Pure. A dismissed hit stays dismissed until the entity's listing data changes; after a list
 * update, re-screening raises only hits that are new or whose listings changed.
 */
import type { Decision, DecisionRecord } from './decisions.ts';

export type HitStatus = 'new' | 'changed' | 'open' | Decision;

/** Each status in words, for reports. */
export const STATUS_TEXT: Record<HitStatus, string> = {
  new: 'New — needs review',
  changed: 'Changed since last review',
  open: 'Open (seen before)',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
};

export interface StatusInput {
  listingHash: string;
  decision?: DecisionRecord;
  /** Listing hash of the same record × entity in the previous screening, if this is a re-screen and it was there. */
  previousListingHash?: string;
  /** True when this job re-screens an earlier one. */
  rescreen?: boolean;
}

export interface HitReview {
  status: HitStatus;
  /** New or changed: needs a look now. */
  raised: boolean;
  decision?: DecisionRecord;
  /** Why the status is what it is, in words. */
  note: string;
}

export function hitStatus(input: StatusInput): HitReview {
  const d = input.decision;
  if (d) {
    if (d.listingHash === input.listingHash) {
      return { status: d.decision, raised: false, decision: d, note: `${d.decision} by ${d.actor} on ${d.createdAt.slice(0, 10)}` };
    }
    return {
      status: 'changed',
      raised: true,
      decision: d,
      note: `listing data changed since it was ${d.decision} by ${d.actor} on ${d.createdAt.slice(0, 10)}`,
    };
  }
  if (input.rescreen && input.previousListingHash !== undefined) {
    if (input.previousListingHash === input.listingHash) return { status: 'open', raised: false, note: 'seen in the previous screening; not yet decided' };
    return { status: 'changed', raised: true, note: 'listing data changed since the previous screening' };
  }
  return { status: 'new', raised: true, note: input.rescreen ? 'not in the previous screening' : 'not yet decided' };
}
