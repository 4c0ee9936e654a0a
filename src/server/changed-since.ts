/**
 * yente's `changed_since` for /match: only candidates whose data changed on or after a date. A party's
 * last change is the latest of its own records (from every source merged into it) and of its listings
 * (Sanction records), each dated by the list version that brought its current content (store
 * `changeDates`). Computed on first use per world snapshot and kept with it.
 */
import type { Store } from '../store/index.ts';
import { HttpError } from './http-errors.ts';
import type { WorldSnapshot } from './world-state.ts';

const lastChanges = new WeakMap<WorldSnapshot, Promise<Map<string, string>>>();

/** Party id → ISO time of its last change, for the snapshot's versions. */
export function partyChanges(store: Store, snap: WorldSnapshot): Promise<Map<string, string>> {
  let p = lastChanges.get(snap);
  if (!p) {
    p = store.changeDates(snap.versions).then((dates) => partyDates(snap, dates));
    lastChanges.set(snap, p);
  }
  return p;
}

function partyDates(snap: WorldSnapshot, dates: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const touch = (partyId: string, at: string | undefined) => {
    if (at && at > (out.get(partyId) ?? '')) out.set(partyId, at);
  };
  for (const party of snap.world.parties()) for (const m of snap.world.members(party.id)) touch(party.id, dates.get(m.id));
  for (const e of snap.world.all()) {
    if (e.schema !== 'Sanction') continue;
    for (const target of e.properties.entity ?? []) {
      const party = snap.world.get(target);
      if (party) touch(party.id, dates.get(e.id));
    }
  }
  return out;
}

/** The `changed_since` parameter as an ISO time: a date (YYYY-MM-DD, from its start) or a date and time. */
export function changedSinceTime(value: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!ok) throw new HttpError(400, `changed_since must be an ISO date (YYYY-MM-DD) or date and time, got "${value}"`);
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
}

/** Ids of the parties changed at or after `since` (an ISO time). */
export async function changedParties(store: Store, snap: WorldSnapshot, since: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const [id, at] of await partyChanges(store, snap)) if (at >= since) out.add(id);
  return out;
}
