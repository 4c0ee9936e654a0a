/**
 * Labelled name pairs for bench:match and fit:match: JSONL ({"schema","a","b","match","kind"?} a line) or
 * the YAML of data/names/labelled-pairs.yml. Each file's `b` names form one index, so pairs are scored
 * and their features read on the production path (that index's rarity weights).
 */
import { readFileSync } from 'node:fs';
import Type from 'typebox';
import { readDataFile } from '../src/io/data-file.ts';
import { buildIndex, type InMemoryMatchIndex, type MatchQuery } from '../src/match/index.ts';
import { DEFAULT_WEIGHTS, FEATURE_NAMES, FLOORS, type FeatureName } from '../src/match/weights.ts';
import { floorOf } from '../src/match/scorer.ts';
import { hasSchema } from '../src/model/ftm.ts';
import { dataPath } from '../src/paths.ts';

export interface Pair {
  schema: string;
  a: string;
  b: string;
  match: boolean;
  kind: string;
}

/** Our own labelled pairs, each with the public fact it rests on. */
export const OWN_PAIRS = dataPath('names', 'labelled-pairs.yml');

const PairsFile = Type.Object(
  {
    source: Type.String(),
    pairs: Type.Array(
      Type.Object(
        { schema: Type.String(), a: Type.String(), b: Type.String(), match: Type.Boolean(), kind: Type.String(), source: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The pairs of a file; unreadable lines are skipped and counted (the caller reports them). */
export function readPairs(file: string): { pairs: Pair[]; skipped: number } {
  if (/\.ya?ml$/.test(file)) return { pairs: readDataFile(file, PairsFile).value.pairs, skipped: 0 };
  const pairs: Pair[] = [];
  let skipped = 0;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      let rec: any;
      try {
        rec = JSON.parse(text);
      } catch {
        console.error(`${file}, line ${i + 1}: not JSON, skipped`);
        skipped++;
        return;
      }
      if (typeof rec?.match !== 'boolean' || typeof rec.a !== 'string' || typeof rec.b !== 'string') {
        skipped++;
        return;
      }
      const schema = typeof rec.schema === 'string' && hasSchema(rec.schema) ? rec.schema : 'LegalEntity';
      pairs.push({ schema, a: rec.a, b: rec.b, match: rec.match, kind: typeof rec.kind === 'string' ? rec.kind : 'unknown' });
    });
  return { pairs, skipped };
}

/** The query of pair n and the id of its candidate in `indexOf(pairs)`. */
export function queryOf(p: Pair): MatchQuery {
  return { schema: p.schema, properties: { name: [p.a] } };
}
export const candidateId = (n: number) => `b${n}`;

/** One index of the pairs' `b` names (the production scorer's rarity weights come from it). */
export function indexOf(pairs: Pair[]): InMemoryMatchIndex {
  return buildIndex(pairs.map((p, n) => ({ id: candidateId(n), schema: p.schema, properties: { name: [p.b] } })));
}

/** Features fitted on name pairs; the others never fire on them and keep their weights set by hand. */
export const FITTED: FeatureName[] = [
  'name_match',
  'name_identical',
  'words_near',
  'words_unrelated',
  'words_extra',
  'middle_names',
  'extra_one_word',
  'loose_short',
  'loose_other',
  'place_qualifier',
  'place_mismatch',
  'legal_form_mismatch',
  'number_mismatch',
];

/** A pair's fitted feature values (FITTED order) and the log-odds its features set by hand add. */
export interface FeatureRow {
  x: number[];
  offset: number;
  /** The least score the pair gets whatever the fit (a shared identifier): scorer.ts floorOf. */
  floor: number;
}

/** Feature rows of the pairs, read on the production path; hand-set features enter the fit as a fixed offset. */
export function featureRows(pairs: Pair[]): FeatureRow[] {
  const index = indexOf(pairs);
  return pairs.map((p, n) => {
    const v = index.featuresOf(queryOf(p), candidateId(n));
    if (!v) return { x: FITTED.map(() => 0), offset: 0, floor: 0 };
    let offset = 0;
    for (const f of FEATURE_NAMES) if (!FLOORS.includes(f) && !FITTED.includes(f)) offset += DEFAULT_WEIGHTS[f] * v[f];
    return { x: FITTED.map((f) => v[f]), offset, floor: floorOf(v) };
  });
}

export { FEATURE_NAMES };
