/**
 * The prepared entities of an index, analysed name by name. A candidate is scored on the names retrieval
 * found for it (one or two of its names, usually): an entity not kept (entity-cache.ts) is prepared
 * again with only those names analysed, the rest when something reads them all (identifier hits,
 * exhaustive scoring, `scoreOne`). Analysing names was most of the cost of preparing an entity, and
 * preparing entities most of the cost of a query on an opened index of 100,000 parties or more.
 */
import type { Entity } from '../model/entity.ts';
import type { NameForm } from '../names/index.ts';
import { EntityCache } from './entity-cache.ts';
import { fillNames, prepare, preparePartly, type Prepared } from './prepared.ts';

export interface PreparedEntitiesSource {
  /** the entity at a position of the list the index was built from */
  source: (position: number) => Entity;
  /** per indexed entity: its position in that list */
  entitySource: Int32Array;
  /** per indexed entity: the ref of its first name (its names' refs follow each other) */
  nameBase: Int32Array;
  /** per name ref: where the name comes from in its entity (prepared.ts prepareWithOrigins) */
  refOrigin: Int32Array;
  /** what the index does to a name once analysed (rarity weights, comparison data) */
  finish: (f: NameForm) => void;
}

export class PreparedEntities {
  private readonly cache: EntityCache;
  /** the raw names of an entity kept with some of its names not analysed yet */
  private readonly partly = new WeakMap<Prepared, string[]>();

  constructor(private readonly from: PreparedEntitiesSource) {
    this.cache = new EntityCache(from.entitySource.length);
  }

  /** Entity `n` with every name analysed. */
  full(n: number): Prepared {
    const kept = this.cache.get(n);
    if (kept) {
      const raw = this.partly.get(kept);
      if (raw) this.fill(n, kept, raw, kept.names.keys());
      return kept;
    }
    const p = prepare(this.from.source(this.from.entitySource[n]));
    for (const f of p.names) this.from.finish(f);
    this.cache.set(n, p);
    return p;
  }

  /** Entity `n` with at least its names at `wanted` analysed (the others may be empty places). */
  withNames(n: number, wanted: readonly number[]): Prepared {
    const kept = this.cache.get(n);
    if (kept) {
      const raw = this.partly.get(kept);
      if (raw) this.fill(n, kept, raw, wanted);
      return kept;
    }
    const { prepared, raw } = preparePartly(this.from.source(this.from.entitySource[n]), this.originsOf(n).length);
    this.partly.set(prepared, raw);
    this.fill(n, prepared, raw, wanted);
    this.cache.set(n, prepared);
    return prepared;
  }

  /** Keeps an entity prepared whole (the build's, already finished). */
  set(n: number, p: Prepared): void {
    this.cache.set(n, p);
  }

  /** The entity if kept, without counting it as used. */
  peek(n: number): Prepared | undefined {
    return this.cache.peek(n);
  }

  /** Keeps the prepared entities of at most about `maxNames` names (entity-cache.ts). */
  bound(maxNames: number): void {
    this.cache.bound(maxNames);
  }

  private originsOf(n: number): Int32Array {
    const { nameBase, refOrigin } = this.from;
    return refOrigin.subarray(nameBase[n], n + 1 < nameBase.length ? nameBase[n + 1] : refOrigin.length);
  }

  /** Analyses (and finishes) the names at `wanted` of partly prepared entity `n`; forgets its raw names once all are. */
  private fill(n: number, p: Prepared, raw: string[], wanted: Iterable<number>): void {
    for (const f of fillNames(p, raw, this.originsOf(n), wanted)) this.from.finish(f);
    for (let j = 0; j < p.names.length; j++) if (!p.names[j]) return;
    this.partly.delete(p);
  }
}
