/** Shapes of screening jobs and their results, as the server stores and serves them (kind-independent). */
import type { FeatureScore } from '../../match/index.ts';
import type { WorldSnapshot } from '../world-state.ts';
import type { NativeReport } from './native.ts';

export const JOB_KINDS = ['vendors', 'holdings', 'devices', 'documents'] as const;
export type JobKind = (typeof JOB_KINDS)[number] | 'lists-update';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobOptions {
  /** Screen as the world stood on this date (YYYY-MM-DD). */
  asOf?: string;
  /** Match threshold 0..1 (default: the matcher's). */
  threshold?: number;
  /** Set when this job re-screens an earlier one: hits are compared with that job's. */
  previousJobId?: string;
  /** Holdings: the index or fund constituents file for look-through (its data base64; only its name is shown). */
  lookThrough?: { name: string; data?: string };
  /** Free options a handler understands (e.g. `rules`, `sources` for lists-update). */
  [key: string]: unknown;
}

export interface JobProgress {
  done: number;
  total?: number;
  message?: string;
}

export interface ListingInfo {
  list: string;
  listName?: string;
  program?: string;
  since?: string;
  end?: string;
  citation?: string;
  source?: string;
}

export interface PathStepInfo {
  id: string;
  entity: string;
  relation?: string;
  kind?: string;
  percentage?: number;
  confidence?: number;
  listings?: ListingInfo[];
}

export interface PathInfo {
  rule?: string;
  ruleName?: string;
  steps: PathStepInfo[];
  text: string;
}

export interface Hit {
  entityId: string;
  caption: string;
  schema: string;
  score: number;
  /** `hit`: matched a covered party; `review`: a weaker match or an indirect link a person should check. */
  severity: 'hit' | 'review';
  via: string;
  lists: string[];
  listings: ListingInfo[];
  paths: PathInfo[];
  explanation: Record<string, FeatureScore>;
  /** Hash of every listing behind this hit (direct and along paths): a decision holds until it changes. */
  listingHash: string;
  note?: string;
}

export interface ResultRow {
  /** 1-based row (header = row 1) or item number. */
  row: number;
  line?: number;
  recordKey: string;
  /** What the row is, for people: "ACME Ltd (CN)", "10.0.0.5 Hikvision DS-2CD…", "contract.pdf p.3". */
  label: string;
  input: Record<string, string>;
  hits: Hit[];
  error?: string;
}

export interface JobResult {
  kind: string;
  rows: ResultRow[];
  summary: { rows: number; screened: number; skipped: number; hits: number; reviews: number; clear: number };
  versions: { source: string; id: number; number?: number; sha256: string; createdAt: string }[];
  asOf?: string;
  notes?: string[];
  /** Anything else a handler wants to keep (e.g. the screening module's own summary). */
  extra?: Record<string, unknown>;
  /** The screening module's own report data, for the downloads (not sent with `/results`). */
  native?: NativeReport;
}

export interface JobContext {
  jobId: string;
  kind: string;
  fileName: string;
  data: Buffer;
  options: JobOptions;
  snapshot: WorldSnapshot;
  progress(p: JobProgress): void;
}

export type JobHandler = (ctx: JobContext) => Promise<JobResult>;

export interface JobInfo {
  id: string;
  kind: string;
  status: JobStatus;
  fileName: string;
  options: JobOptions;
  actor: string;
  createdAt: string;
  finishedAt?: string;
  progress: JobProgress;
  error?: string;
  summary?: JobResult['summary'];
}
