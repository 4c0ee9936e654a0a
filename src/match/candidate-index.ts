/**
 * In-memory candidate index over the names of parties. Keys per name: tokens, transliteration
 * skeletons, Double Metaphone codes, joined adjacent tokens ("fast link" → "fastlink"), Han
 * character bigrams; single-deletion variants of every vocabulary word give typo tolerance
 * (SymSpell-style). A query collects names by IDF-weighted key hits; only the best are fully scored.
 */
import type { NameForm } from '../names/index.ts';
import { DeletionTable, type DeletionTableState } from './deletion-table.ts';
import { Vocabulary, type VocabularyState } from './vocabulary.ts';

/** Max candidate names per query that go on to full scoring. */
export const CANDIDATE_NAMES = 80;
/** Vocabulary words of at least this length get deletion variants. */
const MIN_DELETE_LEN = 4;
/** Names whose key score is below this share of the best are not candidates. */
const KEEP_SHARE = 0.15;
const MAX_DELETE_LEN = 20;
/** Keys in more than this share of all names are skipped at query time when the query has rarer keys: costly, and say little. */
const COMMON_SHARE = 0.015;
const NEIGHBOUR_CACHE = 50_000;
/** Query words weighing less than this (industry words, places, common words) get no neighbour lookup. */
const NEIGHBOUR_MIN_WEIGHT = 0.3;
/** Packed ranking keys: pre-scores quantised to this many steps of the best, times room for name ids. */
const SCORE_STEPS = 1 << 20;
const ID_SPACE = 2 ** 31;

/** Plain words and skeleton keys ("s:vediskin") get deletion variants, so one edit (in spelling or in skeleton) still finds them. */
function isDeletable(key: string, word: boolean | undefined): boolean {
  if (key.length > MAX_DELETE_LEN) return false;
  if (word) return key.length >= MIN_DELETE_LEN && /^[a-z]+$/.test(key);
  return key.startsWith('s:') && key.length >= MIN_DELETE_LEN + 2 && /^s:[a-z]+$/.test(key);
}

/** Skeleton keys keep their "s:" when a letter is deleted. */
function editFrom(key: string): number {
  return key.startsWith('s:') ? 2 : 0;
}

/**
 * "s:"/"p:" keys of skeletons and phonetic codes, one string per code: a name's tokens share their
 * codes' strings (name-form.ts keeps them per word), so looking a code up here is cheap, and the key
 * returned has its hash already computed when the key map reads it (a new concatenation has not).
 */
const prefixedKeys = { 's:': new Map<string, string>(), 'p:': new Map<string, string>() };
const PREFIXED_MAX = 200_000;
function prefixed(prefix: 's:' | 'p:', code: string): string {
  const keys = prefixedKeys[prefix];
  let key = keys.get(code);
  if (key === undefined) {
    if (keys.size >= PREFIXED_MAX) keys.clear();
    keys.set(code, (key = prefix + code));
  }
  return key;
}

/**
 * The index keys of one name, each with the weight of the token that produced it, and whether it is a
 * plain word (which gets deletion variants). A visitor, not a list: names are keyed at every build and
 * every query, and a list would be a dozen small objects for each.
 */
export function forEachNameKey(f: NameForm, visit: (key: string, weight: number, word: boolean) => void): void {
  const toks = f.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    visit(t.text, t.weight, !t.number);
    // always, also when the skeleton is the word itself: "alfa" must meet "alpha" (skeleton "alfa")
    if (t.text.length >= 4 && !t.number) visit(prefixed('s:', t.skeleton), t.weight * 0.9, false);
    if (t.phonetic && t.text.length >= 4) visit(prefixed('p:', t.phonetic), t.weight * 0.6, false);
    if (i + 1 < toks.length && !t.number && !toks[i + 1].number) {
      visit(t.text + toks[i + 1].text, Math.min(t.weight, toks[i + 1].weight), false);
      if (i + 2 < toks.length && !toks[i + 2].number) {
        visit(t.text + toks[i + 1].text + toks[i + 2].text, Math.min(t.weight, toks[i + 1].weight), false);
      }
    }
  }
  if (f.hanCore) {
    const h = f.hanCore;
    if (h.length === 1) visit(`h:${h}`, 1, false);
    for (let i = 0; i + 1 < h.length; i++) visit(`h:${h.slice(i, i + 2)}`, 1, false);
  }
}

