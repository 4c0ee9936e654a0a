/**
 * The candidate pairs of the name alignment (name-similarity.ts): single tokens, joined adjacent
 * tokens ("fast link" ~ "fastlink") and acronyms ("FTA" ~ "Foreign Trade Association"), in the flat
 * arrays of an AlignScratch, sorted for the greedy pass.
 */
import { distance } from 'fastest-levenshtein';
import type { NameForm, NameToken } from '../names/index.ts';
import { SKELETON_FACTOR, stringSimilarity, tokenSimilarity } from './token-similarity.ts';
import { JOIN_LEN_DIFF, tokenInfo, type Unit } from './name-units.ts';
import type { Taken } from './name-similarity.ts';

/** Joined tokens must be close to count: joining creates many chances of a chance hit. */
export const JOIN_MIN_SIM = 0.85;
/** …and by spelling only when nearly equal ("dae dong" is not "daesong"); looser variants go through the skeleton. */
export const JOIN_TEXT_SIM = 0.93;
/** Joined units of at least this many letters may also match by skeleton (as single words, at SKELETON_FACTOR). */
export const JOIN_SKELETON_MIN_LEN = 6;
export const ACRONYM_SIM = 0.9;

/**
 * The working space of one alignment: candidates in flat arrays reused from one comparison to the next
 * (comparison runs thousands of times per second; no per-candidate objects). Candidate k pairs query tokens
 * qs[k]…qs[k]+qn[k]-1 with candidate tokens cs[k]…cs[k]+cn[k]-1 at similarity sim[k]; acr[k] marks an
 * acronym pair (supporting evidence only). usedQ/usedC mark the tokens the greedy pass took. Its owner
 * passes it to every function that reads or writes it: nothing of one comparison is left where another finds it.
 */
export class AlignScratch {
  private cap = 256;
  sim = new Float64Array(this.cap);
  qs = new Int32Array(this.cap);
  qn = new Int32Array(this.cap);
  cs = new Int32Array(this.cap);
  cn = new Int32Array(this.cap);
  acr = new Uint8Array(this.cap);
  readonly order: number[] = [];
  count = 0;
  usedQ = new Uint8Array(64);
  usedC = new Uint8Array(64);

  push(s: number, q0: number, qlen: number, c0: number, clen: number, acronym: number): void {
    if (this.count === this.cap) this.grow();
    const k = this.count++;
    this.sim[k] = s;
    this.qs[k] = q0;
    this.qn[k] = qlen;
    this.cs[k] = c0;
    this.cn[k] = clen;
    this.acr[k] = acronym;
  }

  private grow(): void {
    this.cap *= 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.sim = grown(this.sim, new Float64Array(this.cap));
    this.qs = grown(this.qs, new Int32Array(this.cap));
    this.qn = grown(this.qn, new Int32Array(this.cap));
    this.cs = grown(this.cs, new Int32Array(this.cap));
    this.cn = grown(this.cn, new Int32Array(this.cap));
    this.acr = grown(this.acr, new Uint8Array(this.cap));
  }

  /** Clears the token marks for names of `nq` and `nc` tokens. */
  clearUsed(nq: number, nc: number): void {
    if (this.usedQ.length < nq) this.usedQ = new Uint8Array(nq * 2);
    if (this.usedC.length < nc) this.usedC = new Uint8Array(nc * 2);
    this.usedQ.fill(0, 0, nq);
    this.usedC.fill(0, 0, nc);
  }
}

/**
 * One alignment of two names: the scratch it was made in, and what reading its left-over words needs
 * (name-similarity.ts readLeftOver), so that the best pair's are read after other pairs were aligned.
 */
export class Alignment {
  readonly w = new AlignScratch();
  /** the names as aligned (misspelt legal forms set aside); undefined for identical names (not aligned) */
  q: NameForm | undefined;
  c: NameForm | undefined;
  t: Taken | undefined;
  person = false;
  loCover = 0;
}

