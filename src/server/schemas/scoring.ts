/**
 * Wire schemas for what /match and /algorithms say about scoring, generated from the matcher's declared
 * tables (match/weights.ts) so the OpenAPI document lists every feature and tunable the matcher has.
 * Unknown keys pass validation here and are refused by the matcher, whose error names the known ones.
 */
import { Type } from 'typebox';
import { ALGORITHM_NAMES, CONFIG, DEFAULT_THRESHOLD, FEATURES } from '../../match/index.ts';

const Str = Type.String();

export const MatchWeights = Type.Object(
  Object.fromEntries(Object.entries(FEATURES).map(([k, f]) => [k, Type.Optional(Type.Number({ description: `${f.description} Default ${f.coefficient}.` }))])),
  { description: 'Weight overrides by feature (see GET /algorithms): a feature left out keeps its default weight.' },
);

export const MatchConfig = Type.Object(
  {
    candidate_names: Type.Optional(
      Type.Integer({
        minimum: CONFIG.candidate_names.min,
        maximum: CONFIG.candidate_names.max,
        description: `${CONFIG.candidate_names.description} Default ${CONFIG.candidate_names.default}.`,
      }),
    ),
    stop_early: Type.Optional(Type.Boolean({ description: `${CONFIG.stop_early.description} Default ${CONFIG.stop_early.default}.` })),
  },
  { description: 'Matcher tunables (see GET /algorithms); an unknown key is refused with 400.' },
);

/** Query-string fields of /match, described as yente describes them, with our defaults. */
export const matchParams = {
  threshold: {
    minimum: 0,
    maximum: 1,
    description: `A result with a score at or above it is a match (\`match: true\`). Default ${DEFAULT_THRESHOLD} (yente: 0.7).`,
  },
  cutoff: {
    minimum: 0,
    maximum: 1,
    description: 'Results scoring below it are not returned. Default 0.75 × threshold (yente: 0.5, independent of the threshold).',
  },
  algorithm: { description: `One of ${ALGORITHM_NAMES.join(', ')}; anything else is refused with 400.` },
} as const;

const FeatureDoc = Type.Object({ coefficient: Type.Number(), explained_as: Str, description: Str });
const ConfigDoc = Type.Object({
  type: Str,
  default: Type.Union([Type.Number(), Type.Boolean()]),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  description: Str,
});
export const AlgorithmDoc = Type.Object({ name: Str, description: Str, features: Type.Record(Str, FeatureDoc), config: Type.Record(Str, ConfigDoc) });
