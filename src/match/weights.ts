/**
 * The matcher's declared model: its name, the table of feature weights the scorer combines and the
 * tunables (config) a query may set. The API lists them in /algorithms and validates overrides against
 * them; the scorer takes a resolved `Weights` as a parameter, so an override applies to one query only.
 */
import { badInput } from '../errors.ts';
import { OFAC_SLS } from './ofac-sls.ts';

export const ALGORITHM = 'sightline-v1';
/** yente's alias for "the best algorithm this server has": here the one above. */
export const BEST_ALIAS = 'best';
export const ALGORITHM_NAMES = [ALGORITHM, BEST_ALIAS, OFAC_SLS];
export const ALGORITHM_DESCRIPTION =
  'Sightline matcher: the best pair of names sets the base of the score (script-aware comparison, legal forms folded, words ' +
  'weighted by rarity), the other features add their signed weight, the total is clamped to 0..1 and a shared strong ' +
  'identifier raises it to a floor. Candidates whose schema cannot be the query schema score 0 (explained as schema_mismatch).';

export interface FeatureDoc {
  /** The default weight. */
  coefficient: number;
  /** The key of the result's `explanations` (and `features`) the feature shows under. */
  explained_as: string;
  description: string;
}

/** The weight table; its keys are the names `weights` may override. */
export const FEATURES = {
  name_match: {
    coefficient: 1,
    explained_as: 'name_match',
    description:
      'Similarity 0..1 of the best pair of names (any script romanised, legal forms folded, fuzzy, phonetic, joined words, ' +
      'acronyms, words weighted by rarity), multiplied by this weight: the base of the score.',
  },
  identifier_match: {
    coefficient: 0.99,
    explained_as: 'identifier_match',
    description:
      'A strong identifier (LEI, ISIN, registration number, IMO …) shared, under the same property or any property when 8+ ' +
      'characters long. Not added: the score is raised to at least this weight (capped at 1); 0 turns it off.',
  },
  ticker_match: { coefficient: 0.15, explained_as: 'ticker_match', description: 'A stock ticker shared: added.' },
  country_mismatch: {
    coefficient: -0.12,
    explained_as: 'country_mismatch',
    description: 'Both sides name countries (country, nationality, jurisdiction …) and none is shared: added.',
  },
  number_mismatch: {
    coefficient: -0.3,
    explained_as: 'number_mismatch',
    description: 'The best pair of names holds numbers and neither side\'s numbers are all in the other ("Institute No. 28" vs "No. 29"): added.',
  },
  organisation_vs_person: {
    coefficient: -0.25,
    explained_as: 'organisation_vs_person',
    description: "The query name is an organisation's (legal form or organisation word) and the candidate a person: added.",
  },
  birth_date_match: {
    coefficient: 0.05,
    explained_as: 'birth_date',
    description: 'A birth date agrees (partial dates by prefix): added.',
  },
  birth_date_mismatch: {
    coefficient: -0.2,
    explained_as: 'birth_date',
    description: 'Birth dates on both sides without a common year: added.',
  },
} satisfies Record<string, FeatureDoc>;

export type FeatureName = keyof typeof FEATURES;
export type Weights = Readonly<Record<FeatureName, number>>;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];
export const DEFAULT_WEIGHTS: Weights = Object.freeze(
  Object.fromEntries(FEATURE_NAMES.map((f) => [f, FEATURES[f].coefficient])) as Record<FeatureName, number>,
);

/** The default weights with `overrides` applied; an unknown feature or a non-number is a BAD_INPUT error naming the known ones. */
export function resolveWeights(overrides: Readonly<Record<string, unknown>> | undefined): Weights {
  if (!overrides || !Object.keys(overrides).length) return DEFAULT_WEIGHTS;
  const out: Record<string, number> = { ...DEFAULT_WEIGHTS };
  for (const [k, v] of Object.entries(overrides)) {
    if (!Object.hasOwn(FEATURES, k)) throw badInput(`unknown feature "${k}" in weights; known features: ${FEATURE_NAMES.join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`weight of "${k}" must be a finite number, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out as Weights;
}

export interface ConfigDoc {
  type: 'integer' | 'boolean';
  default: number | boolean;
  min?: number;
  max?: number;
  description: string;
}

/** The tunables a query may set in `config`. */
export const CONFIG = {
  candidate_names: {
    type: 'integer',
    default: 1000,
    min: 1,
    max: 10_000,
    description: 'Candidate names the retrieval ranks per query (by rarity-weighted key overlap) before scoring: more finds rarer spellings, slower.',
  },
  stop_early: {
    type: 'boolean',
    default: true,
    description:
      'Score candidates in batches by retrieval rank and stop after a batch in which none reaches the threshold (most names ' +
      'match nothing); false scores every retrieved candidate.',
  },
} satisfies Record<string, ConfigDoc>;

export const CONFIG_KEYS = Object.keys(CONFIG);

export interface MatchConfig {
  candidateNames: number;
  stopEarly: boolean;
}

export const DEFAULT_CONFIG: MatchConfig = Object.freeze({ candidateNames: CONFIG.candidate_names.default, stopEarly: CONFIG.stop_early.default });

/** The default config with `config` applied; an unknown key or a value out of range is a BAD_INPUT error naming the known keys. */
export function resolveConfig(config: Readonly<Record<string, unknown>> | undefined): MatchConfig {
  if (!config || !Object.keys(config).length) return DEFAULT_CONFIG;
  const out = { ...DEFAULT_CONFIG };
  for (const [k, v] of Object.entries(config)) {
    if (k === 'candidate_names') {
      const { min, max } = CONFIG.candidate_names;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw badInput(`config candidate_names must be an integer in ${min}..${max}`);
      out.candidateNames = v;
    } else if (k === 'stop_early') {
      if (typeof v !== 'boolean') throw badInput('config stop_early must be true or false');
      out.stopEarly = v;
    } else throw badInput(`unknown config key "${k}"; known keys: ${CONFIG_KEYS.join(', ')}`);
  }
  return out;
}
