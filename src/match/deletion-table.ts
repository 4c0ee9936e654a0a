/**
 * Vocabulary keys within one edit of a word (SymSpell-style): a key is a neighbour of a word when one of
 * them is the other with a letter deleted, or both are the same string with a letter deleted (one
 * substitution). Instead of a Map from every deletion variant (a new string each, over a million for
 * one list) the table keeps 32-bit hashes of the keys and of their deletion variants in typed arrays,
 * bucketed by hash; a deletion's hash comes from the key's prefix hashes without building the string.
 * Every hash hit is checked against the key's text, so a collision never yields a false neighbour.
 */

/** Polynomial hash base (odd): H(s) = Σ s[j]·P^(len-1-j) mod 2^32. */
const P = 0x01000193;
/** Entries per directory bucket, on average, at most. */
const LOAD = 2;

/** Kinds of entry: the key itself, or the key with one letter deleted. */
const WHOLE = 0;
const DELETION = 1;

/** murmur3's finaliser: spreads the polynomial hash over the bucket bits. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Hashes of `s` and of `s` with the letter at each position from `from` on deleted, into `out`
 * (out[0]: the whole string; out[1 + i - from]: position i deleted). Returns how many were written.
 */
function hashesOf(s: string, from: number, out: Int32Array, pre: Int32Array, pow: Int32Array): number {
  const n = s.length;
  pre[0] = 0;
  pow[0] = 1;
  for (let i = 0; i < n; i++) {
    pre[i + 1] = (Math.imul(pre[i], P) + s.charCodeAt(i)) | 0;
    pow[i + 1] = Math.imul(pow[i], P);
  }
  const whole = pre[n];
  out[0] = mix(whole);
  let m = 1;
  for (let i = from; i < n; i++) {
    // the suffix after i keeps its powers; the prefix before i moves down one place
    const suffix = (whole - Math.imul(pre[i + 1], pow[n - 1 - i])) | 0;
    out[m++] = mix((Math.imul(pre[i], pow[n - 1 - i]) + suffix) | 0);
  }
  return m;
}

/** Letter `j` of `word` with the letter at `skip` deleted (skip -1: nothing deleted). */
function letterAt(word: string, skip: number, j: number): number {
  return word.charCodeAt(skip >= 0 && j >= skip ? j + 1 : j);
}

/** `key` equals `word` with the letter at `skip` deleted (skip -1: equals `word`). */
function equalsWithout(key: string, word: string, skip: number): boolean {
  const n = word.length - (skip >= 0 ? 1 : 0);
  if (key.length !== n) return false;
  for (let j = 0; j < n; j++) if (key.charCodeAt(j) !== letterAt(word, skip, j)) return false;
  return true;
}

/** `key` with one letter deleted equals `word` with the letter at `skip` deleted (skip -1: `word`). */
function deletionEquals(key: string, word: string, skip: number): boolean {
  const n = word.length - (skip >= 0 ? 1 : 0);
  if (key.length !== n + 1) return false;
  let j = 0;
  while (j < n && key.charCodeAt(j) === letterAt(word, skip, j)) j++;
  // key's letter j is the deleted one: the rest follows one place later
  for (; j < n; j++) if (key.charCodeAt(j + 1) !== letterAt(word, skip, j)) return false;
  return true;
}

/** A finished table as typed arrays and its keys (see snapshot-state.ts). */
export interface DeletionTableState {
  shift: number;
  dir: Int32Array;
  entryHash: Int32Array;
  entryValue: Int32Array;
}

export class DeletionTable {
  private keys: string[] = [];
  /** key id → its text: the keys added, or, restored, the caller's vocabulary */
  private keyAt: (id: number) => string = (id) => this.keys[id];
  // while building: hash and value (key id × 2 + kind) per entry
  private hashes: number[] = [];
  private values: number[] = [];
  // finished: entries bucketed by their hash's high bits
  private shift = 32;
  private dir: Int32Array = new Int32Array(1);
  private entryHash: Int32Array = new Int32Array(0);
  private entryValue: Int32Array = new Int32Array(0);
  private scratch = new Int32Array(65);
  private pre = new Int32Array(65);
  private pow = new Int32Array(65);

