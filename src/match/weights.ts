/**
 * The matcher's declared model: its name, the table of feature weights the scorer combines and the
 * tunables (config) a query may set. The API lists them in /algorithms and validates overrides against
 * them; the scorer takes a resolved `Weights` as a parameter, so an override applies to one query only.
 */
import { badInput } from '../errors.ts';
import { readModel, type MatchModel } from './model.ts';
import { OFAC_SLS } from './ofac-sls.ts';

export const ALGORITHM = 'sightline-v1';
/** yente's alias for "the best algorithm this server has": here the one above. */
export const BEST_ALIAS = 'best';
export const ALGORITHM_NAMES = [ALGORITHM, BEST_ALIAS, OFAC_SLS];
export const ALGORITHM_DESCRIPTION =
  'Sightline matcher: a logistic model over declared features of the best pair of names (script-aware comparison, legal ' +
  'forms folded, words weighted by rarity; how the words left over differ) and of the entities (countries, birth dates, ' +
  'tickers): score = 1 / (1 + e^-(intercept + Σ weight · feature)), fitted on labelled pairs (data/names/match-model.yml) ' +
  'so that a score of 0.9 means about 90 % of such training pairs were matches. A shared strong identifier raises the ' +
  'score to a floor. Candidates whose schema cannot be the query schema score 0 (explained as schema_mismatch).';

export interface FeatureDoc {
  /** The default weight (log-odds per unit of the feature; identifier_match: a floor). */
  coefficient: number;
  /** The key of the result's `explanations` (and `features`) the feature shows under. */
  explained_as: string;
  description: string;
}

/** What each feature measures, each a value 0..1 (features.ts and name-similarity.ts compute them). */
const DESCRIPTIONS = {
  name_match: {
    explained_as: 'name_match',
    description:
      'Similarity 0..1 of the best pair of names (any script romanised, legal forms folded, fuzzy, phonetic, joined words, ' +
      'acronyms, numbers written as words or digits, nicknames, words weighted by rarity).',
  },
  name_identical: {
    explained_as: 'name_identical',
    description:
      'A name of the query and one of the candidate are the same once normalised (case, accents, punctuation; legal forms ' +
      'folded, none disagreeing). Fitted beside name_match, which alone rates a name the same and a name a letter off ' +
      'alike: an identical name alone reads as about 0.95, and other evidence still lowers it.',
  },
  words_near: {
    explained_as: 'words_near',
    description:
      'Both names of the best pair keep words the other lacks, and each of them is a near spelling of a left-over word ' +
      'of the other (Macron / Marcon, Cooney / Carney): a typo-like variant. 0..1, the spelling similarity of those words.',
  },
  words_unrelated: {
    explained_as: 'words_unrelated',
    description:
      'Both names of the best pair keep distinctive words the other lacks, unlike each other (AL-DURI / AL-UBAIDI): ' +
      'more likely two different parties. 0..1, the larger share of a name left unexplained that way.',
  },
  loose_short: {
    explained_as: 'loose_short',
    description: 'The best pair of names agrees in one word only, a short word one letter off (Canon / Cancon, Chevon / Chevron): 1.',
  },
  loose_other: {
    explained_as: 'loose_other',
    description:
      'The best pair of names agrees in one word only, alike from another first letter or in sound only (Cisco / Visco, ' +
      'Verkada / Vorkuta, Daikin / Daqin): 1.',
  },
  loose_organisation: {
    explained_as: 'loose_organisation',
    description:
      'Both are organisations and their best names agree in one word only, loosely (either of the two above: Canon / ' +
      'Cancon, Daikin / Daizin): a brand-alike. Set by hand: the training suites are half matches, screening is not.',
  },
  place_qualifier: {
    explained_as: 'place_qualifier',
    description:
      'One name of the best pair leaves over a country name and the other nothing that carries (Banco Santander / ' +
      'Banco Santander Mexico): a national branch or subsidiary: 1. Cities do not count (a PRC firm’s name begins with its city).',
  },
  words_extra: {
    explained_as: 'words_extra',
    description:
      'One name of the best pair keeps distinctive words the other lacks while the other keeps none (Vladimir ' +
      'Vladimirovich Putin / Vladimir Putin): 0..1, the share of that name left over.',
  },
  middle_names: {
    explained_as: 'middle_names',
    description:
      'Persons: one name of the best pair adds middle names only, between the first and the last word that both names ' +
      'share (Vladimir Vladimirovich Putin / Vladimir Putin, LUKASHENKA, Dzmitry Aliaksandravich / LUKASHENKO, Dmitriy), ' +
      'at most as many as the shorter name has words: 1. Counted from the evidence gate on, beside words_extra.',
  },
  extra_one_word: {
    explained_as: 'extra_one_word',
    description:
      'One name of the best pair adds distinctive words to a name that has one word only that carries identity (LEGION / ' +
      "LEGION KOMPLEKT, HIZBALLAH / KATA'IB HIZBALLAH): many parties share one such word, fewer share two: 1.",
  },
  weak_words_only: {
    explained_as: 'weak_words_only',
    description:
      'The best pair of names agrees only in words that carry little alone (generic words, places, initials) and neither ' +
      'name is explained in full (International Business Machines / International Business Corporation, China / China ' +
      'Telecom): 1.',
  },
  acronym_only: {
    explained_as: 'acronym_only',
    description:
      'The best pair of names agrees through an acronym and the words it stands for, and in no other word that carries ' +
      'identity ("IBM" / "International Business Machines", "MEC" / "Maple Engineering Consultants"): 1. Set by hand at ' +
      '0 (4 training pairs carry it): such a pair is a review on its name score; the explanation says it rests on the acronym.',
  },
  place_mismatch: {
    explained_as: 'place_mismatch',
    description:
      'Each name of the best pair has a place (city, province or country) the other lacks (Hefei Naura … / Xi’an Naura …, ' +
      'Bank of China (Hong Kong) / (Australia)): branches or subsidiaries in two places: 1.',
  },
  legal_form_mismatch: {
    explained_as: 'legal_form_mismatch',
    description: 'Both names of the best pair carry legal forms and none is shared (Inc vs DMCC): 1.',
  },
  number_mismatch: {
    explained_as: 'number_mismatch',
    description:
      "The best pair of names holds numbers (digits, number words, ordinals) and neither side's numbers are all in the " +
      'other ("Institute No. 28" vs "No. 29"): 1.',
  },
  organisation_vs_person: {
    explained_as: 'organisation_vs_person',
    description: "The query name is an organisation's (legal form or organisation word) and the candidate a person: 1.",
  },
  country_mismatch: {
    explained_as: 'country_mismatch',
    description: 'Both sides name countries (country, nationality, jurisdiction, ISIN prefix …) and none is shared: 1.',
  },
  birth_date_match: { explained_as: 'birth_date', description: 'A birth date agrees (partial dates by prefix): 1.' },
  birth_date_mismatch: { explained_as: 'birth_date', description: 'Birth dates on both sides without a common year: 1.' },
  ticker_match: { explained_as: 'ticker_match', description: 'A stock ticker shared: 1.' },
  identifier_match: {
    explained_as: 'identifier_match',
    description:
      'A strong identifier (LEI, ISIN, registration number, IMO …) shared, under the same property or any property when 8+ ' +
      'characters long. Not in the sum: the score is raised to at least this weight (capped at 1); 0 turns it off.',
  },
} satisfies Record<string, Omit<FeatureDoc, 'coefficient'>>;

