/**
 * Job report downloads. Vendor, holdings, device and document jobs are rendered by their screening
 * module (src/screen, src/devices, src/documents), certificate included; the server adds what only it
 * knows: the reviewers' decisions on each hit. Jobs without module data (stored by an older version)
 * get the review itself, built with the same report pieces (src/report).
 */
import { parse } from 'csv-parse/sync';
import { csvLine, html, htmlDocument, neutraliseCell, toCsv, type Cell, type SafeHtml } from '../report/index.ts';
import { STATUS_TEXT } from '../review/index.ts';
import { renderCsv, renderHtml, renderXlsx } from '../screen/index.ts';
import { devicesCsv, devicesHtml, devicesJson, summariseDevices } from '../devices/report.ts';
import { scanCsv, scanHtml, scanJson, summariseScan } from '../documents/report.ts';
import type { ReviewedResult, ReviewedRow } from './jobs/reviewed.ts';
import type { NativeReport } from './jobs/native.ts';

export const REPORT_FORMATS = ['html', 'csv', 'json', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  contentType: string;
  body: string | Buffer;
}

/** One hit and where its review stands: who decided what, when and why. */
export interface ReviewLine {
  row: number;
  input: string;
  recordKey: string;
  entityId: string;
  matched: string;
  result: 'hit' | 'review';
  status: string;
  statusText: string;
  note: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

export function reviewLines(r: ReviewedResult): ReviewLine[] {
  return r.rows.flatMap((row) =>
    row.hits.map((h) => {
      const d = h.review.decision;
      return {
        row: row.row,
        input: row.label,
        recordKey: row.recordKey,
        entityId: h.entityId,
        matched: h.caption,
        result: h.severity,
        status: h.review.status,
        statusText: STATUS_TEXT[h.review.status],
        note: h.review.note,
        decidedBy: d?.actor,
        decidedAt: d?.createdAt,
        reason: d?.reason,
      };
    }),
  );
}

export function reviewSection(r: ReviewedResult): SafeHtml {
  const lines = reviewLines(r);
  const decided = lines.filter((l) => l.decidedBy).length;
  return html`<section class="review-decisions" id="review-decisions">
<h2>Review decisions</h2>
<p>Job <code>${r.job.id}</code>: ${lines.length} hits, ${decided} decided by a reviewer, ${r.review.raised} new or changed${r.job.options.previousJobId ? html` (re-screen of job <code>${String(r.job.options.previousJobId)}</code>)` : ''}.</p>
${
  lines.length
    ? html`<table><thead><tr><th class="num">row</th><th>input</th><th>matched party</th><th>result</th><th>review</th><th>decided by</th><th>when (UTC)</th><th>reason</th></tr></thead><tbody>
${lines.map((l) => html`<tr><td class="num">${l.row}</td><td>${l.input}</td><td>${l.matched}<br><span class="small muted">${l.entityId}</span></td><td class="${l.result}">${l.result}</td><td>${l.statusText}<br><span class="small muted">${l.note}</span></td><td>${l.decidedBy ?? ''}</td><td>${l.decidedAt ? l.decidedAt.slice(0, 16).replace('T', ' ') : ''}</td><td>${l.reason ?? ''}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted">No hits to review.</p>`
}
</section>`;
}

/** Puts the review section before the certificate (or at the end of the body). */
export function withReviewSection(doc: string, r: ReviewedResult): string {
  const section = `${reviewSection(r).value}\n`;
  const at = doc.lastIndexOf('<section class="certificate"');
  const pos = at >= 0 ? at : doc.lastIndexOf('</body>');
  return pos >= 0 ? doc.slice(0, pos) + section + doc.slice(pos) : doc + section;
}

const REVIEW_COLUMNS = ['review_status', 'decided_by', 'decided_at', 'decision_reason'];

function reviewCells(rows: (ReviewedRow | undefined)[]): Cell[] {
  const hits = rows.flatMap((row) => row?.hits ?? []);
  const join = (f: (h: (typeof hits)[number]) => string | undefined) => hits.map(f).filter(Boolean).join(' | ');
  return [
    join((h) => h.review.status),
    join((h) => h.review.decision?.actor),
    join((h) => h.review.decision?.createdAt),
    join((h) => h.review.decision?.reason),
  ];
}

/** Appends the review columns to a module's CSV, record by record (quoted cells may span lines). */
export function appendReviewColumns(csv: string, rowsFor: (record: string[], index: number) => (ReviewedRow | undefined)[]): string {
  const records = parse(csv, { raw: true, relax_column_count: true }) as unknown as { record: string[]; raw: string }[];
  return `${records.map(({ record, raw }, i) => `${raw.replace(/[\r\n]+$/, '')},${csvLine(i === 0 ? REVIEW_COLUMNS : reviewCells(rowsFor(record, i - 1)))}`).join('\r\n')}\r\n`;
}

function json(value: unknown): RenderedReport {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value, null, 2) };
}

const HTML = 'text/html; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function reviewJson(r: ReviewedResult) {
  return { job: r.job, counts: r.review, hits: reviewLines(r) };
}

/** The formats a job's report is offered in. */
export function reportFormats(native: NativeReport | undefined): ReportFormat[] {
  return native?.kind === 'screen' ? ['html', 'csv', 'json', 'xlsx'] : ['html', 'csv', 'json'];
}

/** Renders a job's report; undefined when the format is not offered for this job. */
export async function renderJobReport(r: ReviewedResult, native: NativeReport | undefined, format: ReportFormat): Promise<RenderedReport | undefined> {
  if (!reportFormats(native).includes(format)) return undefined;
  const byRow = new Map(r.rows.map((row) => [row.row, row]));
  switch (native?.kind) {
    case 'screen': {
      const report = native.report;
      // The module's CSV starts with the row number; look-through hits share their holding's row.
      if (format === 'html') return { contentType: HTML, body: withReviewSection(renderHtml(report), r) };
      if (format === 'csv') return { contentType: CSV, body: appendReviewColumns(renderCsv(report), (rec) => [byRow.get(Number(rec[0]))]) };
      if (format === 'xlsx') return { contentType: XLSX, body: await withReviewSheet(await renderXlsx(report), r) };
      return json({ ...report, review: reviewJson(r) });
    }
    case 'devices': {
      const summary = summariseDevices(native.records, native.warnings);
      // One device per CSV record, in the order of the job's rows.
      if (format === 'html') return { contentType: HTML, body: withReviewSection(devicesHtml(native.records, summary, native.certificate), r) };
      if (format === 'csv') return { contentType: CSV, body: appendReviewColumns(devicesCsv(native.records), (_rec, i) => [r.rows[i]]) };
      return json({ ...JSON.parse(devicesJson(native.records, summary, native.certificate)), review: reviewJson(r) });
    }
    case 'documents': {
      const summary = summariseScan(native.results);
      if (format === 'html') return { contentType: HTML, body: withReviewSection(scanHtml(native.results, summary, native.certificate), r) };
      // One finding per CSV record, in the order of the job's rows.
      if (format === 'csv') return { contentType: CSV, body: appendReviewColumns(scanCsv(native.results), (_rec, i) => [r.rows[i]]) };
      return json({ ...JSON.parse(scanJson(native.results, summary, native.certificate)), review: reviewJson(r) });
    }
    default:
      if (format === 'html') {
        return { contentType: HTML, body: htmlDocument({ title: `Sightline review — ${r.job.fileName}`, body: reviewOnlyHtml(r) }) };
      }
      if (format === 'csv') return { contentType: CSV, body: reviewCsv(r) };
      return json(r);
  }
}

/** A job without module data: who ran it on what, the lists screened, and the review. */
function reviewOnlyHtml(r: ReviewedResult): SafeHtml {
  const s = r.summary;
  return html`<h1>Screening review</h1>
<p>File <strong>${r.job.fileName}</strong> (${r.kind}), job <code>${r.job.id}</code>,
run ${r.job.createdAt.slice(0, 16).replace('T', ' ')} UTC by ${r.job.actor}${r.asOf ? `, as of ${r.asOf}` : ''}:
${s.rows} rows, ${s.hits} hits, ${s.reviews} to review, ${s.clear} clear, ${s.skipped} skipped.</p>
${reviewSection(r)}
<h2>Lists screened against</h2>
<ul>${
    r.versions.length
      ? r.versions.map(
          (v) =>
            html`<li>${v.source} version ${v.number ?? v.id}${v.number ? ` (id ${v.id})` : ''}, imported ${v.createdAt.slice(0, 10)}, sha256 <code>${v.sha256}</code></li>`,
        )
      : html`<li>(none recorded)</li>`
  }</ul>`;
}

/** One line per hit with its review (a job without module data has no other CSV). */
function reviewCsv(r: ReviewedResult): string {
  return toCsv(
    ['row', 'input', 'result', 'matched_entity', 'entity_id', 'review_status', 'note', 'decided_by', 'decided_at', 'decision_reason'],
    reviewLines(r).map((l) => [l.row, l.input, l.result, l.matched, l.entityId, l.status, l.note, l.decidedBy, l.decidedAt, l.reason]),
  );
}

/** Adds a "Review decisions" sheet to the module's workbook. */
async function withReviewSheet(xlsx: Buffer, r: ReviewedResult): Promise<Buffer> {
  // loaded here: exceljs costs about 0.5 s of a server start
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.addWorksheet('Review decisions');
  const headers = ['row', 'input', 'matched', 'entity_id', 'result', 'review_status', 'note', 'decided_by', 'decided_at', 'reason'];
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of reviewLines(r))
    ws.addRow([
      l.row,
      ...[l.input, l.matched, l.entityId, l.result, l.status, l.note, l.decidedBy, l.decidedAt, l.reason].map((v) =>
        v === undefined ? null : neutraliseCell(v),
      ),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