/** A finished index as typed arrays and its vocabulary (keys by id), for a snapshot. */
export interface CandidateIndexState extends VocabularyState {
  postings: Int32Array;
  listStart: Int32Array;
  idfs: Float64Array;
  refEntity: Int32Array;
  refName: Int32Array;
  norm: Float64Array;
  edits: DeletionTableState;
}

export class CandidateIndex {
  /** key ↔ key id; postings and IDF by key id (string keys are looked up once per query key) */
  private vocab = new Vocabulary();
  /** all postings lists side by side: key k's names are postings[listStart[k] … listStart[k + 1]) (one buffer, no object per key) */
  private postings: Int32Array = new Int32Array(0);
  private listStart: Int32Array = new Int32Array(1);
  private idfs: Float64Array = new Float64Array(0);
  /** the vocabulary keys by hash, with their deletion variants: neighbours within one edit */
  private edits = new DeletionTable();
  /** per name ref: its entity and the name's index in the entity (typed arrays once finished) */
  private buildingRefs: number[] = [];
  refEntity: Int32Array = new Int32Array(0);
  refName: Int32Array = new Int32Array(0);
  private size = 0;
  private scores = new Float64Array(0);
  private packed = new Float64Array(1024);
  /** per name: √ of its own IDF-weighted key mass, to rank short fully matched names above long partial ones */
  private norm: Float64Array = new Float64Array(0);
  /** names touched by the current query, and keys already counted for the current query name (by stamp) */
  private touched = new Int32Array(1024);
  private seen = new Int32Array(0);
  private stamp = 0;
  private nearSeen = new Int32Array(0);
  private nearStamp = 0;

  add(entity: number, name: number, form: NameForm): void {
    const id = this.size++;
    this.buildingRefs.push(entity, name);
    forEachNameKey(form, (key, weight, word) => {
      let k = this.vocab.id(key);
      if (k === undefined) {
        k = this.vocab.add(key);
        this.lastName.push(-1);
        this.keyNames.push(0);
        this.edits.add(k, key, isDeletable(key, word), editFrom(key));
      }
      // a key counts once per name: the last name that took it, by key id
      if (this.lastName[k] === id) return;
      this.lastName[k] = id;
      this.keyNames[k]++;
      this.pendingKeys.push(k);
      this.pendingWeights.push(weight);
    });
    this.pendingEnd.push(this.pendingKeys.length);
  }

  // while building: per key id, the last name that took it and how many names did; per name, its key
  // ids and their weights, flat (name id's run ends at pendingEnd[id])
  private lastName: number[] = [];
  private keyNames: number[] = [];
  private pendingKeys: number[] = [];
  private pendingWeights: number[] = [];
  private pendingEnd: number[] = [];

  finish(): void {
    const keys = this.lastName.length;
    this.edits.finish();
    this.listStart = new Int32Array(keys + 1);
    for (let k = 0; k < keys; k++) this.listStart[k + 1] = this.listStart[k] + this.keyNames[k];
    // names in id order: every postings list comes out sorted
    this.postings = new Int32Array(this.listStart[keys]);
    const at = this.listStart.slice(0, keys);
    const pending = this.pendingKeys;
    for (let id = 0, x = 0; id < this.size; id++) {
      for (const end = this.pendingEnd[id]; x < end; x++) this.postings[at[pending[x]]++] = id;
    }
    this.idfs = Float64Array.from({ length: keys }, (_, k) => this.idf(this.listSize(k)));
    this.seen = new Int32Array(keys);
    this.nearSeen = new Int32Array(keys);
    this.refEntity = Int32Array.from({ length: this.size }, (_, i) => this.buildingRefs[2 * i]);
    this.refName = Int32Array.from({ length: this.size }, (_, i) => this.buildingRefs[2 * i + 1]);
    this.buildingRefs = [];
    this.scores = new Float64Array(this.size);
    this.norm = new Float64Array(this.size);
    const weights = this.pendingWeights;
    for (let id = 0, x = 0; id < this.size; id++) {
      let m = 0;
      for (const end = this.pendingEnd[id]; x < end; x++) m += weights[x] * this.idfs[pending[x]];
      this.norm[id] = Math.sqrt(m || 1);
    }
    this.pendingKeys = [];
    this.pendingWeights = [];
    this.pendingEnd = [];
    this.lastName = [];
    this.keyNames = [];
  }

