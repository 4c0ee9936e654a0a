/** Shapes the UI reads from the API (mirrors src/server/jobs/types.ts and src/review). */
export interface JobInfo {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  fileName: string;
  options: { asOf?: string; threshold?: number; previousJobId?: string };
  actor: string;
  createdAt: string;
  finishedAt?: string;
  progress: { done: number; total?: number; message?: string };
  error?: string;
  summary?: { rows: number; screened: number; skipped: number; hits: number; reviews: number; clear: number };
}

export interface Listing { list: string; listName?: string; program?: string; since?: string; end?: string; citation?: string; source?: string }
export interface PathStep { id: string; entity: string; relation?: string; kind?: string; percentage?: number; confidence?: number; listings?: Listing[] }
export interface Decision { id: number; decision: string; reason: string; actor: string; createdAt: string; listingHash: string }
export interface Review { status: string; raised: boolean; decision?: Decision; note: string }

export interface Hit {
  entityId: string;
  caption: string;
  schema: string;
  score: number;
  severity: 'hit' | 'review';
  via: string;
  lists: string[];
  listings: Listing[];
  paths: { steps: PathStep[]; text: string; ruleName?: string }[];
  explanation: Record<string, { score: number; weight: number; detail: string }>;
  note?: string;
  review: Review;
}

export interface Row { row: number; recordKey: string; label: string; input: Record<string, string>; hits: Hit[]; error?: string }

export interface Results {
  job: JobInfo;
  kind: string;
  rows: Row[];
  summary: NonNullable<JobInfo['summary']>;
  versions: { source: string; id: number; createdAt: string }[];
  review: Record<string, number> & { raised: number };
  asOf?: string;
  /** Report formats offered for this job (XLSX for vendor and holdings jobs). */
  reports?: string[];
}
