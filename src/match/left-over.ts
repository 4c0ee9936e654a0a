/** The words two aligned names leave over, and how they differ: the words_near and words_unrelated features. */
import { distance } from 'fastest-levenshtein';
import { isPlaceWord, type NameToken } from '../names/index.ts';

/** Words weighing at least this carry identity (not industry words, places or particles). */
export const CARRYING_WEIGHT = 0.25;

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
  unrelated: number;
  /** 1 when the names agree in one word only, a short word one letter off (looseness) */
  looseShort: number;
  /** 1 when the names agree in one word only, from another first letter or in sound only (looseness) */
  looseOther: number;
  /** 1 when two organisations' names agree in one word only, loosely (either looseness above) */
  looseOrganisation: number;
  /** 1 when one name leaves over a place word and the other nothing that carries ("Banco Santander" / "… Mexico") */
  placeQualifier: number;
  /** the left-over words, for the explanation */
  words: [string[], string[]];
}

/**
 * Two left-over words are a typo-like variant rather than two words when at most NEAR_EDITS edits apart
 * and at most NEAR_SHARE of the longer one ("tom" / "tim", "cooney" / "carney"; not "min" / "il").
 */
export const NEAR_EDITS = 2;
export const NEAR_SHARE = 0.4;
/** The similarity of a near pair is 1 − edits / length: at least this. */
export const NEAR_RATIO = 1 - NEAR_SHARE;

function carriesLeftOver(t: NameToken, used: number): boolean {
  return !used && !t.initial && !t.number && t.weight >= CARRYING_WEIGHT;
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

/** The left-over words of two aligned names (`usedQ`/`usedC`: the tokens the alignment took) into `out`. */
export function leftOver(qt: NameToken[], usedQ: Uint8Array, ct: NameToken[], usedC: Uint8Array, out: LeftOver): void {
  const lq = qt.filter((t, i) => carriesLeftOver(t, usedQ[i]));
  const lc = ct.filter((t, j) => carriesLeftOver(t, usedC[j]));
  out.near = 0;
  out.unrelated = 0;
  out.words = [lq.map((t) => t.text), lc.map((t) => t.text)];
  const place = (ts: NameToken[], used: Uint8Array) => ts.some((t, i) => !used[i] && isPlaceWord(t.text));
  out.placeQualifier = (!lc.length && place(qt, usedQ)) || (!lq.length && place(ct, usedC)) ? 1 : 0;
  if (!lq.length || !lc.length) return;
  let sum = 0;
  let n = 0;
  const unrelatedShare = (side: NameToken[], other: NameToken[], all: NameToken[]) => {
    let w = 0;
    for (const t of side) {
      const r = bestRatio(t, other);
      if (r < NEAR_RATIO) w += t.weight;
      sum += r;
      n++;
    }
    return w / (totalWeight(all) || 1);
  };
  const uq = unrelatedShare(lq, lc, qt);
  const uc = unrelatedShare(lc, lq, ct);
  if (uq === 0 && uc === 0) out.near = sum / n;
  else out.unrelated = Math.max(uq, uc);
}
