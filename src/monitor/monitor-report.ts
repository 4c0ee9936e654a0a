/**
 * A monitor's current state as a report: its certificate (input, list versions, rules, thresholds of the
 * last screening), the flagged rows with where each one's review stands, and its alert history. Pure:
 * the caller reads the monitor, its hits, decisions, alerts and versions; this shapes them for an
 * auditor (HTML and CSV, built with the shared report pieces).
 */
import { buildCertificate, certificateHtml, html, htmlDocument, toCsv, type Certificate } from '../report/index.ts';
import { hitStatus, STATUS_TEXT, type DecisionRecord, type HitReview } from '../review/index.ts';
import { certificateRules, HIT_THRESHOLD, REVIEW_THRESHOLD, selectRules } from '../screen/index.ts';
import type { VersionInfo } from '../store/index.ts';
import type { Alert, Monitor, MonitorHit } from './types.ts';

export interface MonitorState {
  monitor: Monitor;
  hits: MonitorHit[];
  /** Current decision per `recordKey:entityId`. */
  decisions: Map<string, DecisionRecord>;
  /** Every alert of the monitor, newest first (as the inbox lists them). */
  alerts: Alert[];
  /** The list versions of its last screening. */
  versions: VersionInfo[];
}

export interface MonitorReport {
  certificate: Certificate;
  html: string;
  csv: string;
  alertsCsv: string;
}

const pair = (h: { recordKey: string; entityId: string }) => `${h.recordKey}:${h.entityId}`;

/** The thresholds a monitor screens with (as monitorScreener sets them). */
export function monitorThresholds(m: Pick<Monitor, 'options'>): { hit: number; review: number } {
  const hit = m.options.threshold;
  if (hit === undefined) return { hit: HIT_THRESHOLD, review: REVIEW_THRESHOLD };
  return { hit, review: Math.min(hit, Math.round((hit - 0.1) * 100) / 100) };
}

function certificateOf(s: MonitorState): Certificate {
  const m = s.monitor;
  const day = (m.screenedAt ?? m.createdAt).slice(0, 10);
  const selection = selectRules(m.options.rules, day);
  const rules = certificateRules(selection);
  return buildCertificate({
    title: `Monitoring certificate: ${m.name}`,
    runId: m.id,
    now: new Date(m.screenedAt ?? m.createdAt),
    input: m.fileName && m.fileSha256 ? { name: m.fileName, sha256: m.fileSha256 } : undefined,
    versions: s.versions,
    rules,
    thresholds: monitorThresholds(m),
    options: { monitor: m.name, kind: m.kind, owner: m.owner, rules: m.options.rules ?? 'all in force', ...(m.options.map ? { map: m.options.map } : {}) },
  });
}

function reviewOf(s: MonitorState, h: MonitorHit): HitReview {
  return hitStatus({ listingHash: h.listingHash, decision: s.decisions.get(pair(h)) });
}

function listingsText(h: MonitorHit): string {
  return h.listings.map((l) => [l.list, l.since, l.end ? `ended ${l.end}` : '', l.citation].filter(Boolean).join(' ')).join('; ');
}

function hitsCsv(s: MonitorState): string {
  const rows = s.hits.map((h) => {
    const r = reviewOf(s, h);
    const d = r.decision;
    return [
      h.row,
      h.label,
      h.recordKey,
      h.entityId,
      h.caption,
      h.status,
      h.lists.join('; '),
      listingsText(h),
      h.listingHash,
      r.status,
      d?.actor ?? '',
      d?.approvedBy ?? '',
      d?.createdAt ?? '',
      d?.reason ?? '',
    ];
  });
  return toCsv(
    [
      'row',
      'input',
      'record_key',
      'entity_id',
      'matched',
      'result',
      'lists',
      'listings',
      'listing_hash',
      'review',
      'decided_by',
      'approved_by',
      'decided_at',
      'reason',
    ],
    rows,
  );
}

/** The alert history, oldest first: kind, cause (the list versions or file that raised it), and each delivery. */
function alertsCsv(alerts: Alert[]): string {
  const rows = [...alerts]
    .reverse()
    .map((a) => [
      a.id,
      a.createdAt,
      a.kind,
      a.cause,
      a.label,
      a.recordKey ?? '',
      a.entityId ?? '',
      a.caption,
      a.lists.join('; '),
      a.deliveries.map((d) => `${d.target}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}`).join('; '),
      a.acknowledgedBy ?? '',
    ]);
  return toCsv(['id', 'at', 'kind', 'cause', 'input', 'record_key', 'entity_id', 'matched', 'lists', 'deliveries', 'acknowledged_by'], rows);
}

function reportHtml(s: MonitorState, certificate: Certificate): string {
  const m = s.monitor;
  const body = html`<h1>Monitor ${m.name}</h1>
<p>${m.kind} file ${m.fileName ?? ''}: ${m.summary.rows} rows, ${m.summary.hit} hit, ${m.summary.review} to review; owned by ${m.owner}; last screened ${m.screenedAt ?? 'never'} (UTC).</p>
<h2>Current hits</h2>
${
  s.hits.length
    ? html`<table class="hits"><thead><tr><th class="num">row</th><th>input</th><th>matched party</th><th>result</th><th>listings</th><th>review</th><th>decided by</th><th>reason</th></tr></thead><tbody>
${s.hits.map((h) => {
  const r = reviewOf(s, h);
  const d = r.decision;
  return html`<tr><td class="num">${h.row}</td><td>${h.label}</td><td>${h.caption}<br><span class="small muted">${h.entityId}</span></td><td class="${h.status}">${h.status}</td><td class="small">${listingsText(h)}</td><td>${STATUS_TEXT[r.status]}<br><span class="small muted">${r.note}</span></td><td>${d ? `${d.actor}${d.approvedBy ? ` (approved by ${d.approvedBy})` : ''}` : ''}</td><td>${d?.reason ?? ''}</td></tr>`;
})}
</tbody></table>`
    : html`<p class="muted">No row is flagged.</p>`
}
<h2>Alert history</h2>
${
  s.alerts.length
    ? html`<table class="alerts"><thead><tr><th>when (UTC)</th><th>alert</th><th>cause</th><th>input</th><th>matched party</th><th>lists</th></tr></thead><tbody>
${[...s.alerts].reverse().map((a) => html`<tr><td>${a.createdAt.slice(0, 19).replace('T', ' ')}</td><td>${a.kind}</td><td>${a.cause}</td><td>${a.label}</td><td>${a.caption}</td><td>${a.lists.join(', ')}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted">No alert yet.</p>`
}
${certificateHtml(certificate)}`;
  return htmlDocument({ title: `Sightline monitor ${m.name}`, body });
}

export function monitorReport(s: MonitorState): MonitorReport {
  const certificate = certificateOf(s);
  return { certificate, html: reportHtml(s, certificate), csv: hitsCsv(s), alertsCsv: alertsCsv(s.alerts) };
}
