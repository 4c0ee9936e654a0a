/**
 * Delta re-screening. When list versions change, only rows the change can touch are screened again:
 *   - rows whose last hits rest on a changed entity (matched party, a path step, or a member merged into them);
 *   - rows that now match a changed party, or a party whose paths run through one (found by the full
 *     matcher keeping only those parties, after a prefilter that lets most rows skip the matcher).
 * Their new hits replace their old ones; every other row keeps its state. A change too large to be worth
 * it (a new source, or more than a fifth of all parties) re-screens from scratch.
 */
import type { Store } from '../store/index.ts';
import type { MergedWorld } from '../graph/world.ts';
import type { Entity } from '../model/entity.ts';
import { recordKey } from '../review/index.ts';
import type { Matcher, RowFields, RowScreener } from '../screen/index.ts';
import { flagRow, flagsAny, monitorScreener, type ScreeningWorld } from './screen-monitor.ts';
import { ChangedPartyFilter, type KeyRetrieval } from './prefilter.ts';
import type { Monitor, MonitorHit, MonitorInput } from './types.ts';

export interface ListChange {
  /** Ids of the entries added, changed or removed, and of every entity they reference. */
  rawIds: Set<string>;
  /** "csl version 2", one per changed source. */
  causes: string[];
  /** True when the change is better screened from scratch. */
  full: boolean;
  counts: { added: number; changed: number; removed: number };
}

/** Max walk from a changed party down to the parties whose paths reach it (the path walker's depth + 1). */
const WALK_DEPTH = 7;
const FULL_SHARE = 0.2;
/** Values that can be entity ids: references in Sanction and link entities. */
const REFERENCE = /^[^\s]{1,200}$/;

/** What changed between the versions a monitor last used and the current ones. */
export async function listChange(store: Store, from: Record<string, number>, to: Record<string, number>): Promise<ListChange> {
  const change: ListChange = { rawIds: new Set(), causes: [], full: false, counts: { added: 0, changed: 0, removed: 0 } };
  for (const [source, toId] of Object.entries(to)) {
    const fromId = from[source];
    if (fromId === toId) continue;
    const v = await store.version(toId);
    change.causes.push(`${source} version ${v?.number ?? toId}`);
    if (fromId === undefined || !(await store.version(fromId))) {
      change.full = true;
      continue;
    }
    const diff = await store.diff(fromId, toId);
    change.counts.added += diff.added.length;
    change.counts.changed += diff.changed.length;
    change.counts.removed += diff.removed.length;
    const newer = [...diff.added, ...diff.changed].map((e) => e.id);
    const older = [...diff.removed, ...diff.changed].map((e) => e.id);
    for (const id of [...newer, ...older]) change.rawIds.add(id);
    for (const e of [...(await store.entitiesByIds(toId, newer)), ...(await store.entitiesByIds(fromId, older))]) addReferences(change.rawIds, e);
  }
  return change;
}

function addReferences(ids: Set<string>, e: Entity): void {
  for (const values of Object.values(e.properties)) for (const v of values) if (REFERENCE.test(v)) ids.add(v);
}

