/** The words two aligned names leave over, and how they differ: the words_near and words_unrelated features. */
import { distance } from 'fastest-levenshtein';
import { isPlaceWord, type NameToken } from '../names/index.ts';

function weightOf(tokens: NameToken[]): number {
  return totalWeight(tokens);
}

/** Words weighing at least this carry identity (not industry words, places or particles). */
export const CARRYING_WEIGHT = 0.25;
/** Words weighing at least this are distinctive: a name's own words, not generic ones ("state", "trading"). */
export const DISTINCTIVE_WEIGHT = 0.5;

function totalWeight(tokens: NameToken[]): number {
  let w = 0;
  for (const t of tokens) w += t.weight;
  return w;
}

/**
 * How the words two aligned names leave over differ (the words_near and words_unrelated features):
 * `near` is the mean spelling similarity of the left-over words when every one of them, on both sides, is a
 * near spelling of one of the other's ("Cooney" / "Carney"); `unrelated` the larger share of a name's
 * weight left over in words unlike any of the other's ("al-rawi" / "al-tikriti"). Both 0 when one name
 * is fully explained (extra words are the name score's business).
 */
export interface LeftOver {
  near: number;
  /** `near` > 0 and every left-over word a firm near spelling of one of the other's (firmNear: words_near then counts from NEAR_GATE) */
  nearLong: boolean;
  unrelated: number;
  /** 1 when the names agree in one word only, a short word one letter off (looseness) */
  looseShort: number;
  /** 1 when the names agree in one word only, from another first letter or in sound only (looseness) */
  looseOther: number;
  /** 1 when two organisations' names agree in one word only, loosely (either looseness above) */
  looseOrganisation: number;
  /** 1 when one name leaves over a place word and the other nothing that carries ("Banco Santander" / "… Mexico") */
  placeQualifier: number;
  /** 1 when each name leaves over a place the other lacks ("Hefei Naura …" / "Xi'an Naura …"): two branches */
  placeMismatch: number;
  /** 1 when the names agree in weak words only (generic words, places, initials) and neither is fully explained */
  weakOnly: number;
  /** 1 when the names agree through an acronym and the words it stands for, and in no other word that carries identity */
  acronymOnly: number;
  /** the share of a name's weight left over in words that carry identity, when the other name leaves none over */
  extra: number;
  /** 1 when a person's name adds middle names only: see middleNames (set by the caller, which knows the kind) */
  middleNames: number;
  /** 1 when one name adds distinctive words to a name with one word only that carries identity: see extraToOneWord */
  extraOneWord: number;
  /** the place words each name leaves over, for the explanation */
  places: readonly [readonly string[], readonly string[]];
  /** the left-over words, for the explanation */
  words: readonly [readonly string[], readonly string[]];
}

/** The left-over-word features when nothing is left over (identical names, or before an alignment is read). */
export function emptyLeftOver(out: LeftOver): void {
  out.near = 0;
  out.nearLong = false;
  out.unrelated = 0;
  out.looseShort = 0;
  out.looseOther = 0;
  out.looseOrganisation = 0;
  out.placeQualifier = 0;
  out.placeMismatch = 0;
  out.places = NOTHING_LEFT;
  out.extra = 0;
  out.middleNames = 0;
  out.extraOneWord = 0;
  out.weakOnly = 0;
  out.acronymOnly = 0;
  out.words = NOTHING_LEFT;
}

/** No words on either side: shared by every pair with nothing left over (read only, like all of `LeftOver`'s lists). */
export const NOTHING_LEFT: readonly [readonly string[], readonly string[]] = Object.freeze([Object.freeze([]), Object.freeze([])]);

/**
 * Two left-over words are a typo-like variant rather than two words when at most NEAR_EDITS edits apart
 * and at most NEAR_SHARE of the longer one ("tom" / "tim", "cooney" / "carney"; not "min" / "il").
 */
export const NEAR_EDITS = 2;
export const NEAR_SHARE = 0.4;
/** The similarity of a near pair is 1 − edits / length: at least this. */
export const NEAR_RATIO = 1 - NEAR_SHARE;
/**
 * In a name that agrees in half its words only, a left-over word is a typo-like variant of another when both begin
 * with the same letter (typos rarely hit the first letter, other names often differ there: "Ahmed" / "Mahmud") and
 * are this long or longer: a letter off in three letters is another word or code ("EP-IBS" / "EP-IBK") unless only
 * a vowel differs ("Tom" / "Tim": vowels are what spellings and transliterations vary).
 */
export const NEAR_LONG_LEN = 4;

const consonants = (s: string) => s.replace(/[aeiouy]/g, '');

