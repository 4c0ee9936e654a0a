/**
 * Screening a monitor: its saved rows through the row screener, each flagged row kept as a MonitorHit
 * (matched party, lists, listing hash, every entity id behind it). Reading the input file happens once,
 * when it is added or replaced; later screenings read the saved rows.
 */
import { basename } from 'node:path';
import type { MergedWorld } from '../graph/world.ts';
import { algorithmName, buildAlgorithmIndex } from '../match/index.ts';
import { recordKey, listingHash } from '../review/index.ts';
import {
  RowScreener,
  detectColumns,
  fundConstituents,
  loadIndexFile,
  looksLikeHoldings,
  openTable,
  rowFields,
  rowProblem,
  selectRules,
  sha256File,
  type ListingRef,
  type Matcher,
  type RowFields,
  type RowVerdict,
} from '../screen/index.ts';
import { badInput } from '../errors.ts';
import type { Monitor, MonitorHit, MonitorInput, MonitorKind, MonitorRow, MonitorSummary } from './types.ts';

/** A world ready to screen against: what `serve` keeps in memory (the match index is the costly part). */
export interface ScreeningWorld {
  world: MergedWorld;
  matcher: Matcher;
  /** Source → version id. */
  versions: Record<string, number>;
}

export function screeningWorld(world: MergedWorld, versions: { source: string; id: number }[], matcher?: Matcher): ScreeningWorld {
  return {
    world,
    matcher: matcher ?? buildAlgorithmIndex(algorithmName(undefined), world.parties()),
    versions: Object.fromEntries(versions.map((v) => [v.source, v.id])),
  };
}

/** Reads a vendor or holdings file (and an index file for look-through) into the rows a monitor keeps. */
export async function readMonitorInput(
  path: string,
  o: { kind?: MonitorKind; map?: Record<string, string>; indexPath?: string; name?: string },
): Promise<{ input: MonitorInput; kind: MonitorKind; skipped: number }> {
  const name = o.name ?? basename(path);
  const { sha256 } = await sha256File(path);
  const table = await openTable(path, { name });
  const columns = detectColumns(table.headers, o.map ?? {}, name);
  if (!columns.name && !columns.isin && !columns.lei && !columns.registration && !columns.ticker) columns.name = table.headers[0];
  const rows: MonitorRow[] = [];
  let skipped = 0;
  for await (const row of table.rows) {
    const fields = rowFields(row, columns);
    const problem = row.error ?? (Object.keys(fields).length ? rowProblem(fields) : 'empty row');
    if (problem) skipped++;
    else rows.push({ row: row.row, fields });
  }
  if (!rows.length) throw badInput(`no row could be screened (${skipped} skipped)`, { file: name });
  const kind = o.kind ?? (looksLikeHoldings(columns) ? 'holdings' : 'vendors');
  const index = o.indexPath ? await loadIndexFile(o.indexPath) : undefined;
  return { input: { fileName: name, sha256, columns: columns as Record<string, string>, rows, index }, kind, skipped };
}

/** The row screener a monitor's options ask for, over the given matcher (the full index, or a small one of changed parties). */
export function monitorScreener(sw: { world: MergedWorld }, matcher: Matcher, monitor: Pick<Monitor, 'kind' | 'options'>, asOf: string): RowScreener {
  const hit = monitor.options.threshold;
  const review = hit === undefined ? undefined : Math.min(hit, Math.round((hit - 0.1) * 100) / 100);
  const screener = new RowScreener(sw.world, matcher, {
    kind: monitor.kind,
    rules: selectRules(monitor.options.rules, asOf).rules,
    asOf,
    hitThreshold: hit,
    reviewThreshold: review,
  });
  screener.kind = monitor.kind;
  return screener;
}

function labelOf(f: RowFields): string {
  const name = f.name ?? f.isin ?? f.ticker ?? f.lei ?? f.id ?? '(no name)';
  return name + (f.country ? ` (${f.country})` : '');
}

