/**
 * The prepared (analysed) entities an index keeps, by entity number, bounded by their number of names.
 * An analysed name weighs about 2 KB, so keeping every entity of a million-entity list would take
 * gigabytes; an entity not kept is prepared again from its source on its next use (match-index.ts
 * `entity`). Two generations, as BoundedCache: an entity used in the current generation stays; when the
 * current generation holds half the names allowed, the entities of the previous one not used since are
 * dropped. A list of up to half the bound (the consolidated list: about 50,000 names) stays whole.
 */
import type { Prepared } from './prepared.ts';

/** Names kept by default: 200,000 names, about 450 MB, four times the consolidated list's names. */
export const CACHED_NAMES = 200_000;

export class EntityCache {
  private readonly items: (Prepared | undefined)[];
  /** per entity: the generation in which it was last used */
  private readonly usedIn: Uint32Array;
  private generation = 1;
  private current: number[] = [];
  private currentNames = 0;
  private previous: number[] = [];

  /** For `size` entities, at most about `maxNames` names of them kept (Infinity: all). */
  constructor(
    size: number,
    private maxNames = CACHED_NAMES,
  ) {
    // packed, not holey: read for every candidate scored
    this.items = Array.from({ length: size }, () => undefined);
    this.usedIn = new Uint32Array(size);
  }

  get(n: number): Prepared | undefined {
    const p = this.items[n];
    if (p && this.usedIn[n] !== this.generation) this.use(n, p);
    return p;
  }

  /** The entity if kept, without counting it as used. */
  peek(n: number): Prepared | undefined {
    return this.items[n];
  }

  set(n: number, p: Prepared): void {
    this.items[n] = p;
    if (this.usedIn[n] !== this.generation) this.use(n, p);
  }

  /** Changes the bound; entities over it are dropped as generations pass. */
  bound(maxNames: number): void {
    this.maxNames = maxNames;
    if (this.currentNames > maxNames / 2) this.age();
  }

  private use(n: number, p: Prepared): void {
    this.usedIn[n] = this.generation;
    this.current.push(n);
    // an entity without names (identifiers only) still costs an object
    this.currentNames += p.names.length || 1;
    if (this.currentNames > this.maxNames / 2) this.age();
  }

  private age(): void {
    for (const n of this.previous) if (this.usedIn[n] !== this.generation) this.items[n] = undefined;
    this.previous = this.current;
    this.current = [];
    this.currentNames = 0;
    this.generation++;
  }
}
