/**
 * The read model the server answers from: the merged world, its match index and the list versions.
 * Swapped atomically after a list update, so requests in flight keep the world they started with.
 */
import { ALGORITHM, algorithmName, buildAlgorithmIndex, buildIndex, BoundedCache, type MatchIndex, type MatchResult } from '../match/index.ts';
import type { MergedWorld } from '../graph/world.ts';
import type { VersionInfo } from '../store/index.ts';
import type { Entity } from '../model/entity.ts';
import { listTopics } from '../model/lists.ts';

export interface WorldSnapshot {
  world: MergedWorld;
  versions: VersionInfo[];
  index: MatchIndex;
  /** Dataset name → canonical party ids in it (sources and list codes); `default` is everything. */
  datasets: Map<string, Set<string>>;
  /** FtM topic (sanction, export.control, debarment) → canonical party ids listed with it (data/lists.yml). */
  topics: Map<string, Set<string>>;
  loadedAt: string;
  /** Recent match answers for this snapshot (clients re-screen the same names); dropped with the snapshot on reload. */
  matchCache: BoundedCache<MatchResult[]>;
}

/** The read model of a world; `index`: its default match index when already at hand (opened from the snapshot file). */
export function snapshot(world: MergedWorld, versions: VersionInfo[] = [], cacheSize = 20_000, index?: MatchIndex): WorldSnapshot {
  // datasets and topics read every party's members and listings (0.4 s for the consolidated list, most
  // of it parsing the snapshot's JSON texts): worked out on first use, not before the server is ready
  let datasets: Map<string, Set<string>> | undefined;
  let topics: Map<string, Set<string>> | undefined;
  return {
    world,
    versions,
    index: index ?? buildIndex(world.parties()),
    get datasets() {
      return (datasets ??= datasetsOf(world));
    },
    get topics() {
      return (topics ??= topicsOf(world));
    },
    loadedAt: new Date().toISOString(),
    matchCache: new BoundedCache(cacheSize),
  };
}

/** Indexes of the other algorithms, built on first use per snapshot (most servers never ask for them). */
const otherIndexes = new WeakMap<WorldSnapshot, Map<string, MatchIndex>>();

/** The snapshot's index for an algorithm (`sightline-v1`/`best`: the default one, built with the snapshot). */
export function algorithmIndex(snap: WorldSnapshot, algorithm: string | undefined): MatchIndex {
  const name = algorithmName(algorithm);
  if (name === ALGORITHM) return snap.index;
  let byName = otherIndexes.get(snap);
  if (!byName) otherIndexes.set(snap, (byName = new Map()));
  let index = byName.get(name);
  if (!index) byName.set(name, (index = buildAlgorithmIndex(name, snap.world.parties())));
  return index;
}

/** Datasets a client can name in `/match/{dataset}`: each source (csl, pack, ofac-sdn…) and each list code (EL, SDN, CMIC…). */
export function datasetsOf(world: MergedWorld): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, id: string) => (out.get(name) ?? out.set(name, new Set()).get(name)!).add(id);
  for (const e of world.parties()) {
    for (const m of world.members(e.id)) add(m.origin?.source ?? 'unknown', e.id);
    for (const l of world.listings(e.id)) add(l.listCode, e.id);
  }
  return out;
}

/** Topic → parties with a listing on a list of that topic. */
export function topicsOf(world: MergedWorld): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of world.parties())
    for (const l of world.listings(e.id)) for (const t of listTopics(l.listCode)) (out.get(t) ?? out.set(t, new Set()).get(t)!).add(e.id);
  return out;
}

/** Sources an entity's facts came from (FtM `datasets`). */
export function datasetNames(world: MergedWorld, e: Entity): string[] {
  const names = new Set<string>();
  for (const m of world.members(e.id)) names.add(m.origin?.source ?? 'unknown');
  return [...names].sort();
}

export class WorldHolder {
  constructor(
    private current: WorldSnapshot,
    private readonly loader?: () => Promise<{ world: MergedWorld; versions: VersionInfo[]; index?: MatchIndex }>,
    private readonly cacheSize = 20_000,
  ) {}

  get(): WorldSnapshot {
    return this.current;
  }

  /** Reloads from the store (after `lists update` or an import); returns the new snapshot. */
  async reload(): Promise<WorldSnapshot> {
    if (!this.loader) return this.current;
    const { world, versions, index } = await this.loader();
    this.current = snapshot(world, versions, this.cacheSize, index);
    return this.current;
  }
}
