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
import { legalFormsShared, legalFormsTransformed, type NameForm, type NameToken } from '../names/index.ts';
import { hanSimilarity, oneEdit, stringSimilarity } from './token-similarity.ts';
import { withoutLegalTypos } from './legal-typos.ts';
import { CARRYING_WEIGHT, emptyLeftOver, extraToOneWord, leftOver, middleNames, type LeftOver } from './left-over.ts';

export type { LeftOver } from './left-over.ts';
import { Alignment, type AlignScratch, gatherCandidates } from './align-candidates.ts';

export { JOIN_MIN_SIM, JOIN_SKELETON_MIN_LEN, JOIN_TEXT_SIM } from './align-candidates.ts';

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
/** A name explained to at least this share is not damped for resting on weak words. */
export const FULL_COVER = 0.95;

/** The factor on a match whose aligned distinctive mass is `strong` (below STRONG_MASS; see align). */
export function weakDamping(strong: number): number {
  return 0.6 + 0.4 * (Math.min(strong, STRONG_MASS) / STRONG_MASS);
}
/** Factor when each name has a place word the other lacks. */
export const PLACE_CONFLICT = 0.75;
/**
 * Factor when two persons' names, both written "LAST, Given", agree elsewhere but their first given
 * names are unlike: relatives are listed together and share the family and the father's names
 * ("AL-TIKRITI, Hani abd-al-Latif Tilfah" and "AL-TIKRITI, Rafi abd-al-Latif Tilfah"). A review, not a hit.
 */
export const GIVEN_NAME_CONFLICT = 0.85;
/** Legal forms: same on both sides / both present and different. Near zero on purpose. */
export const LEGAL_SAME = 0.02;
const LEGAL_DIFF = -0.02;
const INITIAL_SHARE = 0.5;
/** A fuzzy pair of words this short ("asml" ~ "asbl": one letter of four) is evidence only next to another aligned pair. */
const SHORT_FUZZY_LEN = 4;
const EXACT_SIM = 0.95;
/** Skeleton length from which the same sound lifts the cap even when the spellings are two edits apart. */
const SAME_SOUND_LONG = 7;
/** Words up to this length are short for that rule. */
const SHORT_WORD = 6;

function totalWeight(tokens: NameToken[]): number {
  let w = 0;
  for (const t of tokens) w += t.weight;
  return w;
}

function legalTerm(q: NameForm, c: NameForm): number {
  if (!q.legal.length || !c.legal.length) return 0;
  if (legalFormsShared(q.legal, c.legal)) return LEGAL_SAME;
  // forms a company is converted between keeping its name (features.ts legalFormsDiffer) neither agree nor disagree
  return legalFormsTransformed(q, c) ? 0 : LEGAL_DIFF;
}

/** How loosely aligned pair k of two single words is alike: not loosely, short, or another first letter or sound only. */
export enum Looseness {
  None = 0,
  /** short words one letter apart ("Canon" ~ "Cancon", "Intel" ~ "Inter", "Chevon" ~ "Chevron") */
  Short = 1,
  /** from another first letter ("Cisco" ~ "Visco"), or alike in sound or transliteration only ("Verkada" ~ "Vorkuta") */
  Other = 2,
}

/**
 * Whether aligned pair k is two single words alike only loosely: short (one letter in a short word often
 * makes another word), alike in sound or transliteration but not within spelling distance, or different
 * from the first letter (typos rarely hit the first letter, different words often differ there).
 */
