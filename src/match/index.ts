/**
 * The matcher: an in-memory candidate index over parties, pairwise scoring with named features,
 * and the threshold that turns a score into a match.
 */
export type { MatchQuery, FeatureScore, MatchResult, MatchOptions, PairScore } from './types.ts';
export { scorePair, scorePrepared } from './scorer.ts';
export { compareNames, type NameComparison } from './name-similarity.ts';
export { tokenSimilarity, stringSimilarity } from './token-similarity.ts';
export { prepare, normaliseCountry, normaliseIdentifier, type Prepared } from './prepared.ts';
export { isParty, compatible } from './schemas.ts';
export { DEFAULT_THRESHOLD } from './threshold.ts';
export { buildIndex, InMemoryMatchIndex, type MatchIndex } from './match-index.ts';
export type { MatchIndexState } from './index-state.ts';
export { BoundedCache } from './bounded-cache.ts';
export {
  ALGORITHM,
  ALGORITHM_DESCRIPTION,
  ALGORITHM_NAMES,
  BEST_ALIAS,
  CONFIG,
  DEFAULT_WEIGHTS,
  FEATURES,
  INTERCEPT,
  MODEL_RECORD,
  resolveConfig,
  resolveWeights,
  type FeatureName,
  type Weights,
} from './weights.ts';
export { algorithmName, algorithmThreshold, buildAlgorithmIndex } from './algorithms.ts';
export { OFAC_SLS, OFAC_SLS_DESCRIPTION, SLS_PARAMETERS, slsScore, type SlsScore } from './ofac-sls.ts';
export { OfacSlsIndex, SLS_THRESHOLD } from './ofac-sls-index.ts';