/** Every entity id behind a flagged verdict: matched party, path steps and the members merged into them. */
function verdictIds(world: MergedWorld, v: RowVerdict): Set<string> {
  const ids = new Set<string>([v.match!.id]);
  for (const p of v.paths) for (const s of p.steps) ids.add(s.id);
  for (const id of [...ids]) for (const member of world.members(id)) ids.add(member.id);
  return ids;
}

function hitOf(world: MergedWorld, row: MonitorRow, key: string, v: RowVerdict, via?: string): MonitorHit {
  const m = v.match!;
  const pathListings: ListingRef[] = v.paths.flatMap((p) => p.steps.flatMap((s) => s.listings ?? []));
  const all = [...v.listings, ...pathListings];
  const ids = verdictIds(world, v);
  return {
    recordKey: key,
    entityId: m.id,
    row: row.row,
    label: labelOf(row.fields) + (via ? ` via ${via}` : ''),
    caption: m.caption,
    status: v.status === 'hit' ? 'hit' : 'review',
    lists: v.lists,
    listingHash: listingHash(all.map((l) => ({ listCode: l.list, program: l.program, since: l.since, end: l.end, citation: l.citation }))),
    listings: all.map(({ list, listName, program, since, end, citation }) => ({ list, listName, program, since, end, citation, source: '' })),
    ids: [...ids].sort(),
  };
}

/** The flagged (row × party) pairs of one row: its own match and, for holdings, the index constituents it holds. */
export function flagRow(world: MergedWorld, screener: RowScreener, row: MonitorRow, input: Pick<MonitorInput, 'index'>): MonitorHit[] {
  const key = recordKey(row.fields);
  const out: MonitorHit[] = [];
  const v = screener.screen(row.fields);
  if (v.status !== 'clear' && v.match) out.push(hitOf(world, row, key, v));
  if (input.index) {
    for (const c of fundConstituents(input.index, row.fields.isin, row.fields.name)) {
      const cv = screener.screen({ name: c.name, isin: c.isin });
      if (cv.status !== 'clear' && cv.match) out.push(hitOf(world, row, key, cv, c.fund));
    }
  }
  return out;
}

/**
 * Whether flagRow would flag the row on one of `ids` (as MonitorHit.ids): the same screenings, without
 * building hits, and only of the names `mayMatch` lets through (the row's, each index constituent's).
 */
export function flagsAny(
  world: MergedWorld,
  screener: RowScreener,
  row: MonitorRow,
  input: Pick<MonitorInput, 'index'>,
  ids: Set<string>,
  mayMatch: (f: RowFields) => boolean,
): boolean {
  const flags = (f: RowFields) => {
    if (!mayMatch(f)) return false;
    const v = screener.screen(f);
    if (v.status === 'clear' || !v.match) return false;
    for (const id of verdictIds(world, v)) if (ids.has(id)) return true;
    return false;
  };
  if (flags(row.fields)) return true;
  if (!input.index) return false;
  return fundConstituents(input.index, row.fields.isin, row.fields.name).some((c) => flags({ name: c.name, isin: c.isin }));
}

export function summariseHits(rows: number, hits: MonitorHit[]): MonitorSummary {
  const rank = new Map<string, 'hit' | 'review'>();
  for (const h of hits) if (rank.get(h.recordKey) !== 'hit') rank.set(h.recordKey, h.status);
  const values = [...rank.values()];
  return { rows, hit: values.filter((s) => s === 'hit').length, review: values.filter((s) => s === 'review').length };
}

/** Every row from scratch. */
export function screenAll(sw: ScreeningWorld, monitor: Pick<Monitor, 'kind' | 'options'>, input: MonitorInput, asOf: string): MonitorHit[] {
  const screener = monitorScreener(sw, sw.matcher, monitor, asOf);
  return input.rows.flatMap((row) => flagRow(sw.world, screener, row, input));
}