function looseness(w: AlignScratch, q: NameForm, c: NameForm, k: number, person: boolean): Looseness {
  if (k < 0 || w.qn[k] !== 1 || w.cn[k] !== 1) return Looseness.None;
  const a = q.tokens[w.qs[k]];
  const b = c.tokens[w.cs[k]];
  // a firm's word the other extends at its end is another word ("Kingston" / "Kingstone"): brands are made so
  if (!person && extendedPair(w, q, c, k)) return Looseness.Other;
  // the same sound by the spelling rules ("Mecom" / "Mekom", "Boldreks" / "Boldrex") is a spelling of one name
  // one letter apart or long: "Daikin" / "Daqin" sound alike too, and are two names; a name romanised from
  // another script is expected to differ from the list's spelling just so (Ростех "Rostekh" / "Rostec")
  const romanised = q.transliterated || c.transliterated;
  if (a.skeleton === b.skeleton && (a.skeleton.length >= SAME_SOUND_LONG || romanised || oneEdit(a.text, b.text))) return Looseness.None;
  // first letters as written or as the skeleton has them: "Kvantorform" and "Quantorform" start alike
  if ((a.text[0] !== b.text[0] && a.skeleton[0] !== b.skeleton[0]) || stringSimilarity(a.text, b.text) === 0) return Looseness.Other;
  return Math.min(a.text.length, b.text.length) <= SHORT_WORD ? Looseness.Short : Looseness.None;
}

/** Whether aligned pair k is a word and the same with one or two letters added at its end, the shorter of five letters or more. */
function extendedPair(w: AlignScratch, q: NameForm, c: NameForm, k: number): boolean {
  if (k < 0 || w.qn[k] !== 1 || w.cn[k] !== 1) return false;
  const a = q.tokens[w.qs[k]].text;
  const b = c.tokens[w.cs[k]].text;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 5 && l.length - s.length >= 1 && l.length - s.length <= 2 && l.startsWith(s);
}

/**
 * Both names start with their first given name (name-form.ts `givenFirst`), neither aligned with
 * anything (the alignment's usedQ/usedC), both full words that carry identity (not initials, not particles
 * such as "Abd" or "Haji"), more than a typo apart ("Lev" / "tev" is a typo, not another man).
 */
function givenNamesConflict(w: AlignScratch, q: NameForm, c: NameForm): boolean {
  if (!q.givenFirst || !c.givenFirst || w.usedQ[0] || w.usedC[0]) return false;
  const a = q.tokens[0];
  const b = c.tokens[0];
  return !a.initial && !b.initial && a.weight >= CARRYING_WEIGHT && b.weight >= CARRYING_WEIGHT && !oneEdit(a.text, b.text);
}

/** What an explanation needs besides the score; filled only when asked for. */
interface Explain {
  pairs: [string, string, number][];
  places: boolean;
  given: boolean;
  han: boolean;
}

function span(tokens: NameToken[], start: number, size: number): string {
  let s = tokens[start].text;
  for (let k = 1; k < size; k++) s += ` ${tokens[start + k].text}`;
  return s;
}

/** The alignment score of two names (see the top of this file), aligned in `a`; `explain` collects the aligned pairs and notes. */
function align(a: Alignment, q: NameForm, c: NameForm, explain?: Explain): number {
  const w = a.w;
  const person = q.kind === 'person' && c.kind === 'person';
  gatherCandidates(w, q, c, person);
  const t = takePairs(w, q.tokens, c.tokens, explain);
  const qt = q.tokens;
  const ct = c.tokens;
  const qTotal = totalWeight(qt) || 1;
  const cTotal = totalWeight(ct) || 1;
  let score = (t.qMatched + t.cMatched) / (qTotal + cTotal);
  // containment: one name fully explained by the other closes part of the remaining gap
  const hi = Math.max(t.qMatched / qTotal, t.cMatched / cTotal);
  // persons: a name with two or more parts found inside a longer one is the same person written
  // with fewer given names or without patronymic ("HANIYEH, Ismail" ~ "HANIYEH, Ismail Abdel Salam Ahmed")
  // organisations: the bonus shrinks with the distinctive leftover of the longer name ("RIMERA" in "RIMERA ALNAS")
  const loCover = Math.min(t.qMatched / qTotal, t.cMatched / cTotal);
  const bonus = person && Math.min(t.qStrong, t.cStrong) >= 2 ? PERSON_CONTAINMENT_BONUS : CONTAINMENT_BONUS * loCover;
  score += (1 - score) * bonus * hi ** 4;
  // a match resting only on weak words (places, "trading", initials) is not evidence of identity
  // unless both names are weak words only and the same ("Petrochemical Commercial Company")
  const strong = Math.min(t.qStrong, t.cStrong);
  if (strong < STRONG_MASS && loCover < FULL_COVER) score *= weakDamping(strong);
  score = adjusted(w, score, q, c, person, explain);
  a.q = q;
  a.c = c;
  a.t = t;
  a.person = person;
  a.loCover = loCover;
  return Math.min(1, Math.max(0, score));
}

