/**
 * Evidence besides the name, each a named feature with a signed weight: identifiers raise the score,
 * mismatching countries, numbers and birth dates lower it. Pure functions over prepared entities.
 */
import { tables, type NameForm } from '../names/index.ts';
import type { Prepared } from './prepared.ts';
import type { FeatureScore } from './types.ts';

/** A strong identifier (LEI, ISIN, USCC, registration number …) shared: the score is at least this. */
export const IDENTIFIER_FLOOR = 0.99;
export const WEIGHTS = {
  ticker_match: 0.15,
  country_mismatch: -0.12,
  number_mismatch: -0.3,
  birth_date_match: 0.05,
  birth_date_mismatch: -0.2,
  organisation_vs_person: -0.25,
};

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

export function identifierMatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  const value = sharedIdentifier(q, c);
  if (value === undefined) return undefined;
  return { score: 1, weight: 1, detail: `${q.ids.get(value)} ${value} = ${c.ids.get(value)} ${value}` };
}

export function sharedTicker(q: Prepared, c: Prepared): string | undefined {
  if (!q.tickers.size || !c.tickers.size) return undefined;
  for (const t of q.tickers) if (c.tickers.has(t)) return t;
  return undefined;
}

export function tickerMatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  const t = sharedTicker(q, c);
  return t === undefined ? undefined : { score: 1, weight: WEIGHTS.ticker_match, detail: `ticker ${t}` };
}

export function countriesDiffer(q: Prepared, c: Prepared): boolean {
  if (!q.countries.size || !c.countries.size) return false;
  for (const x of q.countries) if (c.countries.has(x)) return false;
  return true;
}

export function countryMismatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  if (!countriesDiffer(q, c)) return undefined;
  return {
    score: 1,
    weight: WEIGHTS.country_mismatch,
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

export function organisationVsPerson(q: Prepared, qName: NameForm, c: Prepared): FeatureScore | undefined {
  const word = organisationWord(q, qName, c);
  if (word === undefined) return undefined;
  return { score: 1, weight: WEIGHTS.organisation_vs_person, detail: `'${word}' names an organisation; ${c.caption} is a person` };
}

/** Numbers in names are compared strictly: "Institute No. 28" is not "Institute No. 29". */
export function numbersDiffer(q: NameForm, c: NameForm): boolean {
  if (!q.numbers.length || !c.numbers.length) return false;
  return !(q.numbers.every((n) => c.numbers.includes(n)) || c.numbers.every((n) => q.numbers.includes(n)));
}

export function numberMismatch(q: NameForm, c: NameForm): FeatureScore | undefined {
  if (!numbersDiffer(q, c)) return undefined;
  return { score: 1, weight: WEIGHTS.number_mismatch, detail: `numbers differ: ${q.numbers.join(' ')} vs ${c.numbers.join(' ')}` };
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
export function birthDate(q: Prepared, c: Prepared): FeatureScore | undefined {
  const agree = birthDateAgreement(q, c);
  if (agree === 0) return undefined;
  if (agree === 1) {
    for (const a of q.birthDates) {
      for (const b of c.birthDates) {
        if (a.startsWith(b) || b.startsWith(a)) return { score: 1, weight: WEIGHTS.birth_date_match, detail: `born ${a} ~ ${b}` };
      }
    }
  }
  return {
    score: 1,
    weight: WEIGHTS.birth_date_mismatch,
    detail: `birth dates differ: ${q.birthDates.join(', ')} vs ${c.birthDates.join(', ')}`,
  };
}
