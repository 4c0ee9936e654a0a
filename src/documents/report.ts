/** Document scan reports: risk summary per document, every hit in context, certificate. */
import type { DocumentHit, DocumentResult } from './types.ts';
import { html, htmlDocument, toCsv, certificateHtml, certificateText, type Certificate, type SafeHtml } from '../report/index.ts';
import { table } from '../report/text-table.ts';

export interface ScanSummary {
  documents: number;
  withHits: number;
  errors: number;
  hits: number;
  high: number;
  byCategory: Record<string, number>;
}

export function summariseScan(results: DocumentResult[]): ScanSummary {
  const byCategory: Record<string, number> = {};
  let hits = 0,
    high = 0;
  for (const r of results) {
    // The summary counts every hit, listed or not (findings per document are capped in the list).
    hits += r.summary.entities + r.summary.capabilities;
    high += r.summary.high;
    for (const h of r.hits) byCategory[h.category] = (byCategory[h.category] ?? 0) + 1;
  }
  return {
    documents: results.length,
    withHits: results.filter((r) => r.hits.length || r.unlistedHits).length,
    errors: results.filter((r) => r.error).length,
    hits,
    high,
    byCategory,
  };
}

function where(h: DocumentHit): string {
  const bits = [
    h.member,
    h.page !== null ? `p. ${h.page}` : undefined,
    h.sheet ? `sheet ${h.sheet}` : undefined,
    h.cell,
    h.paragraph !== undefined ? `¶ ${h.paragraph}` : undefined,
  ];
  return bits.filter(Boolean).join(', ') || '—';
}

export function scanJson(results: DocumentResult[], summary: ScanSummary, certificate: Certificate): string {
  return JSON.stringify({ summary, documents: results, certificate }, null, 2);
}

export function scanTable(results: DocumentResult[], summary: ScanSummary, certificate: Certificate): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.path}  [${r.language}${r.pages ? `, ${r.pages} pages` : ''}]`);
    if (r.error) lines.push(`  error: ${r.error}`);
    for (const w of r.warnings) lines.push(`  warning: ${w}`);
    if (r.hits.length) {
      lines.push(`  ${r.summary.text}`);
      lines.push(
        table(
          ['sev', 'type', 'category', 'text', 'gloss / entity', 'where', 'offsets'],
          r.hits.map((h) => [h.severity, h.type, h.category, h.text, h.entity ? h.entity.caption : h.gloss, where(h), `${h.start}-${h.end}`]),
        ).replace(/^/gm, '  '),
      );
      if (r.unlistedHits) lines.push(`  … and ${r.unlistedHits} more (${unlistedNote(r)})`);
    } else if (!r.error) lines.push('  nothing found');
    lines.push('');
  }
  lines.push(
    `${summary.documents} documents, ${summary.withHits} with findings, ${summary.hits} hits (${summary.high} high severity), ${summary.errors} could not be read`,
  );
  lines.push('', certificateText(certificate));
  return lines.join('\n');
}

/** Why some hits are not listed, and that the counts include them. */
function unlistedNote(r: DocumentResult): string {
  return `not listed: at most ${r.hits.length} findings are listed per document (listedFindings limit); the counts include them`;
}

/** Snippets mark the hit with «…»; in HTML the marked part becomes <mark>. */
function markedSnippet(snippet: string): SafeHtml {
  const m = /^(.*?)«(.*?)»(.*)$/s.exec(snippet);
  return m ? html`${m[1]}<mark>${m[2]}</mark>${m[3]}` : html`${snippet}`;
}

/** One line per finding, in scan order (the server appends each finding's review to it). */
export function scanCsv(results: DocumentResult[]): string {
  const rows = results.flatMap((r) =>
    r.hits.map((h) => [
      r.path,
      h.member,
      h.page,
      h.sheet,
      h.cell,
      h.paragraph,
      h.type,
      h.severity,
      h.category,
      h.text,
      h.term,
      h.entity?.id,
      h.entity?.caption,
      (h.listings ?? []).map((l) => `${l.list}${l.since ? ` ${l.since}` : ''}`).join('; '),
      h.gloss,
      h.snippet,
      (h.notes ?? []).join('; '),
    ]),
  );
  return toCsv(
    [
      'file',
      'member',
      'page',
      'sheet',
      'cell',
      'paragraph',
      'type',
      'severity',
      'category',
      'text',
      'term',
      'entity_id',
      'entity',
      'listings',
      'gloss',
      'snippet',
      'notes',
    ],
    rows,
  );
}

export function scanHtml(results: DocumentResult[], summary: ScanSummary, certificate: Certificate): string {
  const sevClass = (s: string) => (s === 'high' ? 'hit' : s === 'medium' ? 'review' : 'muted');
  const body = html`<h1>Document scan</h1>
<p class="muted">Listed firms and surveillance capabilities found in ${summary.documents} documents (Chinese and English). Each hit shows where it stands, the original text in context and an English gloss.</p>
<h2>Summary</h2>
<p>${summary.withHits} of ${summary.documents} documents have findings: ${summary.hits} hits, ${summary.high} of high severity${summary.errors ? `; ${summary.errors} could not be read` : ''}.</p>
<p>${Object.entries(summary.byCategory)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ')}</p>
${results.map(
  (r) => html`<div class="card">
<h3>${r.path} <span class="small muted">${r.language}${r.pages ? `, ${r.pages} pages` : ''}</span></h3>
${r.error ? html`<p class="hit">Could not be read: ${r.error}</p>` : ''}
${r.warnings.map((w) => html`<p class="review small">${w}</p>`)}
${
  r.hits.length
    ? html`<p><strong>${r.summary.text}</strong></p>
<table><thead><tr><th>severity</th><th>category</th><th>found</th><th>meaning / entity</th><th>where</th><th>in context</th></tr></thead><tbody>
${r.hits.map(
  (
    h,
  ) => html`<tr><td class="${sevClass(h.severity)}">${h.severity}</td><td>${h.category}</td><td lang="${r.language === 'zh' ? 'zh' : 'und'}"><code>${h.text}</code>${h.notes?.length ? html`<br><span class="small muted">${h.notes.join('; ')}</span>` : ''}</td>
<td>${h.entity ? html`<strong>${h.entity.caption}</strong>${(h.listings ?? []).map((l) => html`<br><span class="small">${l.list}${l.since ? ` since ${l.since}` : ''}${l.citation ? `, ${l.citation}` : ''}</span>`)}` : h.gloss}</td>
<td class="small">${where(h)}<br>chars ${h.start}–${h.end}</td><td class="small">${markedSnippet(h.snippet)}</td></tr>`,
)}
</tbody></table>${r.unlistedHits ? html`<p class="review">… and ${r.unlistedHits} more (${unlistedNote(r)}).</p>` : ''}`
    : r.error
      ? ''
      : html`<p class="clear">Nothing found.</p>`
}
</div>`,
)}
${certificateHtml(certificate)}`;
  return htmlDocument({ title: 'Sightline document scan', body });
}
