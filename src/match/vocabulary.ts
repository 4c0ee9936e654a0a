/**
 * The candidate index's keys by id and ids by key. While building, a map. Opened from a snapshot, no map:
 * building one of every key took 130 ms of a 1.1 s CLI call on the consolidated list (and seconds at a million
 * entities), when a query looks up a few dozen keys. Instead the snapshot keeps the key ids in key order
 * (`keyOrder`), searched by halves; each key is decoded from the file the first time it is read, then kept.
 * A long run (screening a file, a server) looks up keys by the million: after SEARCHES_BEFORE_MAP searches the
 * map is built after all (searching cost bench:screen 10 s of CPU over 100,000 rows; the map, 0.1 s once).
 */
const SEARCHES_BEFORE_MAP = 20_000;
import { searchSorted, type KeyList } from './index-state.ts';

export interface VocabularyState {
  /** the keys by id */
  keys: KeyList;
  /** the key ids in the order of their keys (as `<` orders strings) */
  keyOrder: Int32Array;
}

export class Vocabulary {
  private ids: Map<string, number> | undefined;
  private searches = 0;
  /** building: every key by id; opened: the keys decoded so far */
  private readonly keys: string[];
  private readonly stored: KeyList | undefined;
  private readonly order: Int32Array | undefined;

  constructor(opened?: VocabularyState) {
    if (opened) {
      if (opened.keyOrder.length !== opened.keys.length) throw new Error('vocabulary: key order and keys differ in length');
      this.stored = opened.keys;
      this.order = opened.keyOrder;
      this.keys = new Array(opened.keys.length);
    } else {
      this.ids = new Map();
      this.keys = [];
    }
  }

  get size(): number {
    return this.stored ? this.stored.length : this.keys.length;
  }

  /** Key `id`'s text. */
  at(id: number): string {
    let k = this.keys[id];
    if (k === undefined && this.stored) this.keys[id] = k = this.stored.at(id) ?? '';
    return k;
  }

  /** The id of `key`, or undefined when it is not in the vocabulary. */
  id(key: string): number | undefined {
    if (this.ids) return this.ids.get(key);
    if (++this.searches > SEARCHES_BEFORE_MAP) {
      const ids = new Map<string, number>();
      for (let id = 0; id < this.size; id++) ids.set(this.at(id), id);
      this.ids = ids;
      return ids.get(key);
    }
    const order = this.order!;
    const rank = searchSorted(order.length, (r) => this.at(order[r]), key);
    return rank < 0 ? undefined : order[rank];
  }

  /** Adds `key` (not yet in the vocabulary) and returns its id, the next number. */
  add(key: string): number {
    const ids = this.ids;
    if (this.stored || !ids) throw new Error('vocabulary: an opened vocabulary takes no new keys');
    const id = this.keys.length;
    ids.set(key, id);
    this.keys.push(key);
    return id;
  }

  /** The vocabulary as stored; an opened one gives its keys back as they were (each decoded). */
  state(): VocabularyState {
    const keys = Array.from({ length: this.size }, (_, i) => this.at(i));
    const order = Int32Array.from(keys.keys());
    order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    return { keys, keyOrder: order };
  }
}
