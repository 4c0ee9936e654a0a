/**
 * The HTTP API's wire types, as TypeBox schemas: Fastify validates requests and serialises responses
 * with them, @fastify/swagger writes /openapi.json from them, and the web UI imports their static
 * types (type-only, so the browser bundle holds none of this). Objects produced by other modules
 * (job results, the entity view) stay open (`additionalProperties`), so a field added there is sent,
 * not silently dropped by the serialiser.
 */
import { Type, type Static } from 'typebox';
import { ROLES } from './auth.ts';
import { JOB_KINDS } from './jobs/types.ts';
import { DECISIONS, MAX_REASON } from '../review/index.ts';
import { AlgorithmDoc, MatchConfig, MatchWeights, matchParams } from './schemas-scoring.ts';

// A type list rather than anyOf: the serialiser writes it with a typeof test instead of a validation per value.
const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const Open = { additionalProperties: true } as const;
const Str = Type.String();
const Int = Type.Integer();
const Strings = Type.Array(Str);
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
export const MAX_QUERIES = 100;
export const MAX_LIMIT = 500;

/** Every error answer: the HTTP status, a machine code where there is one, and what went wrong. */
export const ErrorBody = Type.Object({ status: Int, code: Type.Optional(Str), detail: Str });

// ---- system
export const Health = Type.Object({ status: Type.Literal('ok') });
export const Ready = Type.Object({ status: Type.Literal('ok'), parties: Int, indexed: Int, versions: Int, loadedAt: Str, keysRequired: Type.Boolean() });
export const Unavailable = Type.Object({ status: Type.Literal('unavailable') });
export const Role = Type.Enum(ROLES);
export const Me = Type.Object({ name: Str, role: Role, local: Type.Boolean(), kinds: Strings });

// ---- matching (yente's shapes)
export const DatasetParams = Type.Object({ dataset: Str });
export const FeatureScore = Type.Object({ score: Type.Number(), weight: Type.Number(), detail: Str });
/** The matcher's own features; explanations may hold others (device signals, document categories). */
export const MATCH_FEATURES = [
  'name_match',
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

export const MatchQuerystring = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 5 })),
  threshold: Type.Optional(Type.Number(matchParams.threshold)),
  cutoff: Type.Optional(Type.Number(matchParams.cutoff)),
  algorithm: Type.Optional(Type.String(matchParams.algorithm)),
  exclude_schema: Type.Optional(Strings),
  exclude_entity_ids: Type.Optional(Strings),
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
});
export const SearchResponse = Type.Object({ results: Type.Array(ScoredEntity), total: Total, limit: Int, offset: Int, facets: Type.Object({}) });