  /**
   * Adds vocabulary key `id` (ids are given in order, 0, 1, 2 …) with its text; with `deletable`,
   * its deletion variants too (positions from `prefix` on: "s:" of skeleton keys is never deleted).
   */
  add(id: number, key: string, deletable: boolean, prefix = 0): void {
    if (id !== this.keys.length) throw new Error(`deletion table: key ${id} added out of order`);
    this.keys.push(key);
    const n = this.hashInto(key, deletable ? prefix : key.length);
    this.hashes.push(this.scratch[0]);
    this.values.push(id * 2 + WHOLE);
    for (let x = 1; x < n; x++) {
      this.hashes.push(this.scratch[x]);
      this.values.push(id * 2 + DELETION);
    }
  }

  private hashInto(s: string, from: number): number {
    if (s.length + 1 > this.pre.length) {
      this.scratch = new Int32Array(s.length + 1);
      this.pre = new Int32Array(s.length + 1);
      this.pow = new Int32Array(s.length + 1);
    }
    return hashesOf(s, from, this.scratch, this.pre, this.pow);
  }

  /** Buckets the entries (a counting sort by hash's high bits, stable: entries keep the order added). */
  finish(): void {
    const count = this.hashes.length;
    let bits = 1;
    while (1 << bits < count / LOAD && bits < 24) bits++;
    this.shift = 32 - bits;
    const dir = new Int32Array((1 << bits) + 1);
    for (let x = 0; x < count; x++) dir[(this.hashes[x] >>> this.shift) + 1]++;
    for (let b = 0; b < 1 << bits; b++) dir[b + 1] += dir[b];
    const at = dir.slice(0, 1 << bits);
    this.entryHash = new Int32Array(count);
    this.entryValue = new Int32Array(count);
    for (let x = 0; x < count; x++) {
      const slot = at[this.hashes[x] >>> this.shift]++;
      this.entryHash[slot] = this.hashes[x];
      this.entryValue[slot] = this.values[x];
    }
    this.dir = dir;
    this.hashes = [];
    this.values = [];
  }

  /** The finished table; its keys are the vocabulary the caller keeps (`restore` takes them back). */
  state(): DeletionTableState {
    return { shift: this.shift, dir: this.dir, entryHash: this.entryHash, entryValue: this.entryValue };
  }

  /** A finished table from `state()` and its keys, by id. */
  static restore(state: DeletionTableState, keyAt: (id: number) => string): DeletionTable {
    const table = new DeletionTable();
    table.keyAt = keyAt;
    table.shift = state.shift;
    table.dir = state.dir;
    table.entryHash = state.entryHash;
    table.entryValue = state.entryValue;
    return table;
  }

  /**
   * Calls `found` with the id of every key within one edit of `word` (the word itself excluded),
   * positions before `prefix` never edited, the word itself not reported: first the keys that are the word with a letter more, then
   * per deleted position the key that is the word without it and the keys one substitution away. A key
   * may be reported more than once.
   */
  neighbours(word: string, prefix: number, found: (id: number) => void): void {
    const n = this.hashInto(word, prefix);
    // keys whose deletion is the word
    this.scan(this.scratch[0], DELETION, word, -1, found);
    for (let x = 1; x < n; x++) {
      const h = this.scratch[x];
      const skip = prefix + x - 1;
      this.scan(h, WHOLE, word, skip, found);
      this.scan(h, DELETION, word, skip, found);
    }
  }

  private scan(h: number, kind: number, word: string, skip: number, found: (id: number) => void): void {
    const b = h >>> this.shift;
    for (let x = this.dir[b], end = this.dir[b + 1]; x < end; x++) {
      const v = this.entryValue[x];
      if (this.entryHash[x] !== h || (v & 1) !== kind) continue;
      const key = this.keyAt(v >> 1);
      if (kind === WHOLE ? equalsWithout(key, word, skip) : key !== word && deletionEquals(key, word, skip)) found(v >> 1);
    }
  }
}
