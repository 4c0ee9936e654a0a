/// <reference lib="dom" />
/** Lists: what is loaded (sources, versions, counts), what changed between versions, and the update button. */
import { h, badge, clear, fmtDate, table } from '../dom.ts';
import { get, post, can } from '../api.ts';
import type { PageContext } from '../main.ts';
import type { Diff, JobInfo, ListsResponse, Results, SourceStatus, Version } from '../types.ts';

const STATUS_TEXT: Record<string, [string, string]> = {
  imported: ['Imported', 'ok'],
  unchanged: ['Unchanged', 'info'],
  'not-modified': ['Not modified', 'info'],
  failed: ['Failed', 'bad'],
};

/** One line per source after an update: imported, unchanged, or why it failed. */
function sourceStatuses(statuses: SourceStatus[]): HTMLElement {
  return table(
    ['Source', 'Result', 'Details'],
    statuses.map((s) => {
      const [label, tone] = STATUS_TEXT[s.status] ?? [s.status, 'info'];
      const details =
        s.status === 'failed'
          ? (s.error ?? '')
          : s.versionId !== undefined
            ? `version ${s.versionNumber ?? s.versionId}${s.entities !== undefined ? `, ${s.entities.toLocaleString('en')} entities` : ''}`
            : '';
      return [s.source, badge(label, tone), details];
    }),
  );
}

/** The admin's "Update lists now" button: runs the update job, follows it, then shows each source's outcome. */
function updateControls(data: ListsResponse): HTMLElement[] {
  const status = h('p', { role: 'status', class: 'status' });
  const outcome = h('div', { id: 'update-outcome', 'aria-live': 'polite' });
  const btn = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        btn.disabled = true;
        clear(outcome);
        let job = await post<JobInfo>('/lists/update', {});
        while (job.status === 'queued' || job.status === 'running') {
          status.textContent = job.progress.message ?? 'Updating…';
          await new Promise((r) => setTimeout(r, 1000));
          job = await get<JobInfo>(`/jobs/${encodeURIComponent(job.id)}`);
        }
        btn.disabled = false;
        if (job.status !== 'done') {
          status.textContent = `Update failed: ${job.error}`;
          return;
        }
        const statuses = ((await get<Results>(`/jobs/${encodeURIComponent(job.id)}/results`)).extra?.sources as SourceStatus[] | undefined) ?? [];
        const failed = statuses.filter((s) => s.status === 'failed').length;
        status.textContent = failed ? `Lists reloaded; ${failed} of ${statuses.length} sources could not be updated.` : 'Lists updated and reloaded.';
        outcome.append(
          sourceStatuses(statuses),
          h('button', { type: 'button', class: 'secondary', onclick: () => location.reload() }, 'Show the new versions'),
        );
      },
    },
    'Update lists now',
  );
  return [
    h(
      'div',
      { class: 'actions' },
      btn,
      h(
        'span',
        { class: 'muted' },
        `Downloads the latest ${data.updateSources.join(', ')}; each source is updated on its own and unchanged files are not re-imported.`,
      ),
      status,
    ),
    outcome,
  ];
}

export async function listsPage(ctx: PageContext): Promise<void> {
  const { main, me } = ctx;
  const data = await get<ListsResponse>('/lists');
  main.append(
    h('h1', null, 'Lists'),
    h(
      'p',
      { class: 'lead' },
      `Screening uses the current version of each source below: ${data.parties.toLocaleString('en')} parties, loaded ${fmtDate(data.loadedAt)} UTC.`,
    ),
  );
  if (data.canUpdate && can(me, 'admin')) main.append(...updateControls(data));
  const diffHolder = h('section', { id: 'diff', 'aria-live': 'polite' });
  for (const s of data.sources) {
    main.append(h('h2', null, s.source));
    main.append(
      table(
        ['Version', 'Imported (UTC)', 'Files', 'Entities', 'By list', 'SHA-256', ''],
        s.versions.map((v, i) => {
          const older = s.versions[i + 1];
          return [
            h('span', { title: `id ${v.id}` }, String(v.number), ' ', v.id === s.current ? badge('in use', 'ok') : null),
            fmtDate(v.createdAt),
            v.fileNames.join(', '),
            v.entityCount.toLocaleString('en'),
            Object.entries(v.counts.byList)
              .map(([k, n]) => `${k} ${n}`)
              .join(' · '),
            h('code', { title: v.sha256 }, `${v.sha256.slice(0, 12)}…`),
            older ? h('button', { type: 'button', class: 'link', onclick: () => showDiff(diffHolder, older, v) }, `Changes since version ${older.number}`) : '',
          ];
        }),
      ),
    );
  }
  main.append(diffHolder);
}

async function showDiff(holder: HTMLElement, from: Version, to: Version): Promise<void> {
  clear(holder);
  const d = await get<Diff>(`/lists/diff?from=${from.id}&to=${to.id}&limit=200`);
  holder.append(
    h('h2', { tabindex: '-1' }, `${to.source}: changes from version ${from.number} to ${to.number}`),
    h('p', null, `${d.counts.added} added · ${d.counts.removed} removed · ${d.counts.changed} changed`),
  );
  const section = (title: string, items: Diff['added']) =>
    items.length
      ? [
          h('h3', null, title),
          table(
            ['Name', 'Type', 'Changed fields'],
            items.map((c) => [c.caption, c.schema, (c.properties ?? []).join(', ')]),
          ),
        ]
      : [];
  holder.append(...section('Added', d.added), ...section('Removed', d.removed), ...section('Changed', d.changed));
  (holder.querySelector('h2') as HTMLElement).focus();
}
