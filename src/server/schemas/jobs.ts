/** Wire schemas of screening jobs, review decisions and the audit trail, list versions and examples. */
import { Type, type Static } from 'typebox';
import { DECISIONS, MAX_REASON } from '../../review/index.ts';
import { JOB_KINDS } from '../jobs/types.ts';
import { DATE, Int, Open, Str, Strings } from './common.ts';
import { FeatureScore } from './match.ts';

// ---- screening jobs (mirrors jobs/types.ts; the type provider checks the handlers against these)
export const JobIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
export const JobSummary = Type.Object({ rows: Int, screened: Int, skipped: Int, hits: Int, reviews: Int, clear: Int });
export const JobInfo = Type.Object({
  id: Str,
  kind: Str,
  status: Type.Enum(['queued', 'running', 'done', 'failed']),
  fileName: Str,
  options: Type.Object(
    {
      asOf: Type.Optional(Str),
      threshold: Type.Optional(Type.Number()),
      previousJobId: Type.Optional(Str),
      lookThrough: Type.Optional(Type.Object({ name: Str }, { description: 'Holdings: the index file used for look-through' })),
    },
    Open,
  ),
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
  index: Type.Optional(Type.String({ format: 'binary', description: 'Holdings only: index or fund constituents for look-through' })),
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
    versions: Type.Array(Type.Object({ source: Str, id: Int, number: Type.Optional(Int), sha256: Str, createdAt: Str })),
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
    versionNumber: Type.Optional(Int),
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
  number: Type.Integer({ description: "The source's own version number: its first import is 1, whatever other sources were imported before; `id` is global." }),
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

export type JobInfoResponse = Static<typeof JobInfo>;
export type HitResponse = Static<typeof Hit>;
export type RowResponse = Static<typeof Row>;
export type ResultsResponse = Static<typeof Results>;
export type DecisionResponse = Static<typeof DecisionRecord>;
export type AuditEntryResponse = Static<typeof AuditEntry>;
export type ListsResponse = Static<typeof Lists>;
export type DiffResponse = Static<typeof Diff>;
export type SourceStatusResponse = Static<typeof SourceStatus>;
export type ExamplesResponse = Static<typeof Examples>;
