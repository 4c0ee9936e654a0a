/**
 * Legal-form recognition on normalised tokens. "Co., Ltd.", "Company Limited" and "有限公司" all come
 * out as the canonical form `ltd`; the name core is what is left.
 */
import { distance } from 'fastest-levenshtein';
import { tables } from './tables.ts';

export interface LegalSplit {
  core: string[];
  /** Canonical forms found, in order. */
  forms: string[];
  /** The phrases as written (normalised), for explanations. */
  phrases: string[];
}

/** Longest legal-form phrase starting at token i, or undefined. */
function phraseAt(tokens: string[], i: number, end: number): { canonical: string; size: number } | undefined {
  const t = tables().legal;
  for (let n = Math.min(t.maxTokens, end - i); n >= 1; n--) {
    const hit = t.latin.get(tokens.slice(i, i + n).join(' '));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Removes legal forms: one-word forms ("co", "ag", "sa") only at the start or end, longer phrases
 * ("limited liability company") anywhere. If nothing would be left, the tokens are returned as they are.
 */
/**
 * Repairs one-letter typos in long legal words ("LIlITED LIABILITY COMPANY" → "limited liability company"),
 * so a misspelt legal form is still recognised and not mistaken for part of the name.
 */
export function repairLegalWords(tokens: string[]): string[] {
  const words = tables().legal.words;
  const byStart = longLegalWords(words);
  return tokens.map((t) => {
    if (t.length < 6 || words.has(t) || /\d/.test(t)) return t;
    for (const w of byStart.get(t[0]) ?? []) {
      if (Math.abs(w.length - t.length) <= 1 && distance(w, t) === 1) return w;
    }
    return t;
  });
}

/** Legal words of 6+ letters by first letter, in table order (a typo keeps the first letter). */
let longWords: { from: Set<string>; byStart: Map<string, string[]> } | undefined;
function longLegalWords(words: Set<string>): Map<string, string[]> {
  if (longWords?.from === words) return longWords.byStart;
  const byStart = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < 6) continue;
    const list = byStart.get(w[0]);
    if (list) list.push(w);
    else byStart.set(w[0], [w]);
  }
  longWords = { from: words, byStart };
  return byStart;
}

export function stripLegalForms(input: string[]): LegalSplit {
  const tokens = repairLegalWords(input);
  const forms: string[] = [];
  const phrases: string[] = [];
  let start = 0;
  let end = tokens.length;
  // leading forms
  for (let hit = phraseAt(tokens, start, end); hit && start + hit.size < end; hit = phraseAt(tokens, start, end)) {
    forms.push(hit.canonical);
    phrases.push(tokens.slice(start, start + hit.size).join(' '));
    start += hit.size;
  }
  // trailing forms: find the phrase that ends exactly at `end`, longest first
  const t = tables().legal;
  for (let again = true; again; ) {
    again = false;
    for (let n = Math.min(t.maxTokens, end - start - 1); n >= 1; n--) {
      const hit = t.latin.get(tokens.slice(end - n, end).join(' '));
      if (hit) {
        forms.push(hit.canonical);
        phrases.push(tokens.slice(end - n, end).join(' '));
        end -= n;
        again = true;
        break;
      }
    }
  }
  // multi-word phrases in the middle
  const core: string[] = [];
  for (let i = start; i < end; ) {
    const hit = phraseAt(tokens, i, end);
    if (hit && hit.size > 1 && i > start && i + hit.size < end) {
      forms.push(hit.canonical);
      phrases.push(tokens.slice(i, i + hit.size).join(' '));
      i += hit.size;
    } else core.push(tokens[i++]);
  }
  if (core.length === 0) return { core: input.slice(), forms: [], phrases: [] };
  return { core, forms, phrases };
}
