/**
 * A small built-in vendor screening used when the full screening module (src/screen) is not present:
 * reads a CSV, matches each row's name (and country, LEI, ISIN) and reports matched parties that are
 * listed, or linked to a listed party through ownership, structure or brand.
 */
import { parse } from 'csv-parse/sync';
import { badInput } from '../../errors.ts';
import { recordKey, listingHash } from '../../review/index.ts';
import type { Relation } from '../../graph/types.ts';
import type { WorldSnapshot } from '../world-state.ts';
import type { Hit, JobContext, JobResult, ListingInfo, PathInfo, PathStepInfo, ResultRow } from './types.ts';
import { relationLabel } from '../../screen/graph-paths.ts';

const NAME_COLUMNS = ['name', 'vendor', 'vendor name', 'vendor_name', 'supplier', 'supplier name', 'company', 'company name', 'issuer', 'legal name', 'entity'];
const FIELD_COLUMNS: Record<string, string[]> = {
  country: ['country', 'country code', 'jurisdiction'],
  leiCode: ['lei', 'lei code'],
  isinCode: ['isin'],
};

function column(headers: string[], candidates: string[]): string | undefined {
  const norm = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, ' ');
  return headers.find((h) => candidates.map(norm).includes(norm(h)));
}

export function listingInfos(snap: WorldSnapshot, id: string, asOf?: string): ListingInfo[] {
  return snap.world.listings(id, asOf).map((l) => ({ list: l.listCode, listName: l.list, program: l.program, since: l.since, end: l.end, citation: l.citation, source: l.origin?.source }));
}

/** Paths from a party up to listed owners, parents and makers (breadth-first, at most three links). */
export function pathsToListed(snap: WorldSnapshot, startId: string, asOf?: string, maxDepth = 3): PathInfo[] {
  const { world } = snap;
  const out: PathInfo[] = [];
  const start = world.get(startId);
  if (!start) return out;
  let frontier: PathStepInfo[][] = [[{ id: start.id, entity: world.get(start.id)?.properties.name?.[0] ?? start.id }]];
  const seen = new Set([start.id]);
  for (let depth = 0; depth < maxDepth && frontier.length && out.length < 5; depth++) {
    const next: PathStepInfo[][] = [];
    for (const path of frontier) {
      const tail = path[path.length - 1];
      for (const r of world.relationsTo(tail.id, asOf)) {
        if (seen.has(r.from) || r.kind === 'linked' || r.kind === 'directorship') continue;
        seen.add(r.from);
        const up = world.get(r.from);
        const steps = [...path.slice(0, -1), { ...tail, relation: relationLabel(r), kind: r.kind, percentage: r.percentage, confidence: r.confidence }, { id: r.from, entity: up?.properties.name?.[0] ?? r.from }];
        const listings = listingInfos(snap, r.from, asOf);
        if (listings.length) {
          steps[steps.length - 1].listings = listings;
          out.push({ steps, text: steps.map((s) => s.entity + (s.relation ? ` ${s.relation}` : '')).join(' ') + ` (${[...new Set(listings.map((l) => l.list))].join(', ')})` });
        } else next.push(steps);
      }
    }
    frontier = next;
  }
  return out;
}

export function hitFor(snap: WorldSnapshot, m: { id: string; caption: string; schema: string; score: number; match: boolean; explanation: Hit['explanation'] }, via: string, asOf?: string): Hit | undefined {
  const listings = listingInfos(snap, m.id, asOf);
  const paths = listings.length ? [] : pathsToListed(snap, m.id, asOf);
  if (!listings.length && !paths.length) return undefined;
  const all = [...listings, ...paths.flatMap((p) => p.steps.flatMap((s) => s.listings ?? []))];
  const lists = [...new Set(all.map((l) => l.list))].sort();
  return {
    entityId: m.id,
    caption: m.caption,
    schema: m.schema,
    score: m.score,
    severity: m.match && listings.length ? 'hit' : 'review',
    via,
    lists,
    listings,
    paths,
    explanation: m.explanation,
    listingHash: listingHash(all.map((l) => ({ listCode: l.list, program: l.program, since: l.since, end: l.end, citation: l.citation }))),
    note: listings.length ? undefined : 'not listed itself; linked to a listed party',
  };
}

export function summarise(rows: ResultRow[]): JobResult['summary'] {
  const s = { rows: rows.length, screened: 0, skipped: 0, hits: 0, reviews: 0, clear: 0 };
  for (const r of rows) {
    if (r.error) { s.skipped++; continue; }
    s.screened++;
    if (r.hits.some((h) => h.severity === 'hit')) s.hits++;
    else if (r.hits.length) s.reviews++;
    else s.clear++;
  }
  return s;
}

export function versionsOf(snap: WorldSnapshot): JobResult['versions'] {
  return snap.versions.map((v) => ({ source: v.source, id: v.id, sha256: v.sha256, createdAt: v.createdAt }));
}

export async function basicVendorHandler(ctx: JobContext): Promise<JobResult> {
  const text = ctx.data.toString('utf8').replace(/^\uFEFF/, '');
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw badInput(`not a readable CSV: ${(err as Error).message}`, { file: ctx.fileName });
  }
  const headers = records.length ? Object.keys(records[0]) : [];
  const nameCol = column(headers, NAME_COLUMNS);
  if (!nameCol) throw badInput(`no name column (expected one of: ${NAME_COLUMNS.join(', ')})`, { file: ctx.fileName, line: 1 });
  const cols = Object.fromEntries(Object.entries(FIELD_COLUMNS).map(([p, c]) => [p, column(headers, c)]));
  const snap = ctx.snapshot;
  const rows: ResultRow[] = [];
  records.forEach((rec, i) => {
    const name = rec[nameCol] ?? '';
    const row: ResultRow = { row: i + 2, recordKey: recordKey(rec), label: name + (cols.country && rec[cols.country] ? ` (${rec[cols.country]})` : ''), input: rec, hits: [] };
    if (!name.trim()) {
      row.error = 'empty name';
    } else {
      const properties: Record<string, string[]> = { name: [name] };
      for (const [p, c] of Object.entries(cols)) if (c && rec[c]) properties[p] = [rec[c]];
      for (const m of snap.index.match({ schema: 'LegalEntity', properties }, { limit: 3, threshold: ctx.options.threshold })) {
        const hit = hitFor(snap, m, properties.leiCode || properties.isinCode ? 'name or identifier' : 'name', ctx.options.asOf);
        if (hit) row.hits.push(hit);
      }
    }
    rows.push(row);
    if (i % 25 === 0) ctx.progress({ done: i + 1, total: records.length, message: `screened ${i + 1} of ${records.length} rows` });
  });
  ctx.progress({ done: records.length, total: records.length, message: `screened ${records.length} rows` });
  return { kind: ctx.kind, rows, summary: summarise(rows), versions: versionsOf(snap), asOf: ctx.options.asOf, notes: ['built-in vendor screening'] };
}