const MODEL: MatchModel = readModel(Object.keys(DESCRIPTIONS));
/** The log-odds of a match when every feature is 0. */
export const INTERCEPT = MODEL.intercept;
/** Name score from which positive left-over-word features count (a typo in a name that otherwise agrees). */
export const EVIDENCE_GATE = MODEL.parameters.evidence_gate;
/**
 * Name score from which words_near counts when every left-over word has NEAR_LONG_LEN letters or more: a two-word
 * name agreeing in one word scores about half, less when that word is the commoner (Mark Cooney / Mark Carney 0.45).
 */
export const NEAR_GATE = Math.min(MODEL.parameters.near_gate, EVIDENCE_GATE);
/** Features that describe how an otherwise agreeing pair of names differs: counted from EVIDENCE_GATE on. */
// loose_organisation is not gated: a firm alike in one word only loosely is a name-alike at any name score
// ("granite river81" / "GRAND … GENERAL TRADING" at 0.48 would otherwise rest on the intercept alone)
export const GATED: readonly string[] = ['words_near', 'loose_short', 'loose_other', 'middle_names'];
/** Features whose weight is a floor the score is raised to, not a log-odds term (scorer.ts floorOf). */
export const FLOORS: readonly string[] = ['identifier_match'];
/** The fitted model as read (fit record and calibration table), for /algorithms and documentation. */
export const MODEL_RECORD: Readonly<MatchModel> = MODEL;

/** The weight table; its keys are the names `weights` may override. */
export const FEATURES = Object.fromEntries(Object.entries(DESCRIPTIONS).map(([k, d]) => [k, { coefficient: MODEL.weights[k], ...d }])) as Record<
  keyof typeof DESCRIPTIONS,
  FeatureDoc
>;

export type FeatureName = keyof typeof DESCRIPTIONS;
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
