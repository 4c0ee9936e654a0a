/** Wire schemas of the system, matching (yente's shapes), entity and reconciliation endpoints. */
import { Type, type Static } from 'typebox';
import { ROLES } from '../auth.ts';
import { DATE, Int, MAX_LIMIT, NullableString, Open, Str, Strings } from './common.ts';
import { AlgorithmDoc, MatchConfig, MatchWeights, matchParams } from './scoring.ts';
import { ManifestExtend, ManifestSuggest } from './reconcile.ts';

// ---- system
export const Health = Type.Object({ status: Type.Literal('ok') });
export const Ready = Type.Object({
  status: Type.Literal('ok'),
  parties: Int,
  indexed: Int,
  versions: Int,
  /** The list version ids the loaded index was built from (processes on one database converge on the same). */
  versionIds: Type.Optional(Type.Array(Int)),
  loadedAt: Str,
  keysRequired: Type.Boolean(),
});
export const Unavailable = Type.Object({ status: Type.Literal('unavailable') });
export const Role = Type.Enum(ROLES);
export const Me = Type.Object({
  name: Str,
  role: Role,
  local: Type.Boolean(),
  kinds: Strings,
  threshold: Type.Number({ description: 'The match threshold a screening uses unless told otherwise' }),
  fourEyes: Type.Optional(Type.Boolean({ description: 'Decisions are proposed and need a second person with the approver role' })),
});

// ---- matching (yente's shapes)
export const DatasetParams = Type.Object({ dataset: Str });
export const FeatureScore = Type.Object({ score: Type.Number(), weight: Type.Number(), detail: Str });
/** The matcher's own features; explanations may hold others (device signals, document categories). */
export const MATCH_FEATURES = [
  'name_match',
  'name_identical',
  'words_near',
  'words_unrelated',
  'words_extra',
  'middle_names',
  'extra_one_word',
  'loose_short',
  'loose_other',
  'loose_organisation',
  'place_qualifier',
  'place_mismatch',
  'weak_words_only',
  'acronym_only',
  'legal_form_mismatch',
  'identifier_match',
  'schema_mismatch',
  'number_mismatch',
  'organisation_vs_person',
  'country_mismatch',
  'birth_date',
  'ticker_match',
] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];
const ftmFields = {
  id: Str,
  caption: Str,
  schema: Str,
  properties: Type.Record(Str, Strings),
  datasets: Strings,
  referents: Strings,
  target: Type.Boolean(),
  first_seen: NullableString,
  last_seen: NullableString,
  last_change: NullableString,
};
export const FtmEntity = Type.Object(ftmFields);
export const ScoredEntity = Type.Object({
  ...ftmFields,
  score: Type.Number(),
  match: Type.Boolean(),
  features: Type.Record(Str, Type.Number()),
  explanations: Type.Record(Str, FeatureScore),
  token: NullableString,
});
const Total = Type.Object({ value: Int, relation: Type.Enum(['eq', 'gte']) });

/** yente's dataset and topic filters (repeat the parameter for several), applied inside retrieval. */
const yenteFilters = {
  include_dataset: Type.Optional(
    Type.Array(Str, { description: 'Only entities in one of these datasets (see /catalog: sources such as `pack`, list codes).' }),
  ),
  exclude_dataset: Type.Optional(Type.Array(Str, { description: 'No entity in any of these datasets.' })),
  topics: Type.Optional(Type.Array(Str, { description: 'Only entities listed with one of these FtM topics: `sanction`, `export.control`, `debarment`.' })),
};
export const MatchQuerystring = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 5 })),
  threshold: Type.Optional(Type.Number(matchParams.threshold)),
  cutoff: Type.Optional(Type.Number(matchParams.cutoff)),
  algorithm: Type.Optional(Type.String(matchParams.algorithm)),
  exclude_schema: Type.Optional(Strings),
  exclude_entity_ids: Type.Optional(Strings),
  changed_since: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        "Only candidates whose record or listings changed on or after this ISO date (YYYY-MM-DD) or date and time, dated by the list version that brought the change (as yente's changed_since).",
    }),
  ),
  ...yenteFilters,
});
export const MatchExample = Type.Object({ id: Type.Optional(Str), schema: Str, properties: Type.Record(Str, Type.Unknown()) });
export const MatchRequest = Type.Object({
  queries: Type.Record(Str, MatchExample),
  weights: Type.Optional(MatchWeights),
  config: Type.Optional(MatchConfig),
});
export const MatchResponse = Type.Object({
  responses: Type.Record(
    Str,
    Type.Object({
      status: Int,
      results: Type.Array(ScoredEntity),
      total: Total,
      query: Type.Object({ id: NullableString, schema: Str, properties: Type.Record(Str, Strings) }),
    }),
  ),
  matcher: Type.Object({ name: Str, requested: Str, threshold: Type.Number() }),
  limit: Int,
});

export const SearchQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500 })),
  schema: Type.Optional(Str),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 10 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  ...yenteFilters,
});
export const SearchResponse = Type.Object({ results: Type.Array(ScoredEntity), total: Total, limit: Int, offset: Int, facets: Type.Object({}) });

