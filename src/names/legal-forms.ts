/**
 * Legal-form recognition on normalised tokens. "Co., Ltd.", "Company Limited" and "有限公司" all come
 * out as the canonical form `ltd`; the name core is what is left.
 */
import { tables } from './tables.ts';
import { repairerOf } from './typo-repair.ts';

/** Shortest legal word repaired through a typo ("LIlITED"). */
const LEGAL_REPAIR_MIN = 6;

export interface LegalSplit {
  core: string[];
  /** Canonical forms found, in order. */
  forms: string[];
  /** The phrases as written (normalised), for explanations. */
  phrases: string[];
}

/**
 * Longest legal-form phrase starting at token i, or undefined. `run[i]`: how many tokens from i on are
 * words of some legal phrase; no phrase is longer, so most tokens need no lookup at all.
 */
function phraseAt(tokens: string[], run: Uint8Array, i: number, end: number): { canonical: string; size: number } | undefined {
  const t = tables().legal;
  for (let n = Math.min(t.maxTokens, end - i, run[i]); n >= 1; n--) {
    const hit = t.latin.get(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Removes legal forms: one-word forms ("co", "ag", "sa") only at the start or end, longer phrases
 * ("limited liability company") anywhere. If nothing would be left, the tokens are returned as they are.
 * Long legal words are read through one-letter typos ("LIlITED LIABILITY COMPANY").
 */
export function stripLegalForms(input: string[]): LegalSplit {
  const repair = repairerOf(tables().legal.words, LEGAL_REPAIR_MIN);
  const tokens = input.map((w) => repair.repair(w));
  const words = tables().legal.words;
  const run = new Uint8Array(tokens.length + 1);
  for (let i = tokens.length - 1; i >= 0; i--) run[i] = words.has(tokens[i]) ? Math.min(255, run[i + 1] + 1) : 0;
  const forms: string[] = [];
  const phrases: string[] = [];
  let start = 0;
  let end = tokens.length;
  // leading forms
  for (let hit = phraseAt(tokens, run, start, end); hit && start + hit.size < end; hit = phraseAt(tokens, run, start, end)) {
    forms.push(hit.canonical);
    phrases.push(tokens.slice(start, start + hit.size).join(' '));
    start += hit.size;
  }
  // trailing forms: find the phrase that ends exactly at `end`, longest first
  const t = tables().legal;
  for (let again = true; again; ) {
    again = false;
    for (let n = Math.min(t.maxTokens, end - start - 1); n >= 1; n--) {
      if (run[end - n] < n) continue;
      const hit = t.latin.get(n === 1 ? tokens[end - 1] : tokens.slice(end - n, end).join(' '));
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
    const hit = phraseAt(tokens, run, i, end);
    if (hit && hit.size > 1 && i > start && i + hit.size < end) {
      forms.push(hit.canonical);
      phrases.push(tokens.slice(i, i + hit.size).join(' '));
      i += hit.size;
    } else core.push(tokens[i++]);
  }
  if (core.length === 0) return { core: input.slice(), forms: [], phrases: [] };
  return { core, forms, phrases };
}

/**
 * Whether two names' legal forms have one in common, counting the forms legal-forms.yml `same_form` lists as one
 * legal form under several names (a Russian OOO written "Limited Company" is the OOO written "LLC").
 */
export function legalFormsShared(a: readonly string[], b: readonly string[]): boolean {
  const same = tables().legal.sameForm;
  for (const x of a) {
    const cx = same.get(x) ?? x;
    for (const y of b) if ((same.get(y) ?? y) === cx) return true;
  }
  return false;
}

/**
 * Whether two names' legal forms, as written, are all forms of one country between which a company is converted
 * keeping its name (legal-forms.yml `transformed`: a Russian OOO becomes an AO, an OAO a PAO), so that they do not
 * disagree. `phrases` are the forms as written (NameForm.legalPhrases); a name with a form not read from a phrase
 * (a Han suffix) or with none is not such a name.
 */
export function legalFormsTransformed(a: { legal: readonly string[]; legalPhrases: readonly string[] }, b: typeof a): boolean {
  const groups = tables().legal.transformed;
  if (!groups.size || !a.legalPhrases.length || !b.legalPhrases.length) return false;
  if (a.legalPhrases.length !== a.legal.length || b.legalPhrases.length !== b.legal.length) return false;
  const group = groups.get(a.legalPhrases[0]);
  if (group === undefined) return false;
  for (const p of a.legalPhrases) if (groups.get(p) !== group) return false;
  for (const p of b.legalPhrases) if (groups.get(p) !== group) return false;
  return true;
}
