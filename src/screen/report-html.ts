/** The self-contained HTML report: summary, every hit and review with its explanation and path, the certificate. */
import { certificateHtml, html, htmlDocument, type SafeHtml } from '../report/index.ts';
import { flagged, pct, type ScreenReport } from './report-model.ts';
import type { ListingRef, RowResult, RulePath } from './types.ts';

function listing(l: ListingRef): SafeHtml {
  return html`<li><strong>${l.listName}</strong>${l.program ? ` — ${l.program}` : ''}${l.since ? `, since ${l.since}` : ''}${l.end ? `, ended ${l.end}` : ''}${l.citation ? `, ${l.citation}` : ''}<br><span class="small muted">source: ${l.source}</span></li>`;
}

function path(p: RulePath): SafeHtml {
  return html`<div><p class="path">${p.text}</p>
<p class="small muted">${p.ruleName}${p.aggregate !== undefined ? ` — aggregate ${p.aggregate}%` : ''}${p.confidence < 1 ? ` — link confidence ${p.confidence}` : ''}</p>
<ol class="small">${p.steps.map((s) => html`<li>${s.entity} <span class="muted">[${s.id}]</span>${s.relation ? html` — ${s.relation}${s.since || s.until ? ` (${s.since ?? '…'} – ${s.until ?? 'present'})` : ''}${s.confidence !== undefined ? `, confidence ${s.confidence}` : ''}<br><span class="muted">source: ${s.source ?? ''}</span>` : ''}${s.listings?.length ? html`<ul>${s.listings.map(listing)}</ul>` : ''}</li>`)}</ol></div>`;
}

function card(r: RowResult): SafeHtml {
  const m = r.match;
  return html`<div class="card">
<h3><span class="status ${r.status}">${r.status}</span> row ${r.row}: ${r.input.name ?? r.input.isin ?? ''}</h3>
<p class="small muted">${Object.entries(r.input)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ')}</p>
${
  m
    ? html`<p>Matched <strong>${m.caption}</strong> <span class="muted">[${m.id}, ${m.schema}]</span> by ${m.via}, score ${m.score.toFixed(3)}</p>
<table class="small"><thead><tr><th>feature</th><th class="num">score</th><th class="num">weight</th><th>detail</th></tr></thead><tbody>
${Object.entries(m.explanation).map(([k, f]) => html`<tr><td>${k}</td><td class="num">${f.score}</td><td class="num">${f.weight}</td><td>${f.detail}</td></tr>`)}
</tbody></table>`
    : ''
}
${(r.also ?? []).map((a) => html`<p class="small">Also scored by ${a.algorithm}: ${a.score === null ? 'not shown' : a.score.toFixed(2)}${a.id && a.id !== m?.id ? ` (${a.caption})` : ''}</p>`)}
${r.listings.length ? html`<p>Listed:</p><ul>${r.listings.map(listing)}</ul>` : ''}
${r.paths.length ? html`<p>Reached through ownership, control or brand:</p>${r.paths.map(path)}` : ''}
${r.lookThrough?.length ? html`<p>Index look-through:</p><ul>${r.lookThrough.map((t) => html`<li>${t.fund} holds ${t.constituent} (${pct(t.constituentWeight)} of the fund${t.exposure !== undefined ? `; ${pct(t.exposure)} of the portfolio` : ''}) — <span class="status ${t.status}">${t.status}</span> ${t.match.caption}: ${t.lists.join(', ')}</li>`)}</ul>` : ''}
</div>`;
}

export function renderHtml(report: ScreenReport): string {
  const s = report.summary;
  const c = report.certificate;
  const e = s.exposure;
  const body = html`<header><h1>Screening report</h1>
<p class="muted">${c.input?.name ?? ''} — ${c.generatedAt}${c.asOf ? ` — as of ${c.asOf}` : ''} — ${report.kind}</p></header>
<h2>Summary</h2>
<table><thead><tr><th class="num">rows</th><th class="num">screened</th><th class="num">skipped</th><th class="num hit">hit</th><th class="num review">review</th><th class="num clear">clear</th></tr></thead>
<tbody><tr><td class="num">${s.rows}</td><td class="num">${s.screened}</td><td class="num">${s.skipped}</td><td class="num">${s.hit}</td><td class="num">${s.review}</td><td class="num">${s.clear}</td></tr></tbody></table>
${Object.keys(s.byList).length ? html`<table><thead><tr><th>list</th><th class="num">hit</th><th class="num">review</th></tr></thead><tbody>${Object.entries(s.byList).map(([l, n]) => html`<tr><td>${l}</td><td class="num">${n.hit}</td><td class="num">${n.review}</td></tr>`)}</tbody></table>` : ''}
${
  e
    ? html`<h3>Portfolio exposure (${e.basis})</h3><table><thead><tr><th>share</th><th class="num">of portfolio</th></tr></thead><tbody>
${(['hit', 'review', 'clear'] as const).map((k) => html`<tr><td class="${k}">${k}</td><td class="num">${pct(e.byStatus[k])}</td></tr>`)}
${Object.entries(e.byList).map(([l, x]) => html`<tr><td>in hits on ${l}</td><td class="num">${pct(x)}</td></tr>`)}
${Object.entries(e.reviewByList ?? {}).map(([l, x]) => html`<tr><td>to review, possibly on ${l}</td><td class="num">${pct(x)}</td></tr>`)}
${Object.entries(e.lookThroughByList).map(([l, x]) => html`<tr><td>look-through to hits on ${l}</td><td class="num">${pct(x)}</td></tr>`)}
${Object.entries(e.lookThroughReviewByList ?? {}).map(([l, x]) => html`<tr><td>look-through to review, possibly on ${l}</td><td class="num">${pct(x)}</td></tr>`)}
</tbody></table>`
    : ''
}
<h2>Hits and reviews</h2>
${flagged(report).length ? flagged(report).map(card) : html`<p class="clear">No row matched a listed party.</p>`}
${report.skipped.length ? html`<h2>Skipped rows</h2><table><thead><tr><th class="num">row</th><th>reason</th></tr></thead><tbody>${report.skipped.map((k) => html`<tr><td class="num">${k.row}</td><td>${k.reason}</td></tr>`)}</tbody></table>${s.skipped > report.skipped.length ? html`<p class="muted">… and ${s.skipped - report.skipped.length} more</p>` : ''}` : ''}
${certificateHtml(c)}`;
  return htmlDocument({ title: `Sightline screening report — ${c.input?.name ?? ''}`, body });
}
