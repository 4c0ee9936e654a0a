/** Public shapes of a screening run: per-row results, paths to listed parties, summary and certificate inputs. */
import type { FeatureScore } from '../match/index.ts';
import type { AlsoScore } from './also-score.ts';

export type ScreenStatus = 'hit' | 'review' | 'clear';
export type ScreenKind = 'vendors' | 'holdings';

/** The fields a row can carry once its columns are mapped. */
export const FIELDS = [
  'name',
  'country',
  'address',
  'city',
  'lei',
  'isin',
  'ticker',
  'registration',
  'brand',
  'website',
  'id',
  'weight',
  'market_value',
] as const;
export type Field = (typeof FIELDS)[number];
export type RowFields = Partial<Record<Field, string>>;

/** One input record: its 1-based row number as a spreadsheet shows it (header = row 1) and raw values by header. */
export interface InputRow {
  row: number;
  /** Physical line where the record starts (CSV, JSON lines). */
  line?: number;
  values: Record<string, string>;
  /** Set when the record could not be read (bad JSON line, wrong field count). */
  error?: string;
}

export interface ListingRef {
  list: string;
  listName: string;
  program?: string;
  since?: string;
  end?: string;
  citation?: string;
  source: string;
}

/** One step of a path from the screened party to a listed one. The last step carries the listings. */
export interface PathStep {
  id: string;
  entity: string;
  /** How this party relates to the next step: "subsidiary of", "owned 42% by", "brand of". */
  relation?: string;
  kind?: string;
  percentage?: number;
  since?: string;
  until?: string;
  confidence?: number;
  source?: string;
  listings?: ListingRef[];
}

export interface RulePath {
  rule: string;
  ruleName: string;
  steps: PathStep[];
  /** Aggregate percentage owned by covered parties (ownership-aggregate rules). */
  aggregate?: number;
  /** Lowest confidence of a curated link on the path (1 when all links are certain). */
  confidence: number;
  text: string;
}

export interface MatchInfo {
  id: string;
  caption: string;
  schema: string;
  score: number;
  /** What matched: the row's name, its identifier (ISIN/LEI/…), or its brand column. */
  via: 'name' | 'identifier' | 'brand';
  explanation: Record<string, FeatureScore>;
}

export interface LookThrough {
  fund: string;
  constituent: string;
  constituentWeight: number;
  /** Holding weight × constituent weight, as a share of the portfolio (0..1); absent without weights. */
  exposure?: number;
  status: ScreenStatus;
  match: MatchInfo;
  listings: ListingRef[];
  lists: string[];
}

/** What screening says about one row's input. */
export interface RowVerdict {
  status: ScreenStatus;
  match?: MatchInfo;
  /** Listings of the matched party in force on the as-of date. */
  listings: ListingRef[];
  /** Paths that make the matched party covered under the selected rules. */
  paths: RulePath[];
  /** List codes that make this row a hit or review (direct and through paths). */
  lists: string[];
  /** Why a matched party is not a hit (e.g. no listing in force on the as-of date). */
  note?: string;
}

export interface RowResult extends RowVerdict {
  row: number;
  line?: number;
  input: RowFields;
  /** Holdings: share of the portfolio (0..1). */
  weight?: number;
  lookThrough?: LookThrough[];
  /** Scores by other algorithms (`--also-score`), in the order asked. */
  also?: AlsoScore[];
}

export interface SkippedRow {
  row: number;
  line?: number;
  reason: string;
}

export interface ExposureSummary {
  /** What the shares are computed from. */
  basis: 'market_value' | 'weight';
  total: number;
  /** Shares of the portfolio by status (add up to 1 over screened rows). */
  byStatus: Record<ScreenStatus, number>;
  /** Share of the portfolio in hits on each list (a holding on two lists counts on both); reviews are not exposure until confirmed. */
  byList: Record<string, number>;
  /** Share of the portfolio in holdings to review, by the list they may be on. */
  reviewByList: Record<string, number>;
  /** Look-through exposure through index funds to hits, by list. */
  lookThroughByList: Record<string, number>;
  /** Look-through exposure to constituents to review, by list. */
  lookThroughReviewByList: Record<string, number>;
}

export interface ScreenSummary {
  rows: number;
  screened: number;
  skipped: number;
  hit: number;
  review: number;
  clear: number;
  /** Per list code: rows that are hits / reviews through it. */
  byList: Record<string, { hit: number; review: number }>;
  exposure?: ExposureSummary;
}
