/**
 * Acronyms: a short token of one name may stand for consecutive words of the other ("FTA" ~
 * "Foreign Trade Association", "MIC" ~ "Military-Industrial Corporation", "NPO" ~ "Nauchno
 * Proizvodstvennoe Obyedinenie"). Initials are taken from the words as written (before translation).
 */
import type { NameToken } from '../names/index.ts';

/** Acronyms of 3–6 letters only: two letters stand for too many word pairs. */
const MIN_ACRONYM = 3;
const MAX_ACRONYM = 6;

export interface AcronymHit {
  /** index of the acronym token */
  token: number;
  /** indices of the words it stands for */
  words: number[];
}

function isAcronymCandidate(t: NameToken): boolean {
  return !t.number && t.text.length >= MIN_ACRONYM && t.text.length <= MAX_ACRONYM && /^[a-z]+$/.test(t.source);
}

/** Tokens of `a` that spell the initials of consecutive tokens of `b`. */
export function acronymHits(a: NameToken[], b: NameToken[]): AcronymHit[] {
  const out: AcronymHit[] = [];
  for (let i = 0; i < a.length; i++) {
    const t = a[i];
    if (!isAcronymCandidate(t)) continue;
    const acr = t.source;
    const n = acr.length;
    for (let j = 0; j + n <= b.length; j++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = b[j + k];
        ok = !w.number && w.source.length > 1 && w.source[0] === acr[k];
      }
      if (ok) {
        out.push({ token: i, words: Array.from({ length: n }, (_, k) => j + k) });
        break;
      }
    }
  }
  return out;
}