export const Algorithms = Type.Object({
  algorithms: Type.Array(AlgorithmDoc),
  default: Str,
  best: Str,
  aliases: Strings,
});
export const Catalog = Type.Object({
  datasets: Type.Array(
    Type.Object({
      name: Str,
      title: Str,
      /** `collection` (default), `source` (one publisher's file set, e.g. pack), `list` (a list code). */
      type: Type.Enum(['collection', 'source', 'list']),
      /** The current version id of the source (of the sources a list came from: the newest), as yente's version string. */
      version: NullableString,
      updated_at: NullableString,
      entity_count: Int,
      topics: Strings,
    }),
  ),
  current: Type.Array(Type.Object({ source: Str, version: Int, created_at: Str, sha256: Str })),
});

// ---- entities (graph/entity-view.ts)
export const EntityParams = Type.Object({ id: Type.String({ maxLength: 300 }) });
export const AsOfQuerystring = Type.Object({ as_of: Type.Optional(Type.String({ pattern: DATE })) });
export const Evidence = Type.Object({ id: Str, title: Str, publisher: Type.Optional(Str), date: Type.Optional(Str), url: Type.Optional(Str) }, Open);
export const FactSource = Type.Object(
  {
    kind: Type.Enum(['list', 'pack']),
    source: Str,
    file: Type.Optional(Str),
    record: Type.Optional(Type.Unsafe<string | number>({ type: ['string', 'number'] })),
    evidence: Type.Array(Evidence),
  },
  Open,
);
export const LinkView = Type.Object(
  {
    id: Str,
    caption: Str,
    kind: Str,
    percentage: Type.Optional(Type.Number()),
    start: Type.Optional(Str),
    end: Type.Optional(Str),
    confidence: Type.Optional(Type.Number()),
    note: Type.Optional(Str),
    source: FactSource,
  },
  Open,
);
export const ListingView = Type.Object(
  {
    listCode: Str,
    list: Str,
    program: Type.Optional(Str),
    since: Type.Optional(Str),
    end: Type.Optional(Str),
    citation: Type.Optional(Str),
    sourceUrl: Type.Optional(Str),
    sources: Type.Array(FactSource),
  },
  Open,
);
export const EntityView = Type.Object(
  {
    id: Str,
    schema: Str,
    caption: Str,
    names: Type.Array(Type.Object({ value: Str, kind: Str, script: Str })),
    identifiers: Type.Array(Type.Object({ type: Str, value: Str })),
    countries: Strings,
    addresses: Strings,
    listings: Type.Array(ListingView),
    owners: Type.Array(LinkView),
    parents: Type.Array(LinkView),
    subsidiaries: Type.Array(LinkView),
    brands: Type.Array(LinkView),
    makers: Type.Array(LinkView),
    linked: Type.Array(LinkView),
    members: Type.Array(FactSource),
  },
  Open,
);
export const EntityResponse = Type.Object({ ...ftmFields, view: EntityView });

// ---- reconciliation (Reconciliation Service API v0.2)
const reconcileParams = { queries: Type.Optional(Type.String({ maxLength: 200_000 })), extend: Type.Optional(Type.String({ maxLength: 200_000 })) };
export const ReconcileQuerystring = Type.Object(reconcileParams);
export const ReconcileForm = Type.Object(reconcileParams);
export const Manifest = Type.Object({
  versions: Strings,
  name: Str,
  identifierSpace: Str,
  schemaSpace: Str,
  defaultTypes: Type.Array(Type.Object({ id: Str, name: Str })),
  documentation: Str,
  view: Type.Object({ url: Str }),
  preview: Type.Object({ url: Str, width: Int, height: Int }),
  suggest: ManifestSuggest,
  extend: ManifestExtend,
  batchSize: Int,
});
export const ReconcileCandidate = Type.Object({
  id: Str,
  name: Str,
  score: Type.Number(),
  match: Type.Boolean(),
  type: Type.Array(Type.Object({ id: Str, name: Str })),
  description: Str,
});
export const ReconcileResult = Type.Object({ result: Type.Array(ReconcileCandidate) });
export const ReconcileBatch = Type.Record(Str, ReconcileResult);
export const SuggestQuerystring = Type.Object({ prefix: Type.String({ maxLength: 200 }), cursor: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) });
export const Suggestions = Type.Object({ result: Type.Array(Type.Object({ id: Str, name: Str, description: Str })) });
export const PreviewQuerystring = Type.Object({ id: Type.String({ maxLength: 300 }) });

export type MeResponse = Static<typeof Me>;
export type EntityResponseBody = Static<typeof EntityResponse>;
export type SearchResponseBody = Static<typeof SearchResponse>;

// ---- adjacent (yente's /entities/{id}/adjacent)
export const AdjacentParams = Type.Object({ id: Type.String({ maxLength: 300 }) });
export const AdjacentPropertyParams = Type.Object({ id: Type.String({ maxLength: 300 }), property: Type.String({ maxLength: 100 }) });
export const AdjacentQuerystring = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 10 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
/** A relation entity: its end at the asked entity is that entity's id, the other end the nested party. */
export const AdjacentEntity = Type.Object({ ...ftmFields, properties: Type.Record(Str, Type.Array(Type.Union([Str, FtmEntity]))) });
export const AdjacentResults = Type.Object({ results: Type.Array(AdjacentEntity), total: Total, limit: Int, offset: Int });
export const AdjacentResponse = Type.Object({ entity: FtmEntity, adjacent: Type.Record(Str, AdjacentResults) });
