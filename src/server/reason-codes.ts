/** Reason codes of four-eyes resolutions (data/review-reason-codes.yml), loaded and checked once. */
import Type, { type Static } from 'typebox';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { OUTCOMES, type Outcome } from '../review/index.ts';

export const ReasonCodesFile = Type.Array(
  Type.Object(
    {
      code: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }),
      outcome: Type.Union(OUTCOMES.map((o) => Type.Literal(o))),
      label: Type.String({ minLength: 1 }),
    },
    { additionalProperties: false },
  ),
);
export type ReasonCode = Static<typeof ReasonCodesFile>[number];

/** The codes of a file; a code defined twice is refused where it repeats. */
export function readReasonCodes(path = dataPath('review-reason-codes.yml')): ReasonCode[] {
  const doc = readDataFile(path, ReasonCodesFile);
  const seen = new Set<string>();
  doc.value.forEach((c, i) => {
    if (seen.has(c.code)) throw doc.fail([i, 'code'], `reason code "${c.code}" is defined twice`);
    seen.add(c.code);
  });
  return doc.value;
}

/** The code if it exists for this outcome, else undefined. */
export function reasonCodeFor(codes: ReasonCode[], code: string, outcome: Outcome): ReasonCode | undefined {
  return codes.find((c) => c.code === code && c.outcome === outcome);
}
