/**
 * Evidence besides the name, each a named feature with a signed weight: identifiers raise the score,
 * mismatching countries, numbers and birth dates lower it. Pure functions over prepared entities.
 */
import type { NameForm } from '../names/index.ts';
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
};

export function identifierMatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  for (const [value, prop] of q.ids) {
    const cprop = c.ids.get(value);
    // across properties only for long values: registration numbers are often filed under another property
    if (cprop && (cprop === prop || value.length >= 8)) {
      return { score: 1, weight: 1, detail: `${prop} ${value} = ${cprop} ${value}` };
    }
  }
  return undefined;
}

export function tickerMatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  for (const t of q.tickers) if (c.tickers.has(t)) return { score: 1, weight: WEIGHTS.ticker_match, detail: `ticker ${t}` };
  return undefined;
}

export function countryMismatch(q: Prepared, c: Prepared): FeatureScore | undefined {
  if (!q.countries.size || !c.countries.size) return undefined;
  for (const x of q.countries) if (c.countries.has(x)) return undefined;
  return {
    score: 1,
    weight: WEIGHTS.country_mismatch,
    detail: `countries differ: ${[...q.countries].join(', ')} vs ${[...c.countries].join(', ')}`,
  };
}

/** Numbers in names are compared strictly: "Institute No. 28" is not "Institute No. 29". */
export function numberMismatch(q: NameForm, c: NameForm): FeatureScore | undefined {
  if (!q.numbers.length || !c.numbers.length) return undefined;
  const cs = new Set(c.numbers);
  const qs = new Set(q.numbers);
  if (q.numbers.every((n) => cs.has(n)) || c.numbers.every((n) => qs.has(n))) return undefined;
  return { score: 1, weight: WEIGHTS.number_mismatch, detail: `numbers differ: ${q.numbers.join(' ')} vs ${c.numbers.join(' ')}` };
}

/** Birth dates (persons): same date is a small bonus, no common year a penalty. Partial dates compare by prefix. */
export function birthDate(q: Prepared, c: Prepared): FeatureScore | undefined {
  if (!q.birthDates.length || !c.birthDates.length) return undefined;
  for (const a of q.birthDates) {
    for (const b of c.birthDates) {
      if (a.startsWith(b) || b.startsWith(a)) return { score: 1, weight: WEIGHTS.birth_date_match, detail: `born ${a} ~ ${b}` };
    }
  }
  const years = new Set(c.birthDates.map((d) => d.slice(0, 4)));
  if (q.birthDates.some((d) => years.has(d.slice(0, 4)))) return undefined;
  return {
    score: 1,
    weight: WEIGHTS.birth_date_mismatch,
    detail: `birth dates differ: ${q.birthDates.join(', ')} vs ${c.birthDates.join(', ')}`,
  };
}
