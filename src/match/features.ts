/**
 * Evidence besides the name, each a named feature with a signed weight: identifiers raise the score,
 * mismatching countries, numbers and birth dates lower it. Pure functions over prepared entities.
 */
import { legalFormsShared, legalFormsTransformed, tables, type NameForm } from '../names/index.ts';
import type { Prepared } from './prepared.ts';
import type { FeatureScore } from './types.ts';
import type { Weights } from './weights.ts';

// The weights come from the caller (weights.ts holds the defaults and their documentation).

// Each feature is a cheap test (used on every candidate, no strings built) and a FeatureScore with
// its explanation (built only for the results returned).

/** The shared identifier value, if any. */
export function sharedIdentifier(q: Prepared, c: Prepared): string | undefined {
  if (!q.ids.size || !c.ids.size) return undefined;
  for (const [value, prop] of q.ids) {
    const cprop = c.ids.get(value);
    // across properties only for long values: registration numbers are often filed under another property
    if (cprop && (cprop === prop || value.length >= 8)) return value;
  }
  return undefined;
}

/** Its weight is the floor the score is raised to (see scorer.ts), not an addend. */
export function identifierMatch(q: Prepared, c: Prepared, w: Weights): FeatureScore | undefined {
  const value = sharedIdentifier(q, c);
  if (value === undefined) return undefined;
  return { score: 1, weight: w.identifier_match, detail: `${q.ids.get(value)} ${value} = ${c.ids.get(value)} ${value}` };
}

export function sharedTicker(q: Prepared, c: Prepared): string | undefined {
  if (!q.tickers.size || !c.tickers.size) return undefined;
  for (const t of q.tickers) if (c.tickers.has(t)) return t;
  return undefined;
}

export function tickerMatch(q: Prepared, c: Prepared, w: Weights): FeatureScore | undefined {
  const t = sharedTicker(q, c);
  return t === undefined ? undefined : { score: 1, weight: w.ticker_match, detail: `ticker ${t}` };
}

export function countriesDiffer(q: Prepared, c: Prepared): boolean {
  if (!q.countries.size || !c.countries.size) return false;
  for (const x of q.countries) if (c.countries.has(x)) return false;
  return true;
}

export function countryMismatch(q: Prepared, c: Prepared, w: Weights): FeatureScore | undefined {
  if (!countriesDiffer(q, c)) return undefined;
  return {
    score: 1,
    weight: w.country_mismatch,
    detail: `countries differ: ${[...q.countries].join(', ')} vs ${[...c.countries].join(', ')}`,
  };
}

/**
 * The organisation word of a query name ("Kassem Trading", "… LLC") when the candidate is a person:
 * a vendor called "Kassem Trading" is not the man called "Abu Kassem". Undefined otherwise.
 */
export function organisationWord(q: Prepared, qName: NameForm, c: Prepared): string | undefined {
  if (q.kind !== 'org' || c.kind !== 'person') return undefined;
  if (qName.legalPhrases.length) return qName.legalPhrases[0];
  const org = tables().weakOrg;
  for (const t of qName.tokens) if (org.has(t.text)) return t.text;
  return undefined;
}

export function organisationVsPerson(q: Prepared, qName: NameForm, c: Prepared, w: Weights): FeatureScore | undefined {
  const word = organisationWord(q, qName, c);
  if (word === undefined) return undefined;
  return { score: 1, weight: w.organisation_vs_person, detail: `'${word}' names an organisation; ${c.caption} is a person` };
}

/** Numbers in names are compared strictly: "Institute No. 28" is not "Institute No. 29". */
export function numbersDiffer(q: NameForm, c: NameForm): boolean {
  if (!q.numbers.length || !c.numbers.length) return false;
  return !(q.numbers.every((n) => c.numbers.includes(n)) || c.numbers.every((n) => q.numbers.includes(n)));
}

export function numberMismatch(q: NameForm, c: NameForm, w: Weights): FeatureScore | undefined {
  if (!numbersDiffer(q, c)) return undefined;
  return { score: 1, weight: w.number_mismatch, detail: `numbers differ: ${q.numbers.join(' ')} vs ${c.numbers.join(' ')}` };
}

/**
 * Birth dates (persons): same date is a small bonus, no common year a penalty. Partial dates compare by prefix.
 * 1: a birth date agrees, -1: no common year, 0: no dates on one side or only the year agrees.
 */
export function birthDateAgreement(q: Prepared, c: Prepared): 1 | 0 | -1 {
  if (!q.birthDates.length || !c.birthDates.length) return 0;
  for (const a of q.birthDates) for (const b of c.birthDates) if (a.startsWith(b) || b.startsWith(a)) return 1;
  for (const a of q.birthDates) for (const b of c.birthDates) if (a.slice(0, 4) === b.slice(0, 4)) return 0;
  return -1;
}

/** Birth dates as a feature (see birthDateAgreement). */
export function birthDate(q: Prepared, c: Prepared, w: Weights): FeatureScore | undefined {
  const agree = birthDateAgreement(q, c);
  if (agree === 0) return undefined;
  if (agree === 1) {
    for (const a of q.birthDates) {
      for (const b of c.birthDates) {
        if (a.startsWith(b) || b.startsWith(a)) return { score: 1, weight: w.birth_date_match, detail: `born ${a} ~ ${b}` };
      }
    }
  }
  return {
    score: 1,
    weight: w.birth_date_mismatch,
    detail: `birth dates differ: ${q.birthDates.join(', ')} vs ${c.birthDates.join(', ')}`,
  };
}

/**
 * Both names carry legal forms and share none: "Alphabet Inc" is not "Alphabet International DMCC".
 * Forms are canonical (legal-forms.yml folds "Limited Liability Company" and "LLC" to one, and its `same_form`
 * groups count one legal form under several names as agreeing: "Limited Company" / OOO); a generic one
 * ("Co.", "Company", marked `generic` there) disagrees with none, and nor do forms of one country a company is converted
 * between keeping its name, as written in that country's language (its `transformed` groups: "ELITNYE DOMA AO" / "… OOO").
 */
export function legalFormsDiffer(q: NameForm, c: NameForm): boolean {
  if (!q.legal.length || !c.legal.length) return false;
  // "Co." or "Company" says a firm, not which kind: it disagrees with no form ("NAGHMEH COMPANY" / "NAGHMEH FZE")
  const generic = tables().legal.generic;
  if (q.legal.some((l) => generic.has(l)) || c.legal.some((l) => generic.has(l))) return false;
  return !legalFormsShared(q.legal, c.legal) && !legalFormsTransformed(q, c);
}

export function legalFormMismatch(q: NameForm, c: NameForm, w: Weights): FeatureScore | undefined {
  if (!legalFormsDiffer(q, c)) return undefined;
  return { score: 1, weight: w.legal_form_mismatch, detail: `legal forms differ: ${q.legal.join(', ')} vs ${c.legal.join(', ')}` };
}
