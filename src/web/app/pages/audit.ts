/// <reference lib="dom" />
/** The audit trail: every decision, screening and key change, append-only and hash-chained. */
import { h, fmtDate, badge, table } from '../dom.ts';
import { get, download } from '../api.ts';
import type { PageContext } from '../main.ts';
import type { AuditTrail } from '../types.ts';

const ACTIONS: Record<string, string> = {
  'decision.confirmed': 'Confirmed a hit',
  'decision.dismissed': 'Dismissed a hit',
  'decision.escalated': 'Escalated a hit',
  'job.created': 'Started a screening',
  'job.recorded': 'Screened from the command line',
  'lists.imported': 'Imported a list',
  'key.created': 'Created an API key',
  'lists.updated': 'Updated lists',
  'decision.proposed': 'Proposed a decision',
  'decision.approved': 'Approved a proposed decision',
  'decision.rejected': 'Rejected a proposed decision',
  'decision.self-approval-refused': 'Refused: resolving own proposal',
  'evidence.exported': 'Exported an evidence pack',
  'monitor.created': 'Added a monitor',
  'monitor.file-replaced': "Replaced a monitor's file",
  'monitor.rescreened': 'Re-screened a monitor after a list change',
  'monitor.removed': 'Removed a monitor',
};

/** One line a person reads: known actions in words, others as "key: value" pairs (never raw JSON). */
export function detailText(e: AuditTrail['entries'][number]): string {
  const d = e.detail as Record<string, any>;
  if (e.action === 'decision.self-approval-refused') return `${d.label ?? e.subject}: proposal ${d.proposalId} (${d.decision}), proposed by the same person`;
  if (e.action === 'decision.approved' || e.action === 'decision.rejected')
    return `${d.label ?? e.subject}: ${d.decision} proposed by ${d.proposer} — ${d.reasonCode}${d.note ? ` (${d.note})` : ''}`;
  if (e.action.startsWith('decision.')) return `${d.label ?? e.subject}: “${d.reason ?? ''}”`;
  if (e.action === 'job.created' || e.action === 'job.recorded') {
    const s = d.summary ? ` — ${d.summary.hits} hits, ${d.summary.reviews} to review of ${d.summary.rows} rows` : '';
    return `${d.kind ?? ''} file ${d.fileName ?? ''}${d.options?.previousJobId ? ' (re-screen)' : ''}${s}`;
  }
  if (e.action === 'monitor.rescreened') {
    const alerts = Object.entries(d.alerts ?? {}).map(([kind, n]) => `${n} ${kind}`);
    return `${d.cause}: ${d.mode} re-screen of ${d.screened} rows — ${alerts.join(', ') || 'no alert'}`;
  }
  if (e.action === 'key.created') return `key ${e.subject} for ${d.name ?? '?'}, role ${d.role ?? '?'}`;
  if (e.action === 'lists.imported')
    return `${d.source} version ${d.number} from ${(d.files ?? []).join(', ')}: ${d.entries ?? '?'} list entries, sha256 ${String(d.sha256 ?? '').slice(0, 12)}…`;
  return Object.entries(d)
    .map(
      ([k, v]) =>
        `${k}: ${
          v !== null && typeof v === 'object'
            ? Object.entries(v)
                .map(([a, b]) => `${a} ${String(b)}`)
                .join(', ')
            : String(v)
        }`,
    )
    .join(' · ');
}

export async function auditPage(ctx: PageContext): Promise<void> {
  const { main } = ctx;
  const data = await get<AuditTrail>('/audit');
  main.append(
    h('h1', null, 'Audit trail'),
    h(
      'p',
      { class: 'lead' },
      'Every screening and every decision, in order. Entries cannot be edited or deleted; each one carries a hash of the one before it, so tampering is detectable.',
    ),
    h('p', null, 'Integrity check: ', data.chain === 'intact' ? badge('chain intact', 'ok') : badge(data.chain, 'bad')),
    h(
      'div',
      { class: 'actions' },
      h('span', { class: 'muted' }, 'Export:'),
      h('button', { type: 'button', class: 'secondary', onclick: () => download('/audit?format=csv', 'sightline-audit.csv') }, 'CSV'),
      h('button', { type: 'button', class: 'secondary', onclick: () => download('/audit?format=json', 'sightline-audit.json') }, 'JSON'),
    ),
  );
  if (!data.entries.length) return void main.append(h('p', { class: 'muted' }, 'Nothing recorded yet.'));
  main.append(
    table(
      ['#', 'When (UTC)', 'Who', 'Role', 'What', 'Details'],
      [...data.entries].reverse().map((e) => [String(e.id), fmtDate(e.at), e.actor, e.role, ACTIONS[e.action] ?? e.action, detailText(e)]),
      'audit',
    ),
  );
}