  state(): CandidateIndexState {
    const { postings, listStart, idfs, refEntity, refName, norm } = this;
    return { ...this.vocab.state(), postings, listStart, idfs, refEntity, refName, norm, edits: this.edits.state() };
  }

  /** A finished index from `state()`: the arrays are used as they are (views of a snapshot file). */
  static restore(state: CandidateIndexState): CandidateIndex {
    const index = new CandidateIndex();
    const vocab = new Vocabulary(state);
    index.vocab = vocab;
    index.edits = DeletionTable.restore(state.edits, (id) => vocab.at(id));
    index.postings = state.postings;
    index.listStart = state.listStart;
    index.idfs = state.idfs;
    index.norm = state.norm;
    index.refEntity = state.refEntity;
    index.refName = state.refName;
    index.size = state.refEntity.length;
    index.seen = new Int32Array(vocab.size);
    index.nearSeen = new Int32Array(vocab.size);
    index.scores = new Float64Array(index.size);
    return index;
  }

  /**
   * Whether `key` is in more than COMMON_SHARE of all names: a query name with a rarer token skips it
   * (see `ranked`). Delta re-screening reads it to leave out rows that share only such keys with a party.
   */
  isCommonKey(key: string): boolean {
    const k = this.vocab.id(key);
    return k !== undefined && this.listSize(k) > this.commonLimit();
  }

  private commonLimit(): number {
    return Math.max(50, this.size * COMMON_SHARE);
  }

  private listSize(k: number): number {
    return this.listStart[k + 1] - this.listStart[k];
  }

  private idf(df: number): number {
    return Math.log(1 + this.size / df);
  }

  /** neighbour lists (key ids) of recent query words: vocabularies repeat across queries (bounded) */
  private readonly near = new Map<string, number[]>();

  /** Vocabulary keys within about one edit of `word` (not `word` itself), as key ids, cached. */
  private neighbours(word: string): number[] {
    let hit = this.near.get(word);
    if (!hit) {
      hit = this.findNeighbours(word);
      if (this.near.size >= NEIGHBOUR_CACHE) this.near.clear();
      this.near.set(word, hit);
    }
    return hit;
  }

  private findNeighbours(word: string): number[] {
    const out: number[] = [];
    if (!isDeletable(word, !word.startsWith('s:'))) return out;
    // key ids already collected, by stamp (no Set per word)
    if (++this.nearStamp > 0x3fffffff) (this.nearStamp = 1), this.nearSeen.fill(0);
    const stamp = this.nearStamp;
    const seen = this.nearSeen;
    const self = this.vocab.id(word);
    if (self !== undefined) seen[self] = stamp;
    this.edits.neighbours(word, editFrom(word), (k) => {
      if (seen[k] !== stamp) (seen[k] = stamp), out.push(k);
    });
    return out;
  }

  /** Adds `w`·IDF of key `k` to every name that has it, unless the key is too common (see candidates). */
  private bump(k: number, w: number, skipCommon: boolean, common: number): void {
    const from = this.listStart[k];
    const to = this.listStart[k + 1];
    if (skipCommon && to - from > common) return;
    const inc = w * this.idfs[k];
    const scores = this.scores;
    const postings = this.postings;
    let touched = this.touched;
    let n = this.count;
    if (n + to - from > touched.length) {
      const grown = new Int32Array(Math.max(touched.length * 2, n + to - from));
      grown.set(touched.subarray(0, n));
      this.touched = touched = grown;
    }
    for (let x = from; x < to; x++) {
      const id = postings[x];
      if (scores[id] === 0) touched[n++] = id;
      scores[id] += inc;
    }
    this.count = n;
  }

  private count = 0;

  /** Counts key `key` once per query name (by stamp); false when it is not in the vocabulary or was counted. */
  private fresh(k: number | undefined): k is number {
    if (k === undefined || this.seen[k] === this.stamp) return false;
    this.seen[k] = this.stamp;
    return true;
  }