/** How the left-over words of alignment `a` differ (the best pair's name features), into `left`. */
export function readLeftOver(a: Alignment, left: LeftOver): void {
  const { w, q, c, t, person, loCover } = a;
  if (!q || !c || !t) return;
  const qs = { tokens: q.tokens, used: w.usedQ, legal: q.legal.length > 0 };
  const cs = { tokens: c.tokens, used: w.usedC, legal: c.legal.length > 0 };
  leftOver(qs, cs, left);
  left.middleNames = person && middleNames(qs, cs, left) ? 1 : 0;
  left.extraOneWord = extraToOneWord(qs, cs, left) ? 1 : 0;
  // firms agreeing in no word that carries identity, neither explained in full: the weak_words_only feature
  // (an English reading of a Han name is generic words by nature: "Aviation Industry Corporation of China")
  const reading = q.readingOf !== undefined || c.readingOf !== undefined;
  left.weakOnly = !person && !reading && t.carrying === 0 && t.qMatched > 0 && loCover < FULL_COVER ? 1 : 0;
  // only an acronym read into words carries ("MEC" / "Maple Engineering Consultants"): the acronym_only feature
  left.acronymOnly = t.acronymCarrying > 0 && t.acronymCarrying === t.carrying ? 1 : 0;
  // one word loosely alike and nothing else spelt the same is a resemblance, not an identity
  // ("Cisco Systems" ~ "VISCO", "Verkada" ~ "Vorkuta Management"): the loose_only feature
  const single = t.exactWords === 0 && t.fuzzyWords === 1;
  let loose = single ? looseness(w, q, c, t.fuzzyPair, person) : Looseness.None;
  // beside generic words only ("Kingston Technology" / "Wuxi Kingstone Technology"), a firm's word the other extends
  if (!single && !person && t.exactCarrying === 0 && t.fuzzyWords === 1 && extendedPair(w, q, c, t.fuzzyPair)) loose = Looseness.Other;
  // persons: fitted (a letter off is mostly a typo in the suites); firms agreeing in one misspelt word only
  // loosely (Canon / Cancon, Daikin / Daqin): loose_organisation, set by hand
  left.looseShort = loose === Looseness.Short && person ? 1 : 0;
  left.looseOther = loose === Looseness.Other && person ? 1 : 0;
  left.looseOrganisation = loose !== Looseness.None && !person ? 1 : 0;
}

/** What the greedy pass found: aligned mass per side, the distinctive share of it, and counts of exact and fuzzy words. */
export interface Taken {
  qMatched: number;
  cMatched: number;
  qStrong: number;
  cStrong: number;
  exactWords: number;
  exactCarrying: number;
  /** aligned pairs with a word that carries identity on either side, however alike */
  carrying: number;
  /** those of them that are an acronym and the words it stands for */
  acronymCarrying: number;
  fuzzyWords: number;
  fuzzyPair: number;
}

