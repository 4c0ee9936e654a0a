/**
 * Name-to-name similarity by token alignment. Each token of one name is paired with at most one
 * token of the other, or with two or three adjacent tokens joined ("fast link" ~ "fastlink",
 * "malekouti pour" ~ "malakutipur"), or with the words an acronym stands for ("FTA" ~ "Foreign
 * Trade Association"), greedily by similarity. Tokens carry weights (distinctive words 1, generic
 * words, places and stray legal words little; in an index also scaled down by how common the word is),
 * so the score is dominated by the distinctive words:
 *
 *   score = (2·M) / (Tq + Tc)  (weighted Dice of the aligned mass M over both names' total weight)
 *           + a containment bonus when one name is fully explained by the other
 *           × a damping factor when the match rests on weak words only
 *           × a penalty when both names carry a different place ("Tianjin X" vs "Guangzhou X")
 *           ± a tiny legal-form term (same form +, different forms −).
 *
 * Unmatched distinctive words on either side lower the Dice term; a shorter name inside a longer one
 * scores high when what is left over is generic ("Hikvision" in "Hangzhou Hikvision Digital Technology")
 * and not when it is distinctive ("RIMERA" vs "RIMERA ALNAS").
 */
import { distance } from 'fastest-levenshtein';
import type { NameForm, NameToken } from '../names/index.ts';
import { skeleton } from '../names/index.ts';
import { acronymHits } from './acronyms.ts';
import { stringSimilarity, tokenSimilarity } from './token-similarity.ts';

export interface NameComparison {
  score: number;
  detail: string;
  /** Aligned token pairs with their similarity, for explanations and tests. */
  pairs: [string, string, number][];
}

/** Share of the gap to 1 that a fully explained shorter name closes (containment). */
export const CONTAINMENT_BONUS = 0.35;
export const PERSON_CONTAINMENT_BONUS = 0.6;
/** Below this aligned distinctive mass the score is damped: weak words alone are not identity. */
const STRONG_MASS = 1;
/** Factor when each name has a place word the other lacks. */
const PLACE_CONFLICT = 0.85;
/** Legal forms: same on both sides / both present and different. Near zero on purpose. */
const LEGAL_SAME = 0.02;
const LEGAL_DIFF = -0.02;
const MAX_JOIN = 3;
/** Joined tokens must be close to count: joining creates many chances of a chance hit. */
const JOIN_MIN_SIM = 0.85;
/** …and by spelling only when nearly equal ("dae dong" is not "daesong"); looser variants go through the skeleton. */
const JOIN_TEXT_SIM = 0.93;
const ACRONYM_SIM = 0.9;
const INITIAL_SHARE = 0.5;

interface Unit {
  text: string;
  skel: string;
  idx: number[];
}

const joinCache = new WeakMap<NameToken[], Unit[]>();

/** Two or three adjacent word tokens joined, with the skeleton of the joined text. Cached per token list. */
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
      out.push({ text, skel: skeleton(text), idx: Array.from({ length: n }, (_, k) => i + k) });
    }
  }
  return out;
}

