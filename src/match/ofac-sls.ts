/**
 * The score OFAC's Sanctions List Search shows (FAQs 246, 247, 249), so a team can show an examiner that
 * Sightline finds at least what the regulator's tool finds. Pure functions over two names, 0–100:
 *
 * - prefilter: some part of the entered name and some part of the list name start with the same letter
 *   and are at least 50 % alike by edit distance; otherwise the list name is not a candidate at all;
 * - technique (a): Jaro-Winkler of the whole entered name against the whole list name, as the list writes it
 *   ("HEWANI, George" is compared as "HEWANI GEORGE": the tool does not reorder surname and given names);
 * - technique (b): each part of the entered name against its best part of the list name, by Jaro-Winkler,
 *   raised when the Soundex codes agree; a part pair that fails the prefilter counts 0; the composite is the
 *   mean over the entered parts;
 * - the higher of (a) and (b) is the score.
 *
 * The parameters below were calibrated on scores the real tool gave (bench/bench-ofac.ts); each is a
 * general rule, not a fit to particular names.
 */
import { distance } from 'fastest-levenshtein';
import { jaroWinkler, soundex } from './string-distance.ts';

export const OFAC_SLS = 'ofac-sls';
export const OFAC_SLS_DESCRIPTION =
  "Parity with OFAC's Sanctions List Search: candidates share a first letter and are 50 % alike by edit distance in some name " +
  'part; the score is the higher of Jaro-Winkler on the whole names and the mean over the entered name parts of each ' +
  "part's best Jaro-Winkler (raised when Soundex agrees), 0..1 here (OFAC's 0–100 / 100). OFAC's usual slider setting, 80, is the default threshold.";

export const SLS_PARAMETERS = {
  /** FAQ 249: candidates are at least this alike by edit distance (1 − distance / longer length). */
  minEditSimilarity: 0.5,
  /**
   * Entered parts this short ("J.P.", "UN") are initials or particles: they are left out of technique (b)
   * when the entered name has a longer part (the tool scores "J.P. MORGAN" vs "MORGAN …" 100).
   */
  initialMaxLength: 2,
  /** Share of the remaining distance to 1 added to a part pair's Jaro-Winkler when their Soundex codes agree. */
  soundexBonus: 0.15,
  /** The slider's usual setting: a list name at or above it is shown. */
  shownAt: 80,
} as const;

/** Upper-case letters and digits; apostrophes and dots join ("O'BRIEN" → OBRIEN, "J.P." → JP), other marks separate. */
export function slsNormalise(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function slsParts(name: string): string[] {
  const n = slsNormalise(name);
  return n ? n.split(' ') : [];
}

/** 1 − Levenshtein distance / longer length. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer ? 1 - distance(a, b) / longer : 1;
}

/** The prefilter for one pair of name parts: same first letter and at least 50 % alike by edit distance. */
export function partsComparable(a: string, b: string): boolean {
  return a.length > 0 && a[0] === b[0] && editSimilarity(a, b) >= SLS_PARAMETERS.minEditSimilarity;
}

/** The prefilter for a list name: some entered part is comparable with some list part. */
export function slsCandidate(entered: string, listName: string): boolean {
  const listParts = slsParts(listName);
  return slsParts(entered).some((p) => listParts.some((l) => partsComparable(p, l)));
}

/** Technique (a), 0–100. */
export function wholeNameScore(entered: string, listName: string): number {
  return Math.round(100 * jaroWinkler(slsNormalise(entered), slsNormalise(listName)));
}

/** One entered part against one list part, 0..1: Jaro-Winkler raised when Soundex agrees; 0 when not comparable. */
export function partScore(entered: string, listPart: string): number {
  if (!partsComparable(entered, listPart)) return 0;
  const jw = jaroWinkler(entered, listPart);
  return soundex(entered) === soundex(listPart) ? jw + SLS_PARAMETERS.soundexBonus * (1 - jw) : jw;
}

/** The entered parts technique (b) scores: initials and particles left out when a longer part exists. */
export function scoredParts(entered: string): string[] {
  const parts = slsParts(entered);
  const long = parts.filter((p) => p.length > SLS_PARAMETERS.initialMaxLength);
  return long.length ? long : parts;
}

/** Technique (b), 0–100: the mean over entered parts of each part's best list part. */
export function namePartsScore(entered: string, listName: string): number {
  const parts = scoredParts(entered);
  const listParts = slsParts(listName);
  if (!parts.length || !listParts.length) return 0;
  const total = parts.reduce((sum, p) => sum + Math.max(...listParts.map((l) => partScore(p, l))), 0);
  return Math.round((100 * total) / parts.length);
}

/**
 * An upper bound of technique (a), 0..1, from letter counts alone: Jaro's matches are at most the letters the two
 * names share, its transposition term at most 1, and Winkler's prefix adds at most 0.4 of the rest. The index skips
 * a list name whose bounds stay below the cutoff without computing Jaro-Winkler.
 */
export function wholeNameBound(entered: string, listName: string): number {
  return normalisedWholeNameBound(slsNormalise(entered), slsNormalise(listName));
}

const letterCounts = new Int32Array(65536);

/** wholeNameBound of two names already normalised (slsNormalise). */
export function normalisedWholeNameBound(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i)]++;
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (letterCounts[c] > 0) shared++, letterCounts[c]--;
  }
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i)] = 0;
  const jaro = (shared / a.length + shared / b.length + 1) / 3;
  return Math.min(1, jaro + 0.4 * (1 - jaro));
}

export interface SlsScore {
  /** 0–100, the higher of the two techniques. */
  score: number;
  wholeName: number;
  nameParts: number;
}

/** The Sanctions List Search score of a list name for an entered name; undefined when the prefilter drops it. */
export function slsScore(entered: string, listName: string): SlsScore | undefined {
  if (!slsCandidate(entered, listName)) return undefined;
  const wholeName = wholeNameScore(entered, listName);
  const nameParts = namePartsScore(entered, listName);
  return { score: Math.max(wholeName, nameParts), wholeName, nameParts };
}