/** Canonical parties of the new world the change touches, and every party whose paths may run through them. */
export function affectedParties(world: MergedWorld, rawIds: Set<string>): Set<string> {
  const seen = new Set<string>();
  let frontier: string[] = [];
  for (const id of rawIds) {
    const c = world.canonicalId(id);
    if (c && !seen.has(c)) {
      seen.add(c);
      frontier.push(c);
    }
  }
  for (let depth = 0; depth < WALK_DEPTH && frontier.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const down = world.relationsFrom(id).map((r) => r.to);
      const sideways = world
        .relationsTo(id)
        .filter((r) => r.kind === 'affiliate')
        .map((r) => r.from);
      for (const n of [...down, ...sideways]) {
        const c = world.canonicalId(n) ?? n;
        if (!seen.has(c)) {
          seen.add(c);
          next.push(c);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

export function isLargeChange(world: MergedWorld, affected: Set<string>): boolean {
  return affected.size > world.parties().length * FULL_SHARE;
}

/** The changed parties as a matcher and a prefilter: built once per change, shared by every monitor. */
export interface ChangedParties {
  affected: Set<string>;
  /** The full matcher answering with changed parties only (none when no changed party is in the world). */
  index?: Matcher;
  filter: ChangedPartyFilter;
  /** Row screeners by matcher and monitor options, shared by the monitors screened on this change. */
  screeners: Map<string, RowScreener>;
}

/**
 * The full matcher, keeping only the changed parties (its `accept` filter, which the matchers Sightline
 * builds honour): their scores are those of a full screening. A separate small index of them would weigh
 * names by their rarity among those few parties and miss rows a full screening flags.
 */
function changedOnly(matcher: Matcher, world: MergedWorld, affected: Set<string>): Matcher {
  const accept = (id: string) => affected.has(world.canonicalId(id) ?? id);
  return {
    match: (query, opts) => {
      const restricted = { ...opts, accept };
      return matcher.match(query, restricted);
    },
  };
}

function screenerFor(
  parties: ChangedParties,
  which: 'probe' | 'full',
  matcher: Matcher,
  sw: ScreeningWorld,
  monitor: Pick<Monitor, 'kind' | 'options'>,
  asOf: string,
): RowScreener {
  const key = JSON.stringify([which, monitor.kind, monitor.options.threshold, monitor.options.rules, asOf]);
  let screener = parties.screeners.get(key);
  if (!screener) parties.screeners.set(key, (screener = monitorScreener(sw, matcher, monitor, asOf)));
  return screener;
}

/** The candidate index's view of its keys, when the matcher is Sightline's own index (not OFAC-SLS). */
function retrievalOf(matcher: Matcher): KeyRetrieval | undefined {
  const index = matcher as Matcher & Partial<KeyRetrieval>;
  return typeof index.isCommonKey === 'function' ? { isCommonKey: (key) => index.isCommonKey!(key) } : undefined;
}

export function changedParties(sw: ScreeningWorld, affected: Set<string>): ChangedParties {
  const parties = [...affected].map((id) => sw.world.get(id)).filter((e): e is Entity => Boolean(e));
  return {
    affected,
    index: parties.length ? changedOnly(sw.matcher, sw.world, affected) : undefined,
    filter: new ChangedPartyFilter(parties, retrievalOf(sw.matcher)),
    screeners: new Map(),
  };
}

/**
 * Re-screens the rows the change touches. Returns their records (whose old hits the new ones replace)
 * and their new hits.
 */
export function screenDelta(
  sw: ScreeningWorld,
  monitor: Pick<Monitor, 'kind' | 'options'>,
  input: MonitorInput,
  last: MonitorHit[],
  change: { rawIds: Set<string>; parties: ChangedParties },
  asOf: string,
): { records: Set<string>; hits: MonitorHit[] } {
  const { affected, index, filter } = change.parties;
  // by row number: the last hits come from this same input (a replaced file is screened from scratch)
  const stale = new Set(last.filter((h) => h.ids.some((id) => change.rawIds.has(id) || affected.has(id))).map((h) => h.row));
  // screeners are built once per change and monitor options (building one indexes every party's identifiers)
  const probe = index && screenerFor(change.parties, 'probe', index, sw, monitor, asOf);
  // holdings names are cut to the issuer's before matching: only vendor names are analysed as the matcher reads them
  const commonSkip = monitor.kind === 'vendors';
  const mayMatch = (f: RowFields) => filter.mayMatch(f, { commonSkip });
  const records = new Set<string>();
  const hits: MonitorHit[] = [];
  for (const row of input.rows) {
    const touched = stale.has(row.row) || (probe !== undefined && flagsAny(sw.world, probe, row, input, affected, mayMatch));
    if (!touched) continue;
    records.add(recordKey(row.fields));
    hits.push(...flagRow(sw.world, screenerFor(change.parties, 'full', sw.matcher, sw, monitor, asOf), row, input));
  }
  return { records, hits };
}