interface Cand {
  sim: number;
  q: number[];
  c: number[];
  /** an acronym pair: supports other evidence, is never the only evidence */
  acronym?: boolean;
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

/** A joined unit against single tokens of the other side, by text and by skeleton. */
function joinCands(units: Unit[], other: NameToken[], out: Cand[], unitIsQuery: boolean): void {
  for (const u of units) {
    for (let j = 0; j < other.length; j++) {
      const o = other[j];
      if (o.number || Math.abs(o.text.length - u.text.length) > 3) continue;
      if (u.text[0] !== o.text[0] && u.skel[0] !== o.skeleton[0]) continue;
      let s = stringSimilarity(u.text, o.text);
      if (s < JOIN_TEXT_SIM) s = 0;
      // by skeleton only when the spelling is also fairly close ("malekouti pour" ~ "malakutipur", not "shuen wai" ~ "sunway")
      if (s < 0.95 && u.text.length >= 6 && 1 - distance(u.text, o.text) / Math.max(u.text.length, o.text.length) >= 0.75) {
        s = Math.max(s, 0.95 * stringSimilarity(u.skel, o.skeleton));
      }
      if (s >= JOIN_MIN_SIM) out.push(unitIsQuery ? { sim: s, q: u.idx, c: [j] } : { sim: s, q: [j], c: u.idx });
    }
  }
}

function legalTerm(q: NameForm, c: NameForm): number {
  if (!q.legal.length || !c.legal.length) return 0;
  return q.legal.some((l) => c.legal.includes(l)) ? LEGAL_SAME : LEGAL_DIFF;
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
  joinCands(joins(qt), ct, cands, true);
  joinCands(joins(ct), qt, cands, false);
  if (!person) {
    for (const h of acronymHits(qt, ct)) cands.push({ sim: ACRONYM_SIM, q: [h.token], c: h.words, acronym: true });
    for (const h of acronymHits(ct, qt)) cands.push({ sim: ACRONYM_SIM, q: h.words, c: [h.token], acronym: true });
  }
  cands.sort((a, b) => b.sim - a.sim || b.q.length + b.c.length - (a.q.length + a.c.length));
  const usedQ = new Uint8Array(qt.length);
  const usedC = new Uint8Array(ct.length);
  const pairs: [string, string, number][] = [];
  let qMatched = 0;
  let cMatched = 0;
  let qStrong = 0;
  let cStrong = 0;
  for (const cd of cands) {
    if (cd.q.some((i) => usedQ[i]) || cd.c.some((j) => usedC[j])) continue;
    let wq = 0;
    let wc = 0;
    for (const i of cd.q) (usedQ[i] = 1), (wq += qt[i].weight);
    for (const j of cd.c) (usedC[j] = 1), (wc += ct[j].weight);
    if (!cd.acronym) {
      qStrong += wq;
      cStrong += wc;
    }
    // an initial ("I.") explains only half of the full word it stands for
    let cq = cd.sim;
    let cc = cd.sim;
    if (cd.q.length === 1 && cd.c.length === 1 && qt[cd.q[0]].initial !== ct[cd.c[0]].initial) {
      if (qt[cd.q[0]].initial) cc *= INITIAL_SHARE;
      else cq *= INITIAL_SHARE;
    }
    qMatched += cq * wq;
    cMatched += cc * wc;
    pairs.push([cd.q.map((i) => qt[i].text).join(' '), cd.c.map((j) => ct[j].text).join(' '), cd.sim]);
  }
  const qTotal = totalWeight(qt) || 1;
  const cTotal = totalWeight(ct) || 1;
  let score = (qMatched + cMatched) / (qTotal + cTotal);
  // containment: one name fully explained by the other closes part of the remaining gap
  const hi = Math.max(qMatched / qTotal, cMatched / cTotal);
  // persons: a name with two or more parts found inside a longer one is the same person written
  // with fewer given names or without patronymic ("HANIYEH, Ismail" ~ "HANIYEH, Ismail Abdel Salam Ahmed")
  // organisations: the bonus shrinks with the distinctive leftover of the longer name ("RIMERA" in "RIMERA ALNAS")
  const loCover = Math.min(qMatched / qTotal, cMatched / cTotal);
  const bonus = person && Math.min(qStrong, cStrong) >= 2 ? PERSON_CONTAINMENT_BONUS : CONTAINMENT_BONUS * loCover;
  score += (1 - score) * bonus * hi ** 4;
  // a match resting only on weak words (places, "trading", initials) is not evidence of identity
  // unless both names are weak words only and the same ("Petrochemical Commercial Company")
  const strong = Math.min(qStrong, cStrong);
  if (strong < STRONG_MASS && loCover < 0.95) score *= 0.6 + 0.4 * (strong / STRONG_MASS);
  const notes: string[] = [];
  const placeQ = qt.some((t, i) => t.place && !usedQ[i]);
  const placeC = ct.some((t, j) => t.place && !usedC[j]);
  if (placeQ && placeC) {
    score *= PLACE_CONFLICT;
    notes.push('different places');
  }
  let detail = `'${q.key}' ~ '${c.key}'`;
  if (q.hanCore && c.hanCore) {
    const h = hanSimilarity(q.hanCore, c.hanCore);
    if (h > score) {
      score = h;
      detail = `'${q.hanCore}' ~ '${c.hanCore}' (Chinese core name)`;
    }
  }
  score += legalTerm(q, c);
  if (q.transliterated || c.transliterated) notes.push('transliterated');
  const legal = [...new Set([...q.legalPhrases, ...c.legalPhrases])];
  if (legal.length) notes.push(`legal form ${legal.map((l) => `'${l}'`).join(', ')} ignored`);
  if (notes.length) detail += ` (${notes.join('; ')})`;
  return { score: Math.min(1, Math.max(0, score)), detail, pairs };
}
