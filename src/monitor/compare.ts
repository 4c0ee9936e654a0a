/**
 * A monitor's new hits against its last ones, as alerts. Pure. Per (record × party):
 *   new      — flagged now, not before (and no reviewer decision on these very listings);
 *   changed  — flagged before and now, but the listings behind it differ (a new listing, a changed date or
 *              citation): the listing hash changed;
 *   resolved — flagged before, not now (delisted, or the link to the listed party ended).
 * A reviewer's decision holds while the listing hash is the one decided on (src/review's hitStatus).
 */
import { hitStatus, type DecisionRecord } from '../review/index.ts';
import type { AlertInput, MonitorHit } from './types.ts';

export interface Comparison {
  monitorId: string;
  /** Last hits of the records screened again. */
  before: MonitorHit[];
  /** Their hits now. */
  after: MonitorHit[];
  /** Current decision per `recordKey:entityId`. */
  decisions: Map<string, DecisionRecord>;
  cause: string;
}

const pairKey = (h: MonitorHit) => `${h.recordKey}:${h.entityId}`;

function facts(h: MonitorHit) {
  return { status: h.status, lists: h.lists, listings: h.listings, listingHash: h.listingHash };
}

export function compareHits(c: Comparison): AlertInput[] {
  const before = new Map(c.before.map((h) => [pairKey(h), h]));
  const after = new Map(c.after.map((h) => [pairKey(h), h]));
  const alerts: AlertInput[] = [];
  for (const [key, h] of after) {
    const prev = before.get(key);
    if (prev && prev.listingHash === h.listingHash) continue;
    const s = hitStatus({ listingHash: h.listingHash, decision: c.decisions.get(key), previousListingHash: prev?.listingHash, rescreen: true });
    if (!s.raised) continue;
    alerts.push({
      monitorId: c.monitorId,
      kind: s.status === 'changed' ? 'changed' : 'new',
      recordKey: h.recordKey,
      entityId: h.entityId,
      label: h.label,
      caption: h.caption,
      lists: h.lists,
      detail: { row: h.row, note: s.note, before: prev ? facts(prev) : undefined, after: facts(h) },
      cause: c.cause,
    });
  }
  for (const [key, h] of before) {
    if (after.has(key)) continue;
    alerts.push({
      monitorId: c.monitorId,
      kind: 'resolved',
      recordKey: h.recordKey,
      entityId: h.entityId,
      label: h.label,
      caption: h.caption,
      lists: h.lists,
      detail: { row: h.row, note: 'no longer flagged: delisted, or the link to the listed party ended', before: facts(h) },
      cause: c.cause,
    });
  }
  return alerts;
}
