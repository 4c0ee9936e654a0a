/// <reference lib="dom" />
/** Monitors: saved files re-screened when the lists change, their current hits, and the alert inbox. */
import { h, fmtDate, badge, table } from '../dom.ts';
import { get, post, can, download } from '../api.ts';
import type { PageContext } from '../main.ts';
import type { AlertsResponse, MonitorDetail, MonitorsResponse } from '../types.ts';

type Alert = AlertsResponse['alerts'][number];

const KIND_BADGE: Record<Alert['kind'], string> = { new: 'bad', changed: 'warn', resolved: 'ok', operator: 'info' };

/** Where an alert's deliveries stand, in words: "delivered", "pending: HTTP 500 (3 attempts)", "inbox only". */
function deliveryText(a: Alert): string {
  if (!a.deliveries.length) return 'inbox only';
  return a.deliveries
    .map((d) =>
      d.status === 'delivered' ? `${d.target}: delivered` : `${d.target}: ${d.status}${d.lastError ? `, ${d.lastError}` : ''} (${d.attempts} attempts)`,
    )
    .join('; ');
}

function alertTable(ctx: PageContext, alerts: Alert[]): HTMLElement {
  if (!alerts.length) return h('p', { class: 'muted' }, 'No alerts yet: they appear when a list change touches a monitored file.');
  return table(
    ['When (UTC)', 'Alert', 'Monitor', 'Row', 'Listed party', 'Lists', 'Cause', 'Delivery', ''],
    alerts.map((a) => [
      fmtDate(a.createdAt),
      badge(a.kind, KIND_BADGE[a.kind]),
      a.monitorName ?? '',
      a.label,
      a.entityId ? h('a', { href: `#/entity/${encodeURIComponent(a.entityId)}` }, a.caption) : a.caption,
      a.lists.join(', '),
      a.cause,
      deliveryText(a),
      a.acknowledgedBy
        ? h('span', { class: 'muted' }, `seen by ${a.acknowledgedBy}`)
        : can(ctx.me, 'reviewer')
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () => void post(`/alerts/${a.id}/acknowledge`, {}).then(() => window.dispatchEvent(new HashChangeEvent('hashchange'))),
              },
              'Mark seen',
            )
          : '',
    ]),
    'alerts',
  );
}

export async function monitorsPage(ctx: PageContext): Promise<void> {
  const { main } = ctx;
  const [{ monitors, nextListUpdate }, { alerts }] = await Promise.all([get<MonitorsResponse>('/monitors'), get<AlertsResponse>('/alerts?limit=100')]);
  main.append(
    h('h1', null, 'Monitors'),
    h(
      'p',
      { class: 'lead' },
      'Saved vendor and holdings files, re-screened against what changed each time the lists are updated. New, changed and resolved hits raise alerts.',
    ),
    h('p', { class: 'muted' }, nextListUpdate ? `Next scheduled list update: ${fmtDate(nextListUpdate)} UTC.` : 'No scheduled list update.'),
  );
  if (!monitors.length)
    main.append(h('p', { class: 'muted' }, 'No monitor yet. Add one with ', h('code', null, 'sightline monitor add NAME FILE'), ' or POST /monitors.'));
  else
    main.append(
      table(
        ['Monitor', 'File', 'Owner', 'Rows', 'Hits', 'To review', 'Last screened (UTC)', 'Alerted'],
        monitors.map((m) => [
          h('a', { href: `#/monitors/${encodeURIComponent(m.id)}` }, m.name),
          m.fileName ?? '',
          m.owner,
          String(m.summary.rows),
          m.summary.hit ? badge(String(m.summary.hit), 'bad') : '0',
          m.summary.review ? badge(String(m.summary.review), 'warn') : '0',
          fmtDate(m.screenedAt),
          [...m.recipients.emails, ...m.recipients.webhooks.map((w) => w.url)].join(', ') || 'inbox only',
        ]),
        'monitors',
      ),
    );
  main.append(h('h2', null, 'Alert inbox'), alertTable(ctx, alerts));
}

export async function monitorPage(ctx: PageContext, id: string): Promise<void> {
  const { main } = ctx;
  const { monitor, hits, alerts } = await get<MonitorDetail>(`/monitors/${encodeURIComponent(id)}`);
  main.append(
    h('p', null, h('a', { href: '#/monitors' }, '← Monitors')),
    h('h1', null, monitor.name),
    h(
      'p',
      { class: 'lead' },
      `${monitor.kind} file ${monitor.fileName ?? ''}, ${monitor.summary.rows} rows, owned by ${monitor.owner}; last screened ${fmtDate(monitor.screenedAt)} UTC.`,
    ),
    h(
      'p',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: 'evidence-pack',
          title: 'Certificate and report of the last screening, alert history, list versions, decisions and the audit slice with its chain proof (ZIP)',
          onclick: () => download(`/monitors/${encodeURIComponent(monitor.id)}/evidence.zip`, `sightline-evidence-monitor-${monitor.id}.zip`),
        },
        'Evidence pack',
      ),
    ),
    h('h2', null, 'Current hits'),
    hits.length
      ? table(
          ['Row', 'Record', 'Listed party', 'Status', 'Lists'],
          hits.map((x) => [
            String(x.row),
            x.label,
            h('a', { href: `#/entity/${encodeURIComponent(x.entityId)}` }, x.caption),
            badge(x.status, x.status === 'hit' ? 'bad' : 'warn'),
            x.lists.join(', '),
          ]),
          'hits',
        )
      : h('p', { class: 'muted' }, 'No row is flagged.'),
    h('h2', null, 'Latest alerts'),
    alertTable(ctx, alerts),
  );
}
