/**
 * A vendor or holdings screening (src/screen's report) as a kind-independent job result: one row per input
 * row, its match and look-through holdings as hits. Pure; used by the server's jobs and by CLI runs,
 * which are recorded as jobs too.
 */
import { recordKey, listingHash } from '../../review/index.ts';
import { exposureLines, type ScreenReport } from '../../screen/index.ts';
import type { Hit, JobResult, ListingInfo, PathInfo, ResultRow } from './types.ts';
import { summarise } from './summary.ts';

export function hashOf(listings: ListingInfo[]): string {
  return listingHash(listings.map((l) => ({ listCode: l.list, program: l.program, since: l.since, end: l.end, citation: l.citation })));
}

function allListings(direct: ListingInfo[], paths: PathInfo[]): ListingInfo[] {
  return [...direct, ...paths.flatMap((p) => p.steps.flatMap((s) => s.listings ?? []))];
}

function labelOf(input: Record<string, string | undefined>): string {
  const name = input.name ?? input.isin ?? input.ticker ?? input.lei ?? input.id ?? '(no name)';
  return name + (input.country ? ` (${input.country})` : '');
}

function portfolioShare(exposure: number | undefined): string {
  return exposure !== undefined ? `, ${(exposure * 100).toFixed(3)}% of the portfolio` : '';
}

function rowHits(r: ScreenReport['results'][number]): Hit[] {
  const hits: Hit[] = [];
  if (r.match && r.status !== 'clear') {
    const listings = r.listings as ListingInfo[];
    const paths = r.paths as PathInfo[];
    hits.push({
      entityId: r.match.id,
      caption: r.match.caption,
      schema: r.match.schema,
      score: r.match.score,
      severity: r.status === 'hit' ? 'hit' : 'review',
      via: r.match.via,
      lists: r.lists,
      listings,
      paths,
      explanation: r.match.explanation,
      listingHash: hashOf(allListings(listings, paths)),
      note: r.note,
    });
  }
  for (const t of r.lookThrough ?? []) {
    if (t.status === 'clear') continue;
    hits.push({
      entityId: t.match.id,
      caption: t.match.caption,
      schema: t.match.schema,
      score: t.match.score,
      severity: t.status === 'hit' ? 'hit' : 'review',
      via: `look-through ${t.fund}`,
      lists: t.lists,
      listings: t.listings as ListingInfo[],
      paths: [],
      explanation: t.match.explanation,
      listingHash: hashOf(t.listings as ListingInfo[]),
      note: `held through ${t.fund}: ${(t.constituentWeight * 100).toFixed(2)}% of the fund${portfolioShare(t.exposure)}`,
    });
  }
  return hits;
}

/** The job result of a screening; the list versions are those its certificate names. */
export function screenJobResult(report: ScreenReport, asOf: string | undefined): JobResult {
  const rows: ResultRow[] = report.results.map((r) => {
    const input = Object.fromEntries(Object.entries(r.input).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return { row: r.row, line: r.line, recordKey: recordKey(input), label: labelOf(input), input, hits: rowHits(r) };
  });
  for (const s of report.skipped) {
    const key = recordKey({ row: String(s.row), skipped: s.reason });
    rows.push({ row: s.row, line: s.line, recordKey: key, label: `row ${s.row}`, input: {}, hits: [], error: s.reason });
  }
  rows.sort((a, b) => a.row - b.row);
  const versions = report.certificate.sources.map((v) => ({ source: v.source, id: v.versionId, number: v.version, sha256: v.sha256, createdAt: v.importedAt }));
  return {
    kind: report.kind,
    rows,
    summary: summarise(rows),
    versions,
    asOf,
    // exposureLines: the CLI's own wording, so that the web UI shows the same exposure.
    extra: {
      certificate: report.certificate,
      columns: report.columns,
      exposure: report.summary.exposure,
      exposureLines: exposureLines(report.summary.exposure),
    },
    native: { kind: 'screen', report },
  };
}