/** Greedy order: higher similarity first, then the pair covering more tokens, then the order found. */
function before(w: AlignScratch, a: number, b: number): boolean {
  if (w.sim[a] !== w.sim[b]) return w.sim[a] > w.sim[b];
  const sa = w.qn[a] + w.cn[a];
  const sb = w.qn[b] + w.cn[b];
  return sa !== sb ? sa > sb : a < b;
}

function sortCandidates(w: AlignScratch): void {
  const { order, count } = w;
  order.length = count;
  for (let k = 0; k < count; k++) order[k] = k;
  if (count <= 48) {
    for (let k = 1; k < count; k++) {
      const x = order[k];
      let m = k - 1;
      while (m >= 0 && before(w, x, order[m])) {
        order[m + 1] = order[m];
        m--;
      }
      order[m + 1] = x;
    }
  } else {
    order.sort((a, b) => (before(w, a, b) ? -1 : before(w, b, a) ? 1 : 0));
  }
}

/** Joined units of one side against single tokens of the other, by text and by skeleton. */
function joinCands(w: AlignScratch, units: Unit[], other: NameToken[], unitIsQuery: boolean): void {
  for (const u of units) {
    for (let j = 0; j < other.length; j++) {
      const o = other[j];
      if (o.number || Math.abs(o.text.length - u.text.length) > JOIN_LEN_DIFF) continue;
      if (u.text[0] !== o.text[0] && u.skel[0] !== o.skeleton[0]) continue;
      let s = stringSimilarity(u.text, o.text);
      if (s < JOIN_TEXT_SIM) s = 0;
      // by skeleton only when the spelling is also fairly close ("malekouti pour" ~ "malakutipur", not "shuen wai" ~ "sunway")
      if (s < 0.95 && u.text.length >= JOIN_SKELETON_MIN_LEN && !u.syllables && !o.syllable) {
        const k = SKELETON_FACTOR * stringSimilarity(u.skel, o.skeleton);
        if (k > s && 1 - distance(u.text, o.text) / Math.max(u.text.length, o.text.length) >= 0.75) s = k;
      }
      if (s >= JOIN_MIN_SIM) {
        if (unitIsQuery) w.push(s, u.start, u.size, j, 1, 0);
        else w.push(s, j, 1, u.start, u.size, 0);
      }
    }
  }
}

/** Acronym tokens of `a` against the initials of consecutive words of `b` (first place only). */
function acronymCands(w: AlignScratch, a: NameToken[], flags: Uint8Array, b: NameToken[], aIsQuery: boolean): void {
  for (let i = 0; i < a.length; i++) {
    if (!flags[i]) continue;
    const word = a[i].source;
    const n = word.length;
    for (let j = 0; j + n <= b.length; j++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = b[j + k];
        ok = !w.number && w.source.length > 1 && w.source[0] === word[k];
      }
      if (ok) {
        if (aIsQuery) w.push(ACRONYM_SIM, i, 1, j, n, 1);
        else w.push(ACRONYM_SIM, j, n, i, 1, 1);
        break;
      }
    }
  }
}

/** Fills `w` with every pairing of the two names' tokens, sorted into greedy order (`w.order[0..w.count)`). */
export function gatherCandidates(w: AlignScratch, q: NameForm, c: NameForm, person: boolean): void {
  const qt = q.tokens;
  const ct = c.tokens;
  w.count = 0;
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const s = tokenSimilarity(qt[i], ct[j], person);
      if (s > 0) w.push(s, i, 1, j, 1, 0);
    }
  }
  const qi = tokenInfo(q);
  const ci = tokenInfo(c);
  joinCands(w, qi.units, ct, true);
  joinCands(w, ci.units, qt, false);
  if (!person) {
    acronymCands(w, qt, qi.acronym, ct, true);
    acronymCands(w, ct, ci.acronym, qt, false);
  }
  sortCandidates(w);
}