/** Whether `t` is a firm near spelling of a word of `others` (NEAR_LONG_LEN): the same first letter, and long or a vowel off. */
function firmNear(t: NameToken, others: NameToken[]): boolean {
  const c = consonants(t.text);
  return others.some(
    (o) =>
      o.text !== t.text &&
      o.text[0] === t.text[0] &&
      bestRatio(t, [o]) > 0 &&
      (Math.min(t.text.length, o.text.length) >= NEAR_LONG_LEN || consonants(o.text) === c),
  );
}

function carriesLeftOver(t: NameToken, used: number): boolean {
  return !used && !t.initial && !t.number && t.weight >= CARRYING_WEIGHT;
}

/**
 * A left-over word that carries little alone (a generic word or particle: "network", "abdul") but still
 * names something: when the other name puts a word of its own in that place, the two differ there
 * ("ATIQULLAH ABDUL MOHAMMAD" / "ATIQULLAH WALI MOHAMMAD", "Ezviz Network" / "Ezviz Software"). Places
 * are left to the place terms.
 */
function weakLeftOver(t: NameToken, used: number): boolean {
  return !used && !t.initial && !t.number && !t.place && t.weight > 0 && t.weight < CARRYING_WEIGHT;
}

/** The spelling similarity of `t` to its nearest word in `others`, 0 when none is near (NEAR_EDITS, NEAR_SHARE). */
function bestRatio(t: NameToken, others: NameToken[]): number {
  let best = 0;
  for (const o of others) {
    const d = distance(t.text, o.text);
    const len = Math.max(t.text.length, o.text.length);
    if (d <= NEAR_EDITS && d <= NEAR_SHARE * len) best = Math.max(best, 1 - d / len);
  }
  return best;
}

/** One side of an aligned pair of names: its words, those the alignment took, whether it carries a legal form. */
export interface AlignedSide {
  tokens: NameToken[];
  used: Uint8Array;
  legal: boolean;
}

/**
 * A place word left over against nothing that carries: a national branch or subsidiary, when the name without
 * it is a firm's full legal name ("Banco Santander, S.A." / "Banco Santander Mexico, S.A."). A name without a
 * legal form names the group or brand ("Hikvision"), of which "Hikvision USA Inc." is a part: no qualifier.
 */
function placeQualifier(a: AlignedSide, aLeft: NameToken[], b: AlignedSide): boolean {
  return !aLeft.length && a.legal && b.tokens.some((t, i) => !b.used[i] && isPlaceWord(t.text));
}

/** The words of `tokens` that carry identity and the alignment left over (carriesLeftOver), in order. */
function carrying(tokens: NameToken[], used: Uint8Array): NameToken[] {
  const out: NameToken[] = [];
  for (let i = 0; i < tokens.length; i++) if (carriesLeftOver(tokens[i], used[i])) out.push(tokens[i]);
  return out;
}

/** `words` followed by the weak words of `tokens` left over (weakLeftOver); `words` itself when there are none. */
function withWeak(words: NameToken[], tokens: NameToken[], used: Uint8Array): NameToken[] {
  let out = words;
  for (let i = 0; i < tokens.length; i++) {
    if (!weakLeftOver(tokens[i], used[i])) continue;
    if (out === words) out = words.slice();
    out.push(tokens[i]);
  }
  return out;
}

/** The texts of the place words of `tokens` left over. */
function placesLeft(tokens: NameToken[], used: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i].place && !used[i]) out.push(tokens[i].text);
  return out;
}

function texts(tokens: NameToken[]): string[] {
  const out: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = tokens[i].text;
  return out;
}

/**
 * The left-over words of two aligned names (`used`: the tokens the alignment took) into `out`. Run for every
 * aligned candidate pair, so it builds only the word lists it keeps (plain loops: no temporary arrays or closures).
 */
export function leftOver(q: AlignedSide, c: AlignedSide, out: LeftOver): void {
  const { tokens: qt, used: usedQ } = q;
  const { tokens: ct, used: usedC } = c;
  const lq = carrying(qt, usedQ);
  const lc = carrying(ct, usedC);
  out.near = 0;
  out.nearLong = false;
  out.unrelated = 0;
  out.placeQualifier = placeQualifier(c, lc, q) || placeQualifier(q, lq, c) ? 1 : 0;
  const pq = placesLeft(qt, usedQ);
  const pc = placesLeft(ct, usedC);
  out.places = [pq, pc];
  out.placeMismatch = pq.length && pc.length ? 1 : 0;
  // a word in place of another: the weak words left over count too (see weakLeftOver)
  const wq = withWeak(lq, qt, usedQ);
  const wc = withWeak(lc, ct, usedC);
  out.extra = 0;
  if (!lq.length !== !lc.length) out.extra = weightOf(lq.length ? lq : lc) / (totalWeight(lq.length ? qt : ct) || 1);
  if (!wq.length || !wc.length) {
    out.words = [texts(lq), texts(lc)];
    return;
  }
  out.words = [texts(wq), texts(wc)];
  // the spelling similarity of each word to its nearest on the other side, summed over both sides in order
  let sum = 0;
  let wUnrelatedQ = 0;
  for (const t of wq) {
    const r = bestRatio(t, wc);
    if (r < NEAR_RATIO) wUnrelatedQ += t.weight;
    sum += r;
  }
  const uq = wUnrelatedQ / (totalWeight(qt) || 1);
  let wUnrelatedC = 0;
  for (const t of wc) {
    const r = bestRatio(t, wq);
    if (r < NEAR_RATIO) wUnrelatedC += t.weight;
    sum += r;
  }
  const uc = wUnrelatedC / (totalWeight(ct) || 1);
  if (uq === 0 && uc === 0) {
    out.near = sum / (wq.length + wc.length);
    out.nearLong = wq.every((t) => firmNear(t, wc)) && wc.every((t) => firmNear(t, wq));
  } else out.unrelated = Math.max(uq, uc);
}