/** The greedy pass: takes the candidates of `w` best first while their tokens are free, marking w.usedQ/usedC. */
function takePairs(w: AlignScratch, qt: NameToken[], ct: NameToken[], explain?: Explain): Taken {
  w.clearUsed(qt.length, ct.length);
  const { sim, qs, qn, cs, cn, acr, order, count, usedQ, usedC } = w;
  let qMatched = 0;
  let cMatched = 0;
  let qStrong = 0;
  let cStrong = 0;
  let qFuzzy = 0;
  let cFuzzy = 0;
  let others = 0;
  let exactWords = 0;
  let exactCarrying = 0;
  let carrying = 0;
  let acronymCarrying = 0;
  let fuzzyWords = 0;
  let fuzzyPair = -1;
  for (let o = 0; o < count; o++) {
    const k = order[o];
    const q0 = qs[k];
    const q1 = q0 + qn[k];
    const c0 = cs[k];
    const c1 = c0 + cn[k];
    let free = true;
    for (let i = q0; i < q1 && free; i++) if (usedQ[i]) free = false;
    for (let j = c0; j < c1 && free; j++) if (usedC[j]) free = false;
    if (!free) continue;
    let wq = 0;
    let wc = 0;
    for (let i = q0; i < q1; i++) (usedQ[i] = 1), (wq += qt[i].weight);
    for (let j = c0; j < c1; j++) (usedC[j] = 1), (wc += ct[j].weight);
    // acronyms support other evidence and are never evidence alone; so are short words one letter off
    // unless something else agrees too ("SEuA Security Services" ~ "SEWA Security Services", not "ASML" ~ "ASBL")
    const shortFuzzy = sim[k] < EXACT_SIM && q1 - q0 === 1 && c1 - c0 === 1 && Math.min(qt[q0].text.length, ct[c0].text.length) <= SHORT_FUZZY_LEN;
    if (shortFuzzy) {
      qFuzzy += wq;
      cFuzzy += wc;
    } else {
      others++;
      if (!acr[k]) {
        qStrong += wq;
        cStrong += wc;
      }
    }
    // an initial ("I.") explains only half of the full word it stands for
    let cq = sim[k];
    let cc = sim[k];
    if (q1 - q0 === 1 && c1 - c0 === 1 && qt[q0].initial !== ct[c0].initial) {
      if (qt[q0].initial) cc *= INITIAL_SHARE;
      else cq *= INITIAL_SHARE;
    }
    qMatched += cq * wq;
    cMatched += cc * wc;
    // a place agreeing ("China" / "China") names no firm
    if (Math.max(wq, wc) >= CARRYING_WEIGHT && !(q1 - q0 === 1 && c1 - c0 === 1 && qt[q0].place && ct[c0].place)) {
      carrying++;
      acronymCarrying += acr[k];
    }
    // words spelt the same (any, "Technology" too; those that carry identity apart) against loosely alike words that carry identity
    if (!acr[k] && sim[k] === 1) {
      exactWords++;
      if (Math.max(wq, wc) >= CARRYING_WEIGHT) exactCarrying++;
    } else if (!acr[k] && Math.max(wq, wc) >= CARRYING_WEIGHT) fuzzyWords++, (fuzzyPair = k);
    explain?.pairs.push([span(qt, q0, q1 - q0), span(ct, c0, c1 - c0), sim[k]]);
  }
  if (others > 0) {
    qStrong += qFuzzy;
    cStrong += cFuzzy;
  }
  return { qMatched, cMatched, qStrong, cStrong, exactWords, exactCarrying, carrying, acronymCarrying, fuzzyWords, fuzzyPair };
}

/** The place, given-name, Chinese-core and legal-form terms on an alignment score. */
function adjusted(w: AlignScratch, score: number, q: NameForm, c: NameForm, person: boolean, explain?: Explain): number {
  const qt = q.tokens;
  const ct = c.tokens;
  const { usedQ, usedC } = w;
  let placeQ = false;
  let placeC = false;
  for (let i = 0; i < qt.length && !placeQ; i++) placeQ = qt[i].place && !usedQ[i];
  for (let j = 0; j < ct.length && !placeC; j++) placeC = ct[j].place && !usedC[j];
  if (placeQ && placeC) {
    score *= PLACE_CONFLICT;
    if (explain) explain.places = true;
  }
  if (person && givenNamesConflict(w, q, c)) {
    score *= GIVEN_NAME_CONFLICT;
    if (explain) explain.given = true;
  }
  if (q.hanCore && c.hanCore) {
    const h = hanSimilarity(q.hanCore, c.hanCore);
    if (h > score) {
      score = h;
      if (explain) explain.han = true;
    }
  }
  score += legalTerm(q, c);
  return score;
}

