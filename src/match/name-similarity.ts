/**
 * Name-to-name similarity by token alignment. Each token of one name is paired with at most one
 * token of the other (or with two or three adjacent tokens joined: "fast link" ~ "fastlink",
 * "quan guo" ~ "quanguo"), greedily by similarity. Coverage on each side is the aligned share of
 * that side's token weight; the score leans on the better-covered side, so "KHADEMI, Mohammad" ~
 * "KHADEMI, Mohammad Reza" scores high while two names each with unexplained words score low.
 */
import type { NameForm, NameToken } from '../names/index.ts';
import { stringSimilarity, tokenSimilarity } from './token-similarity.ts';

export interface NameComparison {
  score: number;
  detail: string;
  /** Aligned token pairs with their similarity, for explanations and tests. */
  pairs: [string, string, number][];
}

/** Weight of the better-covered side in the score; the rest goes to the less-covered side. */
export const COVER_MAX_WEIGHT = 0.8;
const COVER_MIN_LEAN = 0.55;
const MAX_JOIN = 3;
/** Joined tokens must be nearly equal to count: joining creates many chances of a chance hit. */
const JOIN_MIN_SIM = 0.93;
/** How much a fuzzy token match counts: linear in sim above this floor (0 = the similarity itself; higher values were tried and cost F1 on the dev pairs). */
const CREDIT_FLOOR = 0;

function credit(sim: number): number {
  return sim >= 1 ? 1 : Math.max(0, (sim - CREDIT_FLOOR) / (1 - CREDIT_FLOOR));
}

interface Unit {
  text: string;
  idx: number[];
}

const joinCache = new WeakMap<NameToken[], Unit[]>();

function joins(tokens: NameToken[]): Unit[] {
  const cached = joinCache.get(tokens);
  if (cached) return cached;
  const out: Unit[] = [];
  joinCache.set(tokens, out);
  for (let i = 0; i < tokens.length; i++) {
    let text = tokens[i].text;
    if (tokens[i].number) continue;
    for (let n = 2; n <= MAX_JOIN && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1];
      if (t.number) break;
      text += t.text;
      if (text.length > 24) break;
      out.push({ text, idx: Array.from({ length: n }, (_, k) => i + k) });
    }
  }
  return out;
}

interface Cand {
  sim: number;
  q: number[];
  c: number[];
}

function totalWeight(tokens: NameToken[]): number {
  let w = 0;
  for (const t of tokens) w += t.weight;
  return w;
}

function hanSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length >= 2 && l.includes(s)) return 0.9 + 0.05 * (s.length / l.length);
  // character bigram Dice
  const grams = (x: string) => new Set(Array.from({ length: Math.max(0, x.length - 1) }, (_, i) => x.slice(i, i + 2)));
  const ga = grams(a);
  const gb = grams(b);
  if (!ga.size || !gb.size) return 0;
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return (2 * common) / (ga.size + gb.size);
}

/** Aligns the tokens of two names and scores the alignment. */
export function compareNames(q: NameForm, c: NameForm): NameComparison {
  if (q.literal && q.literal === c.literal) return { score: 1, detail: `'${q.literal}' identical`, pairs: [] };
  const person = q.kind === 'person' && c.kind === 'person';
  const cands: Cand[] = [];
  const qt = q.tokens;
  const ct = c.tokens;
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const s = tokenSimilarity(qt[i], ct[j], person);
      if (s > 0) cands.push({ sim: s, q: [i], c: [j] });
    }
  }
  // joined tokens on one side against single tokens on the other ("quan guo" ~ "quanguo")
  for (const u of joins(qt)) {
    for (let j = 0; j < ct.length; j++) {
      const t = ct[j].text;
      if (t[0] !== u.text[0] || Math.abs(t.length - u.text.length) > 2) continue;
      const s = stringSimilarity(u.text, t);
      if (s >= JOIN_MIN_SIM) cands.push({ sim: s, q: u.idx, c: [j] });
    }
  }
  for (const u of joins(ct)) {
    for (let i = 0; i < qt.length; i++) {
      const t = qt[i].text;
      if (t[0] !== u.text[0] || Math.abs(t.length - u.text.length) > 2) continue;
      const s = stringSimilarity(u.text, t);
      if (s >= JOIN_MIN_SIM) cands.push({ sim: s, q: [i], c: u.idx });
    }
  }
  cands.sort((a, b) => b.sim - a.sim || b.q.length + b.c.length - (a.q.length + a.c.length));
  const usedQ = new Uint8Array(qt.length);
  const usedC = new Uint8Array(ct.length);
  const pairs: [string, string, number][] = [];
  let qMatched = 0;
  let cMatched = 0;
  let qWeight = 0;
  let cWeight = 0;
  for (const cd of cands) {
    if (cd.q.some((i) => usedQ[i]) || cd.c.some((j) => usedC[j])) continue;
    let wq = 0;
    let wc = 0;
    for (const i of cd.q) (usedQ[i] = 1), (wq += qt[i].weight);
    for (const j of cd.c) (usedC[j] = 1), (wc += ct[j].weight);
    qWeight += wq;
    cWeight += wc;
    qMatched += credit(cd.sim) * wq;
    cMatched += credit(cd.sim) * wc;
    pairs.push([cd.q.map((i) => qt[i].text).join(' '), cd.c.map((j) => ct[j].text).join(' '), cd.sim]);
  }
  const qCover = qMatched / (totalWeight(qt) || 1);
  const cCover = cMatched / (totalWeight(ct) || 1);
  // containment ("Huawei" in "Huawei Technologies") is lenient once two or more words agree; a single
  // shared word ("Khalid" alias inside a five-word name) leans on the less-covered side
  const strong = Math.min(qWeight, cWeight);
  // …and not when under half of the other name is explained (a two-word alias inside a long name)
  const lenient = Math.min(qCover, cCover) >= 0.5 ? Math.min(1, Math.max(0, strong - 1)) : 0;
  const w = COVER_MIN_LEAN + (COVER_MAX_WEIGHT - COVER_MIN_LEAN) * lenient;
  let score = w * Math.max(qCover, cCover) + (1 - w) * Math.min(qCover, cCover);
  // a match resting only on weak words (places, "trading", initials) is not evidence of identity
  if (strong < 1) score *= 0.6 + 0.4 * strong;
  let detail = `'${q.key}' ~ '${c.key}'`;
  if (q.hanCore && c.hanCore) {
    const h = hanSimilarity(q.hanCore, c.hanCore);
    if (h > score) {
      score = h;
      detail = `'${q.hanCore}' ~ '${c.hanCore}' (Chinese core name)`;
    }
  }
  const notes: string[] = [];
  if (q.transliterated || c.transliterated) notes.push('transliterated');
  const legal = [...new Set([...q.legalPhrases, ...c.legalPhrases])];
  if (legal.length) notes.push(`legal form ${legal.map((l) => `'${l}'`).join(', ')} ignored`);
  if (notes.length) detail += ` (${notes.join('; ')})`;
  return { score: Math.min(1, Math.max(0, score)), detail, pairs };
}