/** Whether the first and the last word of a name are aligned. */
function endsAligned(side: AlignedSide): boolean {
  const n = side.tokens.length;
  return n >= 2 && side.used[0] !== 0 && side.used[n - 1] !== 0;
}

/**
 * A person's name that adds middle names only: the shorter name (two words or more) is explained in full, the
 * first and the last word of both names are aligned, and the longer name's left-over words, at most as many as
 * the shorter name has, stand between them: given names, patronymics or a second given name written on one side
 * only ("Vladimir Vladimirovich Putin" / "Vladimir Putin", "LUKASHENKA, Dzmitry Aliaksandravich" / "LUKASHENKO,
 * Dmitriy"; names in given-name-first order). Not a name missing its surname or given name ("UMAR PATEK ABDULLAH
 * ANSHORI" / "UMAR PATEK", "WALIJAN"), a surname in place of another (words_unrelated), nor a short name inside a
 * long one ("MUHAMMAD AL-AHDAL" / "MOHAMMAD HAMDI MOHAMMAD SADIQ AL-AHDAL": three words added to two).
 * Call after leftOver (`left.extra` > 0 and nothing unrelated or near on either side).
 */
export function middleNames(q: AlignedSide, c: AlignedSide, left: LeftOver): boolean {
  const adding = addingSide(left);
  if (adding === -1) return false;
  const long = adding === 0 ? q : c;
  const short = adding === 0 ? c : q;
  if (!endsAligned(long) || !endsAligned(short)) return false;
  // a word of the shorter name met only by the longer one's initial ("STAVRIDIS" / "S.") is not a name aligned
  const aligned = carryingAligned(short) - Math.max(0, alignedInitials(long) - alignedInitials(short));
  return aligned >= 2 && left.words[adding].length <= aligned;
}

const alignedInitials = (side: AlignedSide) => countAligned(side, (t) => t.initial);

/** The name (0: the query's, 1: the candidate's) that adds words when the other adds none and no word differs; −1 otherwise. */
function addingSide(left: LeftOver): -1 | 0 | 1 {
  if (!left.extra || left.unrelated || left.near) return -1;
  return left.words[0].length > 0 ? 0 : 1;
}

/** The aligned words of a name that carry identity (not particles such as "al", "bin", nor initials). */
function carryingAligned(side: AlignedSide): number {
  return countAligned(side, (t) => !t.initial && t.weight >= CARRYING_WEIGHT);
}

/** How many aligned words of a name are of a kind. */
function countAligned(side: AlignedSide, ofKind: (t: NameToken) => boolean): number {
  let n = 0;
  for (let i = 0; i < side.tokens.length; i++) if (side.used[i] && ofKind(side.tokens[i])) n++;
  return n;
}

/**
 * One name adds distinctive words (DISTINCTIVE_WEIGHT, not places) to a name that has one word only that carries
 * identity ("LEGION" / "LEGION KOMPLEKT", "HIZBALLAH" / "KATA'IB HIZBALLAH"): many firms and groups share one
 * such word, fewer share two. Not generic words ("Ростех" / "STATE CORPORATION ROSTEC"). Call after leftOver.
 */
export function extraToOneWord(q: AlignedSide, c: AlignedSide, left: LeftOver): boolean {
  const adding = addingSide(left);
  if (adding === -1) return false;
  const long = adding === 0 ? q : c;
  // a word that says what the firm is ("State Corporation ROSTEC") or where (place terms) is not another name
  const distinctive = long.tokens.some((t, i) => !long.used[i] && !t.initial && !t.number && !t.place && t.weight >= DISTINCTIVE_WEIGHT);
  return distinctive && carryingAligned(adding === 0 ? c : q) <= 1;
}
