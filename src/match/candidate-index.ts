/**
 * In-memory candidate index over the names of parties. Keys per name: tokens, transliteration
 * skeletons, Double Metaphone codes, joined adjacent tokens ("fast link" → "fastlink"), Han
 * character bigrams; single-deletion variants of every vocabulary word give typo tolerance
 * (SymSpell-style). A query collects names by IDF-weighted key hits; only the best are fully scored.
 */
import type { NameForm } from '../names/index.ts';

/** Max candidate names per query that go on to full scoring. */
export const CANDIDATE_NAMES = 80;
/** Vocabulary words of at least this length get deletion variants. */
const MIN_DELETE_LEN = 4;
/** Names whose key score is below this share of the best are not candidates. */
const KEEP_SHARE = 0.15;
const MAX_DELETE_LEN = 20;
/** Keys in more than this share of all names are skipped at query time when the query has rarer keys: costly, and say little. */
const COMMON_SHARE = 0.03;
const NEIGHBOUR_CACHE = 50_000;

export interface NameRef {
  entity: number;
  name: number;
}

/** Plain words and skeleton keys ("s:vediskin") get deletion variants, so one edit (in spelling or in skeleton) still finds them. */
function isDeletable(key: string, word: boolean | undefined): boolean {
  if (key.length > MAX_DELETE_LEN) return false;
  if (word) return key.length >= MIN_DELETE_LEN && /^[a-z]+$/.test(key);
  return key.startsWith('s:') && key.length >= MIN_DELETE_LEN + 2 && /^s:[a-z]+$/.test(key);
}

function deletions(word: string): string[] {
  if (word.startsWith('s:')) return deletions(word.slice(2)).map((d) => `s:${d}`);
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

interface QueryKey {
  key: string;
  weight: number;
  /** a plain word: gets deletion variants for typo tolerance */
  word?: boolean;
}

/** Index keys of one name with the weight of the token that produced them. */
export function nameKeys(f: NameForm): QueryKey[] {
  const keys: QueryKey[] = [];
  const toks = f.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    keys.push({ key: t.text, weight: t.weight, word: !t.number });
    // always, also when the skeleton is the word itself: "alfa" must meet "alpha" (skeleton "alfa")
    if (t.text.length >= 4 && !t.number) keys.push({ key: `s:${t.skeleton}`, weight: t.weight * 0.9 });
    if (t.phonetic && t.text.length >= 4) keys.push({ key: `p:${t.phonetic}`, weight: t.weight * 0.6 });
    if (i + 1 < toks.length && !t.number && !toks[i + 1].number) {
      keys.push({ key: t.text + toks[i + 1].text, weight: Math.min(t.weight, toks[i + 1].weight) });
      if (i + 2 < toks.length && !toks[i + 2].number) {
        keys.push({ key: t.text + toks[i + 1].text + toks[i + 2].text, weight: Math.min(t.weight, toks[i + 1].weight) });
      }
    }
  }
  if (f.hanCore) {
    const h = f.hanCore;
    if (h.length === 1) keys.push({ key: `h:${h}`, weight: 1 });
    for (let i = 0; i + 1 < h.length; i++) keys.push({ key: `h:${h.slice(i, i + 2)}`, weight: 1 });
  }
  return keys;
}

export class CandidateIndex {
  private readonly postings = new Map<string, number[]>();
  /** deletion variant → vocabulary words it comes from */
  private readonly deletes = new Map<string, string[]>();
  readonly refs: NameRef[] = [];
  private scores = new Float64Array(0);
  /** per name: its own IDF-weighted key mass, to rank short fully matched names above long partial ones */
  private mass = new Float64Array(0);
  private keyMass: number[] = [];

