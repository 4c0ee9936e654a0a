/** Public types of the matcher. */

/** An FtM example entity: a schema and some properties (name, alias, country, isinCode, leiCode, birthDate …). */
export interface MatchQuery {
  schema: string;
  properties: Record<string, string[]>;
}

/** One feature's contribution: `score` 0..1, `weight` its signed weight in the total, and why. */
export interface FeatureScore {
  score: number;
  weight: number;
  detail: string;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  score: number;
  match: boolean;
  explanation: Record<string, FeatureScore>;
}

export interface MatchOptions {
  /** Maximum results (default 10). */
  limit?: number;
  /** `match` is score ≥ threshold. Default DEFAULT_THRESHOLD. */
  threshold?: number;
  /** Results scoring below it are dropped. Default `threshold * 0.75`. */
  cutoff?: number;
  /** Weight overrides by feature name (weights.ts FEATURES); unknown names are refused. */
  weights?: Readonly<Record<string, number | undefined>>;
  /** Tunables (weights.ts CONFIG); unknown keys are refused. */
  config?: Readonly<Record<string, unknown>>;
  /** Which candidates may be returned (dataset, schema and id filters), applied before scoring. */
  accept?: (id: string, schema: string) => boolean;
}

export interface PairScore {
  score: number;
  explanation: Record<string, FeatureScore>;
}
