/**
 * A built match index as plain columns (typed arrays and string lists) and back: what a snapshot file
 * keeps, so that opening an index reads arrays instead of analysing every name again. Prepared
 * entities are not kept: the index prepares a candidate from its entity when a query first scores it.
 */
import type { CandidateIndexState } from './candidate-index.ts';

export interface MatchIndexState {
  entityIds: string[];
  /** per indexed entity: its position in the entities the index was built from */
  entitySource: Int32Array;
  schemaNames: string[];
  schemaOf: Uint16Array;
  nameBase: Int32Array;
  sigPool: Int32Array;
  sigAt: Int32Array;
  /** the names' keys, sorted (refKey numbers them so): looked up by binary search, read on demand */
  nameKeys: KeyList;
  refKey: Int32Array;
  refHan: Uint8Array;
  /** per name ref: where in its entity the name comes from (prepared.ts prepareWithOrigins) */
  refOrigin: Int32Array;
  idKeys: string[];
  idStart: Int32Array;
  idEntities: Int32Array;
  rarity: { words: string[]; counts: Int32Array; names: number };
  names: CandidateIndexState;
}

/** A list of strings, in memory or read from a snapshot entry by entry. */
export interface KeyList {
  readonly length: number;
  at(i: number): string | undefined;
}

/**
 * Keys numbered in insertion order → the keys sorted, and per old number the new one. Sorted, an
 * opened index finds a key by binary search in the file's list instead of building a map of millions.
 */
export function sortKeys(ids: Map<string, number>): { keys: string[]; renumber: Int32Array } {
  const keys = [...ids.keys()].sort();
  const renumber = new Int32Array(keys.length);
  keys.forEach((k, sorted) => {
    renumber[ids.get(k)!] = sorted;
  });
  return { keys, renumber };
}

/** The number of `key` in sorted `keys` (as `sort()` orders strings), -1 when absent. */
export function sortedKeyId(keys: KeyList, key: string): number {
  return searchSorted(keys.length, (i) => keys.at(i)!, key);
}

/** The rank of `key` among `length` strings in `<` order, read by rank through `keyAt`; -1 when absent. */
export function searchSorted(length: number, keyAt: (rank: number) => string, key: string): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keyAt(mid);
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Keys numbered in insertion order (as the index numbers them) → the keys by number. */
export function keysById(ids: Map<string, number>): string[] {
  return [...ids.keys()];
}

export function idsByKey(keys: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (let k = 0; k < keys.length; k++) ids.set(keys[k], k);
  return ids;
}

/** A map of number lists as three columns: keys, where each key's run starts, the runs side by side. */
export function listsToColumns(lists: Map<string, number[]>): { keys: string[]; start: Int32Array; values: Int32Array } {
  const keys = [...lists.keys()];
  const start = new Int32Array(keys.length + 1);
  keys.forEach((k, i) => {
    start[i + 1] = start[i] + lists.get(k)!.length;
  });
  const values = new Int32Array(start[keys.length]);
  keys.forEach((k, i) => {
    values.set(lists.get(k)!, start[i]);
  });
  return { keys, start, values };
}

export function columnsToLists(keys: string[], start: Int32Array, values: Int32Array): Map<string, number[]> {
  const lists = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) lists.set(keys[i], Array.from(values.subarray(start[i], start[i + 1])));
  return lists;
}
