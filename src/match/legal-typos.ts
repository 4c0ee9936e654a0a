/**
 * A short legal form misspelt at the edge of one organisation name, where the other name has that form:
 * "OOl Bitriver-B" / "OOO Bitriver-B", "Lemon LrC Oy" / "Lemon LLC Oy", "Argon OnO" / "Argon OOO".
 * Name analysis repairs long legal words only (legal-forms.ts): a short word one letter from a legal
 * form is as often a name ("Cora", "Inca", "Ago"). Against a name that has the form it is read as that
 * form at the same edge, as long as the name keeps a distinctive word ("Inca Trading" is not "Trading Inc").
 */
import type { NameForm, NameToken } from '../names/index.ts';
import { oneEdit, oneSwap } from './token-similarity.ts';
import { LEGAL_TYPO_MIN_LEN, tokenInfo } from './name-units.ts';

/** Lengths of a word read as a misspelt legal form: the short forms (ooo, llc, ltd, corp, gmbh) and one letter more. */
const LEGAL_TYPO_MAX_LEN = 5;
/** A name keeps a word at least this distinctive once the misspelt form is set aside. */
const DISTINCTIVE = 0.5;

/** Whether a token, by itself, could be a misspelt short legal form (the bound's test: name-bound.ts). */
export function mayBeLegalTypo(t: NameToken): boolean {
  return !t.number && t.text.length >= LEGAL_TYPO_MIN_LEN && t.text.length <= LEGAL_TYPO_MAX_LEN;
}

/**
 * Whether `t`, at the leading or trailing edge of its name, is one letter from a legal word `other` writes at
 * the same edge: a misspelt form is read only against a form there ("Cora Lemon" is not "Lemon Corp").
 */
function isTypoOf(t: NameToken, other: NameForm, leading: boolean): boolean {
  const edge = tokenInfo(other).legalEdges[leading ? 0 : 1];
  if (!edge.length || !mayBeLegalTypo(t) || other.tokens.some((o) => o.text === t.text)) return false;
  return edge.some((word) => word !== t.text && (oneEdit(t.text, word) || oneSwap(t.text, word)));
}

/** `form` without its first or last word when that is a misspelt legal form of `other`; `form` itself otherwise. */
function withoutTypos(form: NameForm, other: NameForm): NameForm {
  const n = form.tokens.length;
  if (form.kind !== 'org' || other.legalPhrases.length === 0 || n < 2) return form;
  // the edges checked one by one: this runs for every pair of organisation names with a legal form
  const first = isTypoOf(form.tokens[0], other, true);
  const last = isTypoOf(form.tokens[n - 1], other, false);
  if (!first && !last) return form;
  const drop = first && last ? [0, n - 1] : [first ? 0 : n - 1];
  const tokens = form.tokens.filter((_, i) => !drop.includes(i));
  if (!tokens.some((t) => t.weight >= DISTINCTIVE && !t.number)) return form;
  return {
    ...form,
    tokens,
    key: tokens.map((t) => t.text).join(' '),
    legalPhrases: [...form.legalPhrases, ...drop.map((i) => form.tokens[i].text)],
    numbers: tokens.filter((t) => t.number).map((t) => t.text),
    givenFirst: false,
    matchInfo: undefined,
    signature: undefined,
  };
}

/** Both names with a misspelt legal form at an edge set aside where the other name has that form. */
export function withoutLegalTypos(q: NameForm, c: NameForm): [NameForm, NameForm] {
  if (q.kind !== 'org' || c.kind !== 'org' || (q.legalPhrases.length === 0 && c.legalPhrases.length === 0)) return [q, c];
  return [withoutTypos(q, c), withoutTypos(c, q)];
}