/** Two names aligned in `a` (`nameScore`): identical ones are not aligned (their score is 1, nothing is left over). */
export function alignNames(a: Alignment, q: NameForm, c: NameForm): number {
  if (q.literal && q.literal === c.literal) {
    a.q = a.c = a.t = undefined;
    return 1;
  }
  const [qa, ca] = withoutLegalTypos(q, c);
  return align(a, qa, ca);
}

/**
 * The working space of the comparisons below. Each entry point (nameScore, nameEvidence, compareNames) runs
 * to its end synchronously; it carries nothing from one comparison to the next (each starts by clearing what it reads).
 */
const ALIGNED = new Alignment();

/** The name score of two names with how their left-over words differ (the best pair's name features). */
export function nameEvidence(q: NameForm, c: NameForm, out: LeftOver): number {
  emptyLeftOver(out);
  const score = alignNames(ALIGNED, q, c);
  readLeftOver(ALIGNED, out);
  return score;
}

/** The score of `compareNames` without the explanation (no strings built): the hot path of the index. */
export function nameScore(q: NameForm, c: NameForm): number {
  return alignNames(ALIGNED, q, c);
}

/** "read in English from '中国电信股份有限公司'" for the names that are English readings of a Han name. */
function readingNote(q: NameForm, c: NameForm): string {
  const from = [q.readingOf, c.readingOf].filter(Boolean).map((r) => `'${r}'`);
  return from.length ? `read in English from ${from.join(' and ')}` : '';
}

/** Aligned word pairs of two person names that are spellings of one given name by the table (given-names.ts), "'patty' = 'patricia'". */
function givenNameForms(q: NameForm, c: NameForm, pairs: [string, string, number][]): string[] {
  if (q.kind !== 'person' || c.kind !== 'person') return [];
  const out: string[] = [];
  for (const [a, b] of pairs) {
    if (a === b) continue;
    const x = q.tokens.find((t) => t.text === a);
    const y = c.tokens.find((t) => t.text === b);
    if (x && y && x.givenName !== '' && x.givenName === y.givenName) out.push(`'${a}' = '${b}'`);
  }
  return out;
}

/** Aligns the tokens of two names and scores the alignment. */
export function compareNames(q: NameForm, c: NameForm): NameComparison {
  if (q.literal && q.literal === c.literal) {
    const note = readingNote(q, c);
    return { score: 1, detail: `'${q.literal}' identical${note ? ` (${note})` : ''}`, pairs: [] };
  }
  const ex: Explain = { pairs: [], places: false, given: false, han: false };
  const [qa, ca] = withoutLegalTypos(q, c);
  const score = align(ALIGNED, qa, ca, ex);
  const misspelt = [...qa.legalPhrases.slice(q.legalPhrases.length), ...ca.legalPhrases.slice(c.legalPhrases.length)];
  const notes: string[] = [];
  if (ex.places) notes.push('different places');
  if (ex.given) notes.push(`first given names differ ('${q.tokens[0].text}' vs '${c.tokens[0].text}')`);
  if (misspelt.length) notes.push(`${misspelt.map((w) => `'${w}'`).join(', ')} read as a misspelt legal form of the other name`);
  const forms = givenNameForms(q, c, ex.pairs);
  if (forms.length) notes.push(`one given name: ${forms.join(', ')}`);
  let detail = ex.han ? `'${q.hanCore}' ~ '${c.hanCore}' (Chinese core name)` : `'${qa.key}' ~ '${ca.key}'`;
  if (q.transliterated || c.transliterated) notes.push('transliterated');
  const reading = readingNote(q, c);
  if (reading) notes.push(reading);
  const legal = [...new Set([...q.legalPhrases, ...c.legalPhrases])];
  if (legal.length) notes.push(`legal form ${legal.map((l) => `'${l}'`).join(', ')} ignored`);
  if (notes.length) detail += ` (${notes.join('; ')})`;
  return { score, detail, pairs: ex.pairs };
}
