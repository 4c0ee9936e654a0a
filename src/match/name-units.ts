/**
 * What comparison needs of a name beyond its tokens: adjacent tokens joined into units ("fast link" →
 * "fastlink") with their skeletons and letter sets, and which tokens may be acronyms. Computed once per
 * name and kept on it; an index prepares its names at build time so queries do not pay for it.
 */
import type { NameForm } from '../names/index.ts';
import { letterSet, skeleton } from '../names/index.ts';

export const MAX_JOIN = 3;
/** A joined unit is compared only with single words at most this many letters longer or shorter. */
export const JOIN_LEN_DIFF = 3;
/** Acronyms of 3–6 letters only (see acronyms.ts). */
export const MIN_ACRONYM = 3;
export const MAX_ACRONYM = 6;

/** Two or three adjacent word tokens joined: tokens start … start+size-1. */
export interface Unit {
  text: string;
  /** skeleton of the joined text */
  skel: string;
  /** letter sets of `text` and `skel` (name-form.ts `letterSet`) */
  letters: number;
  skelLetters: number;
  start: number;
  size: number;
  /** Joined pinyin syllables of a Han name: compared as spelt ("xing yu" 星宇 is not "Xiangyu"). */
  syllables: boolean;
}

/** What comparison needs of a token list beyond the tokens, computed once per list (names are compared many times). */
export interface TokenInfo {
  units: Unit[];
  /** per token: may be an acronym (3–6 plain letters as written) */
  acronym: Uint8Array;
  /** legal words written before the first kept word and after the last (legal-typos.ts edgeWords) */
  legalEdges: readonly [leading: readonly string[], trailing: readonly string[]];
}

const NO_EDGES: TokenInfo['legalEdges'] = [[], []];
/** Shortest word read as a misspelt legal form, and legal word it is read against (legal-typos.ts). */
export const LEGAL_TYPO_MIN_LEN = 3;

/**
 * The words of a name's legal phrases written before its first kept word (leading) or after its last
 * (trailing), of three letters or more. When the kept words cannot be found as written (an expanded
 * abbreviation), every legal word counts for both edges.
 */
function legalEdges(form: NameForm): TokenInfo['legalEdges'] {
  if (!form.legalPhrases.length || !form.tokens.length) return NO_EDGES;
  const legalWords = new Set(form.legalPhrases.flatMap((p) => p.split(' ')));
  const words = form.literal.split(' ');
  const first = words.indexOf(form.tokens[0].source);
  const last = words.lastIndexOf(form.tokens[form.tokens.length - 1].source);
  const legal = (ws: string[]) => ws.filter((w) => legalWords.has(w) && w.length >= LEGAL_TYPO_MIN_LEN);
  if (first < 0 || last < 0) return [legal(words), legal(words)];
  return [legal(words.slice(0, first)), legal(words.slice(last + 1))];
}

/** The token info of a name, computed on first use and kept on the name. */
export function tokenInfo(form: NameForm): TokenInfo {
  const cached = form.matchInfo as TokenInfo | undefined;
  if (cached) return cached;
  const tokens = form.tokens;
  const units: Unit[] = [];
  const acronym = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    acronym[i] = !t.number && t.text.length >= MIN_ACRONYM && t.text.length <= MAX_ACRONYM && /^[a-z]+$/.test(t.source) ? 1 : 0;
    if (t.number) continue;
    let text = t.text;
    let syllables = t.syllable;
    for (let n = 2; n <= MAX_JOIN && i + n <= tokens.length; n++) {
      const u = tokens[i + n - 1];
      if (u.number) break;
      text += u.text;
      syllables &&= u.syllable;
      if (text.length > 24) break;
      const skel = skeleton(text);
      units.push({ text, skel, letters: letterSet(text), skelLetters: letterSet(skel), start: i, size: n, syllables });
    }
  }
  const info = { units, acronym, legalEdges: legalEdges(form) };
  form.matchInfo = info;
  return info;
}

/** Prepares a name for comparison ahead of time (an index calls it for every indexed name). */
export function prepareForComparison(form: NameForm): void {
  tokenInfo(form);
}
