/** Terminal table, CSV and XLSX renderings of a screening report. */
import { table } from '../report/text-table.ts';
import { certificateText, toCsv, xlsxBuffer, type Cell, type SheetSpec } from '../report/index.ts';
import { flagged, pct, reasonText, type ScreenReport } from './report-model.ts';
import type { RowResult } from './types.ts';

/** The `--also-score` cells of a row, one per algorithm: its score, "-" when it does not show the party. */
function alsoCells(report: ScreenReport, r: RowResult): string[] {
  return (report.alsoScore ?? []).map((a) => {
    const s = r.also?.find((x) => x.algorithm === a);
    if (!s || s.score === null) return '-';
    return `${s.score.toFixed(2)}${s.id && s.id !== r.match?.id ? ` (${s.caption})` : ''}`;
  });
}

export function renderText(report: ScreenReport, opts: { all?: boolean } = {}): string {
  const s = report.summary;
  const rows = opts.all ? report.results : flagged(report);
  const out: string[] = [];
  out.push(
    `${report.certificate.input?.name ?? 'input'}: ${s.rows} rows, ${s.screened} screened, ${s.skipped} skipped — ${s.hit} hit, ${s.review} review, ${s.clear} clear${report.certificate.asOf ? ` (as of ${report.certificate.asOf})` : ''}`,
  );
  const byList = Object.entries(s.byList).sort((a, b) => b[1].hit + b[1].review - a[1].hit - a[1].review);
  if (byList.length) out.push(`by list: ${byList.map(([l, c]) => `${l} ${c.hit} hit${c.review ? `/${c.review} review` : ''}`).join(', ')}`);
  out.push(...exposureLines(s.exposure));
  if (rows.length) {
    out.push('');
    out.push(
      table(
        ['row', 'status', 'input', 'matched', 'score', ...(report.alsoScore ?? []), 'lists', 'why'],
        rows.map((r) => [
          r.row,
          r.status,
          r.input.name ?? r.input.isin ?? '',
          r.match?.caption ?? '',
          r.match ? r.match.score.toFixed(2) : '',
          ...alsoCells(report, r),
          r.lists.join(' '),
          reasonText(r),
        ]),
      ),
    );
    for (const r of rows) for (const p of r.paths) out.push(`  row ${r.row}: ${p.text}`);
  }
  if (report.skipped.length) {
    out.push('', `skipped rows (${s.skipped}):`);
    for (const k of report.skipped.slice(0, 20)) out.push(`  row ${k.row}${k.line && k.line !== k.row ? ` (line ${k.line})` : ''}: ${k.reason}`);
    if (s.skipped > 20) out.push(`  … ${s.skipped - 20} more (see --format json)`);
  }
  out.push('', certificateText(report.certificate));
  return out.join('\n');
}

const HEADERS = [
  'row',
  'status',
  'name',
  'country',
  'isin',
  'id',
  'matched_id',
  'matched_name',
  'score',
  'via',
  'lists',
  'listings',
  'path',
  'weight',
  'look_through',
  'note',
];

/** The CSV/XLSX headers: one `score_<algorithm>` and `matched_id_<algorithm>` pair after `score` per `--also-score`. */
function headers(report: ScreenReport): string[] {
  const at = HEADERS.indexOf('score') + 1;
  const also = (report.alsoScore ?? []).flatMap((a) => [`score_${a.replace(/-/g, '_')}`, `matched_id_${a.replace(/-/g, '_')}`]);
  return [...HEADERS.slice(0, at), ...also, ...HEADERS.slice(at)];
}

function alsoValues(report: ScreenReport, r: RowResult): Cell[] {
  return (report.alsoScore ?? []).flatMap((a) => {
    const s = r.also?.find((x) => x.algorithm === a);
    return [s?.score ?? undefined, s?.id];
  });
}

function resultRows(report: ScreenReport): Cell[][] {
  return report.results.map((r) => [
    r.row,
    r.status,
    r.input.name,
    r.input.country,
    r.input.isin,
    r.input.id,
    r.match?.id,
    r.match?.caption,
    r.match?.score,
    ...alsoValues(report, r),
    r.match?.via,
    r.lists.join(' '),
    r.listings.map((l) => `${l.list}${l.since ? ` ${l.since}` : ''}${l.citation ? ` ${l.citation}` : ''}`).join('; '),
    r.paths.map((p) => `[${p.rule}] ${p.text}`).join(' | '),
    r.weight,
    (r.lookThrough ?? []).map((t) => `${t.fund} → ${t.constituent} ${pct(t.exposure)} ${t.lists.join(' ')}`).join('; '),
    r.note,
  ]);
}

export function renderCsv(report: ScreenReport): string {
  return toCsv(headers(report), resultRows(report));
}

export async function renderXlsx(report: ScreenReport): Promise<Buffer> {
  const c = report.certificate;
  const sheets: SheetSpec[] = [
    { name: 'Results', headers: headers(report), rows: resultRows(report) },
    { name: 'Skipped', headers: ['row', 'line', 'reason'], rows: report.skipped.map((k) => [k.row, k.line, k.reason]) },
    {
      name: 'Certificate',
      headers: ['field', 'value'],
      rows: [
        ['run', c.runId],
        ['tool', `${c.tool.name} ${c.tool.version}`],
        ['generated', c.generatedAt],
        ['as of', c.asOf ?? 'current'],
        ['input', c.input?.name],
        ['input sha256', c.input?.sha256],
        ...Object.entries(c.thresholds).map(([k, v]): Cell[] => [`threshold ${k}`, v]),
        ...c.sources.map((s): Cell[] => [`source ${s.source}`, `version ${s.version} (id ${s.versionId}), ${s.importedAt}, sha256 ${s.sha256}`]),
        ...c.rules.map((r): Cell[] => [`rule ${r.id}`, `${r.status}${r.note ? ` (${r.note})` : ''}`]),
      ],
    },
  ];
  return xlsxBuffer(sheets);
}

/** The holdings exposure lines of the text report; the server sends the same lines to the web UI. */
export function exposureLines(e: ScreenReport['summary']['exposure']): string[] {
  if (!e) return [];
  const shares = (byList: Record<string, number> | undefined) =>
    Object.entries(byList ?? {})
      .map(([l, x]) => `${l} ${pct(x)}`)
      .join(', ');
  const reviews = shares(e.reviewByList);
  const out = [
    `exposure (${e.basis}): hit ${pct(e.byStatus.hit)}, review ${pct(e.byStatus.review)}, clear ${pct(e.byStatus.clear)}; hits by list ${shares(e.byList) || 'none'}${reviews ? `; to review by list ${reviews}` : ''}`,
  ];
  const lookThrough = shares(e.lookThroughByList);
  const lookThroughReviews = shares(e.lookThroughReviewByList);
  if (lookThrough || lookThroughReviews)
    out.push(`look-through exposure: ${lookThrough || 'none'}${lookThroughReviews ? `; to review ${lookThroughReviews}` : ''}`);
  return out;
}