  /**
   * Name refs ranked by weighted key overlap with the query names; at most `limit`; `shares`, if given, gets
   * each one's pre-score as a share of the best of its query name (1: as good as the best). Each query name is
   * ranked on its own and the lists are interleaved by rank, so every name has its best candidates
   * near the top: the pinyin syllables of a Han name, rare keys, would otherwise outrank what the common
   * words of its English reading find ("中国航空工业集团" read as "China Aviation Industry").
   */
  candidates(queryNames: NameForm[], limit = CANDIDATE_NAMES, keep?: (ref: number) => boolean, shares?: number[]): number[] {
    if (queryNames.length === 1) return this.ranked(queryNames[0], limit, keep, shares);
    const listShares: number[][] = queryNames.map(() => []);
    const lists = queryNames.map((f, i) => this.ranked(f, limit, keep, listShares[i]));
    const out: number[] = [];
    const taken = new Set<number>();
    for (let rank = 0; out.length < limit && lists.some((l) => rank < l.length); rank++) {
      lists.forEach((l, i) => {
        if (rank >= l.length || taken.has(l[rank]) || out.length >= limit) return;
        taken.add(l[rank]);
        out.push(l[rank]);
        shares?.push(listShares[i][rank]);
      });
    }
    return out;
  }

  /**
   * Name refs ranked by weighted key overlap with one query name; at most `limit`. `keep`: the refs a caller's
   * filter (dataset, schema) accepts, ranked among themselves so that names it refuses take no place.
   */
  private ranked(f: NameForm, limit: number, keep?: (ref: number) => boolean, shares?: number[]): number[] {
    const scores = this.scores;
    this.count = 0;
    const common = this.commonLimit();
    // very common keys are skipped when the name has rarer ones: they would touch thousands of names
    let rare = false;
    for (const t of f.tokens) {
      const k = this.vocab.id(t.text);
      if ((k === undefined ? 0 : this.listSize(k)) <= common) rare = true;
    }
    if (++this.stamp > 0x3fffffff) (this.stamp = 1), this.seen.fill(0);
    forEachNameKey(f, (key, weight) => {
      const k = this.vocab.id(key);
      if (this.fresh(k)) this.bump(k, weight, rare, common);
    });
    for (const t of f.tokens) {
      // a misspelt weak word ("tradng") would add next to nothing: only distinctive words look for neighbours
      if (t.weight < NEIGHBOUR_MIN_WEIGHT) continue;
      // a three-letter word has no skeleton key of its own, but a longer indexed word may have its
      // skeleton ("EMS" ~ "EOMS", skeleton "ems")
      if (t.text.length === 3 && !t.number) {
        const k = this.vocab.id(`s:${t.skeleton}`);
        if (this.fresh(k)) this.bump(k, t.weight * 0.9, rare, common);
      }
      for (const n of this.neighbours(t.text)) if (this.fresh(n)) this.bump(n, t.weight * 0.8, rare, common);
      if (t.text.length < 4 || t.number) continue;
      for (const n of this.neighbours(`s:${t.skeleton}`)) if (this.fresh(n)) this.bump(n, t.weight * 0.7, rare, common);
    }
    // sorting every touched name is the cost of common-word queries: keep only those near the best first
    // rank by hits over the name's own key mass (cosine-like): "Huawei Technologies Co" before a long
    // name that also mentions Huawei
    const touched = this.touched;
    const n = this.count;
    let max = 0;
    for (let x = 0; x < n; x++) {
      const id = touched[x];
      scores[id] /= this.norm[id];
      if (scores[id] > max && (!keep || keep(id))) max = scores[id];
    }
    const floor = max * KEEP_SHARE;
    // rank by a native numeric sort of packed keys (score quantised in the high part, name id in the
    // low bits) instead of a comparator over thousands of names
    let packed = this.packed;
    if (packed.length < n) packed = this.packed = new Float64Array(Math.max(n, packed.length * 2));
    let m = 0;
    const scale = max > 0 ? SCORE_STEPS / max : 0;
    for (let x = 0; x < n; x++) {
      const id = touched[x];
      const v = scores[id];
      if (v >= floor && (!keep || keep(id))) packed[m++] = Math.round(v * scale) * ID_SPACE + (ID_SPACE - 1 - id);
      scores[id] = 0;
    }
    const ranked = packed.subarray(0, m).sort();
    const take = Math.min(limit, m);
    const kept: number[] = new Array(take);
    for (let x = 0; x < take; x++) {
      const v = ranked[m - 1 - x];
      kept[x] = ID_SPACE - 1 - (v % ID_SPACE);
      shares?.push(Math.floor(v / ID_SPACE) / SCORE_STEPS);
    }
    return kept;
  }
}
