/** Job reports for download: JSON (everything), CSV (one line per hit or clear row), HTML (printable, escaped, no scripts). */
import { csvCell } from '../review/index.ts';
import type { ReviewedResult } from './jobs/reviewed.ts';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSV_HEADERS = ['row', 'input', 'result', 'matched_entity', 'entity_id', 'score', 'lists', 'review_status', 'decided_by', 'decided_at', 'reason', 'path', 'listing_since', 'citation'];

export function reportCsv(r: ReviewedResult): string {
  const lines = [CSV_HEADERS.join(',')];
  for (const row of r.rows) {
    if (row.error) {
      lines.push([row.row, row.label, `skipped: ${row.error}`, '', '', '', '', '', '', '', '', '', '', ''].map(csvCell).join(','));
      continue;
    }
    if (!row.hits.length) lines.push([row.row, row.label, 'clear', '', '', '', '', '', '', '', '', '', '', ''].map(csvCell).join(','));
    for (const h of row.hits) {
      const d = h.review.decision;
      const first = h.listings[0] ?? h.paths[0]?.steps.at(-1)?.listings?.[0];
      lines.push([row.row, row.label, h.severity, h.caption, h.entityId, h.score.toFixed(2), h.lists.join(' '), h.review.status, d?.actor ?? '', d?.createdAt ?? '', d?.reason ?? '', h.paths.map((p) => p.text).join(' | '), first?.since ?? '', first?.citation ?? ''].map(csvCell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

export const STATUS_TEXT: Record<string, string> = { new: 'New — needs review', changed: 'Changed since last review', open: 'Open (seen before)', confirmed: 'Confirmed', dismissed: 'Dismissed', escalated: 'Escalated' };

export function reportHtml(r: ReviewedResult, title = 'Sightline screening report'): string {
  const e = escapeHtml;
  const s = r.summary;
  const hitRows = r.rows.filter((row) => row.hits.length);
  const body = hitRows.flatMap((row) =>
    row.hits.map((h) => {
      const d = h.review.decision;
      const listings = (h.listings.length ? h.listings : h.paths.flatMap((p) => p.steps.at(-1)?.listings ?? [])).map((l) => `${e(l.listName ?? l.list)}${l.since ? ` since ${e(l.since)}` : ''}${l.citation ? ` (${e(l.citation)})` : ''}`).join('<br>');
      return `<tr><td>${e(row.row)}</td><td>${e(row.label)}</td><td>${e(h.caption)}<br><small>${e(h.entityId)}</small></td><td>${e(h.score.toFixed(2))}</td><td>${e(h.severity)}</td><td>${listings}${h.paths.length ? `<br><small>${h.paths.map((p) => e(p.text)).join('<br>')}</small>` : ''}</td><td>${e(STATUS_TEXT[h.review.status] ?? h.review.status)}${d ? `<br><small>${e(d.actor)}, ${e(d.createdAt.slice(0, 16).replace('T', ' '))}: ${e(d.reason)}</small>` : ''}</td></tr>`;
    }),
  );
  const versions = r.versions.map((v) => `<li>${e(v.source)} version ${e(v.id)}, imported ${e(v.createdAt.slice(0, 10))}, sha256 ${e(v.sha256.slice(0, 16))}…</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)} — ${e(r.job.fileName)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1d2330;margin:2rem;max-width:1200px}
h1{font-size:1.5rem;margin:0 0 .25rem}table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{border:1px solid #c9ced8;padding:.4rem .5rem;vertical-align:top;text-align:left}
th{background:#eef1f6}small{color:#545c6b}.summary{display:flex;gap:1.5rem;margin:1rem 0}.summary div{border:1px solid #c9ced8;padding:.5rem 1rem;border-radius:4px}
</style></head><body>
<h1>${e(title)}</h1>
<p>File <strong>${e(r.job.fileName)}</strong> (${e(r.kind)}), job ${e(r.job.id)}, run ${e(r.job.createdAt.slice(0, 16).replace('T', ' '))} UTC by ${e(r.job.actor)}${r.asOf ? `, as of ${e(r.asOf)}` : ''}.</p>
<div class="summary"><div><strong>${e(s.rows)}</strong> rows</div><div><strong>${e(s.hits)}</strong> hits</div><div><strong>${e(s.reviews)}</strong> to review</div><div><strong>${e(s.clear)}</strong> clear</div><div><strong>${e(s.skipped)}</strong> skipped</div><div><strong>${e(r.review.raised)}</strong> new or changed</div></div>
<h2>Hits</h2>
${hitRows.length ? `<table><thead><tr><th>Row</th><th>Input</th><th>Matched party</th><th>Score</th><th>Result</th><th>Listings and path</th><th>Review</th></tr></thead><tbody>${body.join('\n')}</tbody></table>` : '<p>No hits.</p>'}
<h2>Lists screened against</h2><ul>${versions || '<li>(none recorded)</li>'}</ul>
<p><small>Scores are name-and-identifier similarity (0–1), not a finding of fact. A hit means the input resembles a listed party or one linked to it; a reviewer's decision is recorded with its reason.</small></p>
</body></html>`;
}
