/**
 * The fitted scoring model of data/names/match-model.yml: an intercept and one weight per feature
 * (weights.ts declares the features), combined by the logistic function so that a score is a calibrated
 * share of matches among training pairs that scored alike. `npm run fit:match` writes the file.
 */
import Type, { type Static } from 'typebox';
import { readNameTable } from '../names/tables.ts';

const Weight = Type.Number({ description: 'log-odds per unit of the feature' });

/** data/names/match-model.yml */
export const ModelFile = Type.Object(
  {
    source: Type.String(),
    fit: Type.Object(
      {
        command: Type.String(),
        date: Type.String(),
        method: Type.String(),
        training_sets: Type.Array(Type.Object({ file: Type.String(), pairs: Type.Integer(), weight: Type.Number() }, { additionalProperties: false })),
        set_by_hand: Type.Record(Type.String(), Type.String(), { description: 'feature → why its weight is not fitted' }),
        intercept_held: Type.Optional(Type.Number({ description: 'the intercept held at this value while the weights were fitted (fit:match --intercept)' })),
      },
      { additionalProperties: false },
    ),
    parameters: Type.Object(
      {
        evidence_gate: Type.Number({
          minimum: 0,
          maximum: 1,
          description: 'name score from which the left-over-word features may add to the score (words_near, loose_*)',
        }),
        near_gate: Type.Number({
          minimum: 0,
          maximum: 1,
          description:
            'name score from which words_near adds when every left-over word has 4 letters or more (Cooney / Carney in a two-word ' +
            'name agreeing in the other word): at most evidence_gate',
        }),
      },
      { additionalProperties: false },
    ),
    intercept: Weight,
    weights: Type.Record(Type.String(), Weight),
    calibration: Type.Array(
      Type.Object({ from: Type.Number(), to: Type.Number(), pairs: Type.Integer(), matches: Type.Number() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type MatchModel = Static<typeof ModelFile>;

/** The file in data/names. */
export const MODEL_NAME = 'match-model.yml';

/** The model with its feature names checked against the declared ones. */
export function modelOf(doc: ReturnType<typeof readNameTable<typeof ModelFile>>, features: readonly string[]): MatchModel {
  for (const k of Object.keys(doc.value.weights)) {
    if (!features.includes(k)) throw doc.fail(['weights', k], `unknown feature "${k}"; known: ${features.join(', ')}`);
  }
  for (const k of features) if (!(k in doc.value.weights)) throw doc.fail(['weights'], `feature "${k}" has no weight`);
  return doc.value;
}

export function readModel(features: readonly string[]): MatchModel {
  return modelOf(readNameTable(MODEL_NAME, ModelFile), features);
}

/** The logistic function: log-odds → probability. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Probability → log-odds (±Infinity at 0 and 1). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