  add(entity: number, name: number, form: NameForm): void {
    const id = this.refs.length;
    this.refs.push({ entity, name });
    const seen = new Set<string>();
    const keys: [string, number][] = [];
    for (const { key, word, weight } of nameKeys(form)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push([key, weight]);
      let list = this.postings.get(key);
      if (!list) {
        list = [];
        this.postings.set(key, list);
        if (isDeletable(key, word)) {
          for (const d of deletions(key)) {
            const words = this.deletes.get(d);
            if (words) words.push(key);
            else this.deletes.set(d, [key]);
          }
        }
      }
      list.push(id);
    }
    this.pending.push(keys);
  }

  private pending: [string, number][][] = [];

  finish(): void {
    this.scores = new Float64Array(this.refs.length);
    this.mass = new Float64Array(this.refs.length);
    this.pending.forEach((keys, id) => {
      let m = 0;
      for (const [key, w] of keys) m += w * this.idf(this.postings.get(key)?.length ?? 1);
      this.mass[id] = m || 1;
    });
    this.pending = [];
  }

  private idf(df: number): number {
    return Math.log(1 + this.refs.length / df);
  }

  /** neighbour lists of recent query words: vocabularies repeat across queries (bounded) */
  private readonly near = new Map<string, string[]>();

  /** Vocabulary words within about one edit of `word` (not `word` itself), cached. */
  private neighbours(word: string): string[] {
    let hit = this.near.get(word);
    if (!hit) {
      hit = [...this.findNeighbours(word)];
      if (this.near.size >= NEIGHBOUR_CACHE) this.near.clear();
      this.near.set(word, hit);
    }
    return hit;
  }

  private findNeighbours(word: string): Set<string> {
    const out = new Set<string>();
    if (!isDeletable(word, !word.startsWith('s:'))) return out;
    const variants = [word, ...deletions(word)];
    for (const v of variants) {
      if (v !== word && this.postings.has(v)) out.add(v);
      for (const w of this.deletes.get(v) ?? []) if (w !== word) out.add(w);
    }
    return out;
  }

  /** Name refs ranked by weighted key overlap with the query names; at most `limit`. */
  candidates(queryNames: NameForm[], limit = CANDIDATE_NAMES): number[] {
    const scores = this.scores;
    const touched: number[] = [];
    const common = Math.max(50, this.refs.length * COMMON_SHARE);
    // very common keys are skipped when the query has rarer ones: they would touch thousands of names
    let rare = false;
    for (const f of queryNames) for (const t of f.tokens) if ((this.postings.get(t.text)?.length ?? 0) <= common) rare = true;
    const bump = (key: string, w: number) => {
      const list = this.postings.get(key);
      if (!list || (rare && list.length > common)) return;
      const inc = w * this.idf(list.length);
      for (const id of list) {
        if (scores[id] === 0) touched.push(id);
        scores[id] += inc;
      }
    };
    for (const f of queryNames) {
      const done = new Set<string>();
      for (const { key, weight } of nameKeys(f)) {
        if (done.has(key)) continue;
        done.add(key);
        bump(key, weight);
      }
      for (const t of f.tokens) {
        for (const n of this.neighbours(t.text)) {
          if (!done.has(n)) {
            done.add(n);
            bump(n, t.weight * 0.8);
          }
        }
        if (t.text.length < 4 || t.number) continue;
        for (const n of this.neighbours(`s:${t.skeleton}`)) {
          if (!done.has(n)) {
            done.add(n);
            bump(n, t.weight * 0.7);
          }
        }
      }
    }
    // sorting every touched name is the cost of common-word queries: keep only those near the best first
    // rank by hits over the name's own key mass (cosine-like): "Huawei Technologies Co" before a long
    // name that also mentions Huawei
    let max = 0;
    for (const id of touched) {
      scores[id] /= Math.sqrt(this.mass[id]);
      if (scores[id] > max) max = scores[id];
    }
    const floor = max * KEEP_SHARE;
    const kept = touched.filter((id) => scores[id] >= floor);
    kept.sort((a, b) => scores[b] - scores[a]);
    const top = kept.slice(0, limit);
    for (const id of touched) scores[id] = 0;
    return top;
  }
}