export const Algorithms = Type.Object({
  algorithms: Type.Array(AlgorithmDoc),
  default: Str,
  best: Str,
  aliases: Strings,
});
export const Catalog = Type.Object({
  datasets: Type.Array(Type.Object({ name: Str, title: Str, entity_count: Int })),
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
export const ReconcileQuerystring = Type.Object({ queries: Type.Optional(Type.String({ maxLength: 200_000 })) });
export const ReconcileForm = Type.Object({ queries: Type.Optional(Type.String({ maxLength: 200_000 })) });
export const Manifest = Type.Object({
  versions: Strings,
  name: Str,
  identifierSpace: Str,
  schemaSpace: Str,
  defaultTypes: Type.Array(Type.Object({ id: Str, name: Str })),
  documentation: Str,
  view: Type.Object({ url: Str }),
  preview: Type.Object({ url: Str, width: Int, height: Int }),
  suggest: Type.Object({ entity: Type.Object({ service_url: Str, service_path: Str }) }),
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

// ---- screening jobs (mirrors jobs/types.ts; the type provider checks the handlers against these)
export const JobIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
export const JobSummary = Type.Object({ rows: Int, screened: Int, skipped: Int, hits: Int, reviews: Int, clear: Int });
export const JobInfo = Type.Object({
  id: Str,
  kind: Str,
  status: Type.Enum(['queued', 'running', 'done', 'failed']),
  fileName: Str,
  options: Type.Object({ asOf: Type.Optional(Str), threshold: Type.Optional(Type.Number()), previousJobId: Type.Optional(Str) }, Open),
  actor: Str,
  createdAt: Str,
  finishedAt: Type.Optional(Str),
  progress: Type.Object({ done: Type.Number(), total: Type.Optional(Type.Number()), message: Type.Optional(Str) }),
  error: Type.Optional(Str),
  summary: Type.Optional(JobSummary),
});
export const JobList = Type.Object({ jobs: Type.Array(JobInfo), kinds: Strings });
/** The upload form of POST /screen (multipart; read by the handler, described here for the docs). */
export const ScreenUpload = Type.Object({
  file: Type.String({ format: 'binary' }),
  kind: Type.Optional(Type.Enum(JOB_KINDS, { default: 'vendors' })),
  as_of: Type.Optional(Type.String({ pattern: DATE })),
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  rules: Type.Optional(Type.String({ description: 'comma-separated rule ids' })),
});
export const Listing = Type.Object(
  {
    list: Str,
    listName: Type.Optional(Str),
    program: Type.Optional(Str),
    since: Type.Optional(Str),
    end: Type.Optional(Str),
    citation: Type.Optional(Str),
    source: Type.Optional(Str),
  },
  Open,
);
export const PathStep = Type.Object(
  {
    id: Str,
    entity: Str,
    relation: Type.Optional(Str),
    kind: Type.Optional(Str),
    percentage: Type.Optional(Type.Number()),
    confidence: Type.Optional(Type.Number()),
    listings: Type.Optional(Type.Array(Listing)),
  },
  Open,
);
export const Path = Type.Object({ rule: Type.Optional(Str), ruleName: Type.Optional(Str), steps: Type.Array(PathStep), text: Str }, Open);
export const DecisionRecord = Type.Object({
  id: Int,
  recordKey: Str,
  entityId: Str,
  decision: Type.Enum(DECISIONS),
  reason: Str,
  actor: Str,
  createdAt: Str,
  listingHash: Str,
  jobId: Type.Optional(Str),
  label: Type.Optional(Str),
});
export const HitReview = Type.Object({
  status: Type.Enum(['new', 'changed', 'open', ...DECISIONS]),
  raised: Type.Boolean(),
  decision: Type.Optional(DecisionRecord),
  note: Str,
});
export const Hit = Type.Object(
  {
    entityId: Str,
    caption: Str,
    schema: Str,
    score: Type.Number(),
    severity: Type.Enum(['hit', 'review']),
    via: Str,
    lists: Strings,
    listings: Type.Array(Listing),
    paths: Type.Array(Path),
    explanation: Type.Record(Str, FeatureScore),
    listingHash: Str,
    note: Type.Optional(Str),
    review: HitReview,
  },
  Open,
);
export const Row = Type.Object(
  {
    row: Int,
    line: Type.Optional(Int),
    recordKey: Str,
    label: Str,
    input: Type.Record(Str, Str),
    hits: Type.Array(Hit),
    error: Type.Optional(Str),
  },
  Open,
);
export const Results = Type.Object(
  {
    job: JobInfo,
    kind: Str,
    rows: Type.Array(Row),
    summary: JobSummary,
    versions: Type.Array(Type.Object({ source: Str, id: Int, sha256: Str, createdAt: Str })),
    asOf: Type.Optional(Str),
    notes: Type.Optional(Strings),
    extra: Type.Optional(Type.Record(Str, Type.Unknown())),
    /** Hits by review status, and `raised`: how many are new or changed. */
    review: Type.Record(Str, Int),
    /** Report formats offered for this job (XLSX for vendor and holdings jobs). */
    reports: Strings,
  },
  Open,
);
/** One source's outcome in a `lists-update` job (in its results' `extra.sources`). */
export const SourceStatus = Type.Object(
  {
    source: Str,
    status: Str,
    versionId: Type.Optional(Int),
    entities: Type.Optional(Int),
    error: Type.Optional(Str),
  },
  Open,
);

// ---- review
export const DecisionInput = Type.Object(
  {
    jobId: Type.String({ maxLength: 64 }),
    recordKey: Type.String({ pattern: '^[a-f0-9]{32}$' }),
    entityId: Type.String({ maxLength: 300 }),
    decision: Type.Enum(DECISIONS),
    reason: Type.String({ minLength: 1, maxLength: MAX_REASON }),
  },
  { additionalProperties: false },
);
export const DecisionQuerystring = Type.Object({ recordKey: Str, entityId: Str });
export const DecisionHistory = Type.Object({ decisions: Type.Array(DecisionRecord) });
export const AuditQuerystring = Type.Object({
  format: Type.Optional(Type.Enum(['json', 'csv'], { default: 'json' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export const AuditEntry = Type.Object({
  id: Int,
  at: Str,
  actor: Str,
  role: Str,
  action: Str,
  subject: Str,
  detail: Type.Record(Str, Type.Unknown()),
  prevHash: Str,
  hash: Str,
});
export const AuditTrail = Type.Object({ entries: Type.Array(AuditEntry), chain: Str });

// ---- lists
export const Version = Type.Object({
  id: Int,
  source: Str,
  format: Str,
  fileNames: Strings,
  sha256: Str,
  createdAt: Str,
  entityCount: Int,
  counts: Type.Object({ byList: Type.Record(Str, Int), bySchema: Type.Record(Str, Int) }),
});
export const Lists = Type.Object({
  loadedAt: Str,
  parties: Int,
  canUpdate: Type.Boolean(),
  updateSources: Strings,
  sources: Type.Array(Type.Object({ source: Str, current: Int, versions: Type.Array(Version) })),
});
export const DiffQuerystring = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Type.Integer({ minimum: 1 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
});
export const EntityChange = Type.Object({ id: Str, caption: Str, schema: Str, properties: Type.Optional(Strings) });
export const Diff = Type.Object({
  source: Str,
  from: Version,
  to: Version,
  added: Type.Array(EntityChange),
  removed: Type.Array(EntityChange),
  changed: Type.Array(EntityChange),
  counts: Type.Object({ added: Int, removed: Int, changed: Int }),
});
export const ListsUpdateRequest = Type.Object({ sources: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })) });

// ---- examples
export const ExampleParams = Type.Object({ '*': Type.String({ maxLength: 500 }) });
export const Examples = Type.Object({ examples: Type.Array(Type.Object({ name: Str, kind: Str, bytes: Int })) });

/** A non-JSON answer (HTML, CSV, XLSX …), described for the docs; Fastify sends the body as it is. */
export function fileResponse(description: string, types: string[]) {
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: Type.String(t.includes('spreadsheet') ? { format: 'binary' } : {}) }])) };
}

export type ErrorBody = Static<typeof ErrorBody>;
export type MeResponse = Static<typeof Me>;
export type JobInfoResponse = Static<typeof JobInfo>;
export type HitResponse = Static<typeof Hit>;
export type RowResponse = Static<typeof Row>;
export type ResultsResponse = Static<typeof Results>;
export type DecisionResponse = Static<typeof DecisionRecord>;
export type AuditEntryResponse = Static<typeof AuditEntry>;
export type EntityResponseBody = Static<typeof EntityResponse>;
export type SearchResponseBody = Static<typeof SearchResponse>;
export type ListsResponse = Static<typeof Lists>;
export type DiffResponse = Static<typeof Diff>;
export type SourceStatusResponse = Static<typeof SourceStatus>;
export type ExamplesResponse = Static<typeof Examples>;
