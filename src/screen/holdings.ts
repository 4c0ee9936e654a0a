/**
 * Holdings: portfolio shares from market values or weights, exposure by list and status, and the look-through
 * into index funds (`--index FILE`: fund, constituent ISIN/name, weight).
 */
import { normaliseIdentifier } from '../match/index.ts';
import { nameKey } from '../graph/world.ts';
import { badInput } from '../errors.ts';
import { headerKey } from '../io/columns.ts';
import { openTable } from './read-table.ts';
import { parseAmount } from './validate-row.ts';
import type { ExposureSummary, RowResult, ScreenStatus } from './types.ts';

export interface Constituent {
  fund: string;
  fundKeys: string[];
  isin?: string;
  name?: string;
  weight: number;
  row: number;
}
export interface IndexFile {
  name: string;
  funds: Map<string, Constituent[]>;
  constituents: number;
}

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

/** Shares (0..1) per row, from market values, or from weights in fractions or percent. */
export function portfolioShares(values: (number | undefined)[], basis: 'market_value' | 'weight'): { shares: (number | undefined)[]; total: number } {
  const total = values.reduce<number>((s, v) => s + (v ?? 0), 0);
  if (basis === 'weight') {
    // Weights given in percent sum to about 100; as fractions to about 1.
    const scale = total > 1.5 ? 100 : 1;
    return { shares: values.map((v) => (v === undefined ? undefined : v / scale)), total };
  }
  return { shares: values.map((v) => (v === undefined || total === 0 ? undefined : v / total)), total };
}

export function exposureSummary(results: RowResult[], basis: 'market_value' | 'weight', total: number): ExposureSummary {
  const byStatus: Record<ScreenStatus, number> = { hit: 0, review: 0, clear: 0 };
  const byList: Record<string, number> = {};
  const reviewByList: Record<string, number> = {};
  const lookThroughByList: Record<string, number> = {};
  const lookThroughReviewByList: Record<string, number> = {};
  const add = (to: Record<string, number>, lists: string[], x: number) => {
    for (const l of lists) to[l] = (to[l] ?? 0) + x;
  };
  let covered = 0;
  for (const r of results) {
    if (r.weight === undefined) continue;
    covered += r.weight;
    byStatus[r.status] += r.weight;
    // Hits and reviews apart: a review is a possible match, not exposure (it would inflate "EL 14 %").
    if (r.status !== 'clear') add(r.status === 'hit' ? byList : reviewByList, r.lists, r.weight);
    for (const lt of r.lookThrough ?? [])
      if (lt.status !== 'clear') add(lt.status === 'hit' ? lookThroughByList : lookThroughReviewByList, lt.lists, lt.exposure ?? 0);
  }
  // Normalise by the screened share so the status shares add up to exactly 1 when weights did not.
  const norm = covered > 0 && Math.abs(covered - 1) > 1e-9 && basis === 'weight' ? covered : 1;
  const round = (x: number) => Math.round((x / norm) * 1e6) / 1e6;
  for (const k of Object.keys(byStatus) as ScreenStatus[]) byStatus[k] = round(byStatus[k]);
  for (const shares of [byList, reviewByList, lookThroughByList, lookThroughReviewByList]) for (const k of Object.keys(shares)) shares[k] = round(shares[k]);
  return { basis, total, byStatus, byList, reviewByList, lookThroughByList, lookThroughReviewByList };
}

/** Loads an index/fund constituents file: a fund column (ISIN or name), constituent ISIN and/or name, weight. */
export async function loadIndexFile(path: string): Promise<IndexFile> {
  const table = await openTable(path);
  const keys = table.headers.map(headerKey);
  const find = (pred: (k: string) => boolean) => {
    const i = keys.findIndex(pred);
    return i < 0 ? undefined : table.headers[i];
  };
  const fundIsin = find((k) => /(fund|etf|index).*isin|isin.*(fund|etf)/.test(k));
  const fundName = find((k) => /^(fund|etf|index|基金)/.test(k) && !/isin/.test(k));
  const consIsin = find((k) => /isin/.test(k) && !/fund|etf|index/.test(k));
  const consName = find((k) => /(constituent|component|member|holding|成分|security|issuer|^name$)/.test(k) && !/isin|weight/.test(k));
  const weight = find((k) => /weight|权重|占比/.test(k));
  if (!(fundIsin || fundName) || !(consIsin || consName) || !weight) {
    throw badInput(`index file needs a fund column, a constituent ISIN or name column and a weight column (found: ${table.headers.join(', ')})`, {
      file: table.name,
    });
  }
  const funds = new Map<string, Constituent[]>();
  const raw: Constituent[] = [];
  for await (const r of table.rows) {
    const fIsin = fundIsin ? (r.values[fundIsin] ?? '').trim() : '';
    const fName = fundName ? (r.values[fundName] ?? '').trim() : '';
    const fund = fName || fIsin;
    const w = parseAmount(r.values[weight]);
    const isin = consIsin ? normaliseIdentifier(r.values[consIsin] ?? '') : '';
    const name = consName ? (r.values[consName] ?? '').trim() : '';
    if (!fund || w === undefined || (!isin && !name)) continue;
    raw.push({
      fund,
      fundKeys: [fIsin, fName].filter(Boolean).flatMap(fundKeys),
      isin: ISIN.test(isin) ? isin : undefined,
      name: name || undefined,
      weight: w,
      row: r.row,
    });
  }
  // Per fund, weights in percent (sum ≈ 100) become fractions.
  const sums = new Map<string, number>();
  for (const c of raw) sums.set(c.fund, (sums.get(c.fund) ?? 0) + c.weight);
  for (const c of raw) {
    if ((sums.get(c.fund) ?? 0) > 1.5) c.weight = c.weight / 100;
    for (const key of c.fundKeys) (funds.get(key) ?? funds.set(key, []).get(key)!).push(c);
  }
  return { name: table.name, funds, constituents: raw.length };
}

function fundKeys(fund: string): string[] {
  const id = normaliseIdentifier(fund);
  return ISIN.test(id) ? [`isin:${id}`] : [`name:${nameKey(fund)}`];
}

/** The constituents of the fund a holding row names (by its ISIN, then its name). */
export function fundConstituents(index: IndexFile, isin?: string, name?: string): Constituent[] {
  if (isin) {
    const hit = index.funds.get(`isin:${normaliseIdentifier(isin)}`);
    if (hit) return hit;
  }
  return name ? (index.funds.get(`name:${nameKey(name)}`) ?? []) : [];
}
