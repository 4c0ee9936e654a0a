/** The e-mail digest of alerts, as plain text. Pure. */
import type { Alert } from './types.ts';

const KIND_TEXT: Record<Alert['kind'], string> = {
  new: 'NEW HIT',
  changed: 'CHANGED',
  resolved: 'RESOLVED',
  operator: 'OPERATOR',
};

function listingLine(l: { list: string; since?: string; citation?: string }): string {
  return `${l.list}${l.since ? ` since ${l.since}` : ''}${l.citation ? ` (${l.citation})` : ''}`;
}

function alertLines(a: Alert): string[] {
  const d = a.detail as {
    before?: { listings?: { list: string; since?: string; citation?: string }[] };
    after?: { listings?: { list: string; since?: string; citation?: string }[] };
    message?: string;
  };
  if (a.kind === 'operator') return [`[${KIND_TEXT[a.kind]}] ${d.message ?? a.caption}`];
  const lines = [`[${KIND_TEXT[a.kind]}] ${a.label} → ${a.caption}${a.lists.length ? ` (${a.lists.join(', ')})` : ''}`];
  if (d.before?.listings?.length && a.kind !== 'new') lines.push(`    before: ${d.before.listings.map(listingLine).join('; ')}`);
  if (d.after?.listings?.length) lines.push(`    now:    ${d.after.listings.map(listingLine).join('; ')}`);
  lines.push(`    monitor: ${a.monitorName ?? a.monitorId ?? '-'}; cause: ${a.cause}; alert #${a.id}`);
  return lines;
}

export function digestText(alerts: Alert[]): { subject: string; text: string } {
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const parts = (['new', 'changed', 'resolved', 'operator'] as const).filter((k) => counts.get(k)).map((k) => `${counts.get(k)} ${k}`);
  const subject = `Sightline: ${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${parts.join(', ')})`;
  const text = [
    `Sightline monitoring: ${alerts.length} alert${alerts.length === 1 ? '' : 's'}.`,
    '',
    ...alerts.flatMap((a) => [...alertLines(a), '']),
    'Each alert stays in the inbox (Alerts page, GET /alerts) with its delivery log.',
  ].join('\n');
  return { subject, text };
}
