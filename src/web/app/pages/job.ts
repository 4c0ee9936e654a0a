/// <reference lib="dom" />
/** One screening: progress, summary, filters, the results table, and the hit detail where reviewers decide. */
import { h, clear, badge, fmtDate, table } from '../dom.ts';
import { get, post, download, can } from '../api.ts';
import type { PageContext } from '../main.ts';
import type { Hit, JobInfo, Results, Row, Decision } from '../types.ts';
import { statusBadge } from './screen.ts';
import { hitEvidence } from './hit-evidence.ts';
import { documentFindings } from './job-documents.ts';

export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  changed: 'Changed',
  open: 'Open',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
};
const STATUS_TONE: Record<string, string> = { new: 'warn', changed: 'warn', open: 'info', confirmed: 'bad', dismissed: 'ok', escalated: 'warn' };
function reviewBadge(hit: Hit): HTMLElement {
  return badge(STATUS_LABEL[hit.review.status] ?? hit.review.status, STATUS_TONE[hit.review.status] ?? 'info');
}

export async function jobPage(ctx: PageContext, id: string): Promise<void> {
  const { main } = ctx;
  const head = h('div');
  const body = h('div');
  main.append(head, body);
  let job = await get<JobInfo>(`/jobs/${encodeURIComponent(id)}`);
  const renderHead = () => {
    clear(head);
    const prev = job.options.previousJobId;
    head.append(
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Screen files'), ' › ', job.fileName),
      h('h1', null, `Screening of ${job.fileName}`),
      h(
        'p',
        { class: 'meta' },
        `${job.kind} · started ${fmtDate(job.createdAt)} UTC by ${job.actor}`,
        job.options.asOf ? ` · as of ${job.options.asOf}` : '',
        ' · ',
        statusBadge(job),
        prev ? h('span', null, ' · re-screen of ', h('a', { href: `#/jobs/${encodeURIComponent(prev)}` }, 'the previous run')) : null,
      ),
    );
  };
  renderHead();
  if (job.status === 'queued' || job.status === 'running') {
    const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Screening progress' });
    const text = h('p', { role: 'status', 'aria-live': 'polite' }, 'Waiting to start…');
    body.append(h('section', { class: 'card' }, h('h2', null, 'Screening in progress'), bar, text));
    let stopped = false;
    ctx.onLeave(() => (stopped = true));
    while (!stopped && (job.status === 'queued' || job.status === 'running')) {
      await new Promise((r) => setTimeout(r, 500));
      job = await get<JobInfo>(`/jobs/${encodeURIComponent(id)}`);
      const p = job.progress;
      if (p.total) bar.value = Math.round((100 * p.done) / p.total);
      text.textContent = p.message ?? `${p.done} processed`;
    }
    if (stopped) return;
    renderHead();
    clear(body);
  }
  if (job.status === 'failed') {
    body.append(h('section', { class: 'card error', role: 'alert' }, h('h2', null, 'The screening failed'), h('p', null, job.error ?? 'unknown error')));
    return;
  }
  const results = await get<Results>(`/jobs/${encodeURIComponent(id)}/results`);
  renderResults(ctx, body, results);
}

function summaryCards(r: Results): HTMLElement {
  const s = r.summary;
  const card = (n: number, label: string, tone: string) => h('div', { class: `stat stat-${tone}` }, h('strong', null, String(n)), h('span', null, label));
  return h(
    'div',
    { class: 'stats' },
    card(s.rows, 'rows in file', 'plain'),
    card(s.hits, 'hits', s.hits ? 'bad' : 'plain'),
    card(s.reviews, 'to review', s.reviews ? 'warn' : 'plain'),
    card(s.clear, 'clear', 'ok'),
    card(s.skipped, 'skipped', 'plain'),
    card(r.review.raised, 'hits new or changed', r.review.raised ? 'warn' : 'plain'),
  );
}

/** The report downloads and, for analysts, re-screening against the current lists. */
function resultActions(ctx: PageContext, r: Results): HTMLElement {
  const id = r.job.id;
  return h(
    'div',
    { class: 'actions' },
    h('span', { class: 'muted' }, 'Download report:'),
    ...(r.reports ?? ['html', 'csv', 'json']).map((ext) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-report': ext,
          onclick: () => download(`/jobs/${encodeURIComponent(id)}/report.${ext}`, `sightline-${id}.${ext}`),
        },
        ext.toUpperCase(),
      ),
    ),
    can(ctx.me, 'analyst')
      ? h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'rescreen',
            onclick: async () => {
              const job = await post<JobInfo>(`/jobs/${encodeURIComponent(id)}/rescreen`);
              location.hash = `#/jobs/${encodeURIComponent(job.id)}`;
            },
          },
          'Re-screen against current lists',
        )
      : null,
  );
}

interface Filters {
  status: string;
  list: string;
  min: number;
  text: string;
}

/** The filter form over the results, its inputs, and a reader of their current values. */
function filterControls(r: Results): { form: HTMLElement; inputs: HTMLElement[]; read: () => Filters } {
  const lists = [...new Set(r.rows.flatMap((row) => row.hits.flatMap((x) => x.lists)))].sort();
  const fStatus = h(
    'select',
    { id: 'f-status' },
    h('option', { value: 'hits' }, 'All hits'),
    h('option', { value: 'attention' }, 'Needs attention (new or changed)'),
    ...Object.entries(STATUS_LABEL).map(([v, l]) => h('option', { value: v }, l)),
    h('option', { value: 'all' }, 'All rows, including clear'),
  );
  const fList = h('select', { id: 'f-list' }, h('option', { value: '' }, 'Any list'), ...lists.map((l) => h('option', { value: l }, l)));
  const fScore = h('input', { id: 'f-score', type: 'number', min: 0, max: 1, step: 0.05, value: '0', size: 4 });
  const fText = h('input', { id: 'f-text', type: 'search', placeholder: 'Name contains…' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
    h('label', null, 'Show ', fStatus),
    h('label', null, 'List ', fList),
    h('label', null, 'Score at least ', fScore),
    h('label', null, 'Search ', fText),
  );
  const read = () => ({ status: fStatus.value, list: fList.value, min: Number(fScore.value) || 0, text: fText.value.trim().toLowerCase() });
  return { form, inputs: [fStatus, fList, fScore, fText], read };
}

/** The table rows the filters let through: one per hit, plus clear and skipped rows when showing all rows. */
function resultRows(r: Results, f: Filters, open: (row: Row, hit: Hit) => HTMLElement): (HTMLElement | string)[][] {
  const rows: (HTMLElement | string)[][] = [];
  for (const row of r.rows) {
    if (f.text && !(row.label.toLowerCase().includes(f.text) || row.hits.some((x) => x.caption.toLowerCase().includes(f.text)))) continue;
    if (!row.hits.length) {
      if (f.status === 'all' && !f.list)
        rows.push([
          String(row.row),
          row.label,
          row.error ? h('span', { class: 'muted' }, `skipped: ${row.error}`) : h('span', { class: 'muted' }, 'no match'),
          '',
          '',
          badge(row.error ? 'skipped' : 'clear', row.error ? 'info' : 'ok'),
          '',
        ]);
      continue;
    }
    for (const hit of row.hits) {
      if (hit.score < f.min || (f.list && !hit.lists.includes(f.list))) continue;
      if (f.status === 'attention' && !hit.review.raised) continue;
      if (STATUS_LABEL[f.status] && hit.review.status !== f.status) continue;
      rows.push([
        String(row.row),
        row.label,
        open(row, hit),
        hit.score.toFixed(2),
        hit.lists.join(', '),
        badge(hit.severity === 'hit' ? 'Hit' : 'Review', hit.severity === 'hit' ? 'bad' : 'warn'),
        reviewBadge(hit),
      ]);
    }
  }
  return rows;
}

/**
 * When no row could be screened, why — up front: "finished" over an empty table would read as "all clear".
 * Reasons are grouped, each with the rows it applies to.
 */
function nothingScreened(r: Results): HTMLElement | null {
  const s = r.summary;
  if (s.rows && s.screened) return null;
  const byReason = new Map<string, number[]>();
  for (const row of r.rows) if (row.error) byReason.set(row.error, [...(byReason.get(row.error) ?? []), row.row]);
  const rowsText = (ns: number[]) =>
    ns.length > 5 ? `rows ${ns.slice(0, 5).join(', ')} and ${ns.length - 5} more` : `row${ns.length > 1 ? 's' : ''} ${ns.join(', ')}`;
  return h(
    'section',
    { class: 'card error', role: 'alert', id: 'nothing-screened' },
    h('h2', null, s.rows ? `No row was screened: all ${s.rows} were skipped` : 'No row was screened: the file has no rows'),
    byReason.size
      ? h(
          'ul',
          null,
          [...byReason].map(([reason, ns]) => h('li', null, h('strong', null, reason), ` (${rowsText(ns)})`)),
        )
      : null,
    h('p', null, 'Nothing was checked, so this is not a clear result. Fix the file and screen it again.'),
  );
}

function renderResults(ctx: PageContext, body: HTMLElement, r: Results): void {
  const unscreened = nothingScreened(r);
  if (unscreened) body.append(unscreened);
  if (r.job.kind === 'documents') return void body.append(resultActions(ctx, r), documentFindings(r));
  body.append(summaryCards(r), resultActions(ctx, r));
  const exposure = r.extra?.exposureLines as string[] | undefined;
  if (exposure?.length)
    body.append(
      h(
        'section',
        { class: 'card', id: 'exposure' },
        h('h2', null, 'Portfolio exposure'),
        h(
          'ul',
          null,
          exposure.map((line) => h('li', null, line)),
        ),
      ),
    );
  const lookThrough = r.job.options.lookThrough;
  if (lookThrough) body.append(h('p', { class: 'note' }, `Look-through: funds held are opened with the constituents in ${lookThrough.name}.`));
  if (r.job.options.previousJobId)
    body.append(
      h(
        'p',
        { class: 'note' },
        'This is a re-screen: hits already decided keep their decision unless the listing data changed; hits seen before and still undecided are marked Open. Only New and Changed hits need attention.',
      ),
    );

  const filters = filterControls(r);
  const tableHolder = h('div', { class: 'table-wrap' });
  const detail = h('section', { id: 'hit-detail', class: 'detail', 'aria-live': 'polite' });
  body.append(h('h2', null, 'Results'), filters.form, h('div', { class: 'split' }, tableHolder, detail));
  detail.append(h('p', { class: 'muted' }, 'Select a hit to see why it matched and to record a decision.'));

  const open = (row: Row, hit: Hit) =>
    h(
      'button',
      { type: 'button', class: 'link', 'data-hit': `${row.recordKey}:${hit.entityId}`, onclick: () => showHit(ctx, detail, r, row, hit, () => render()) },
      hit.caption,
    );
  const render = () => {
    clear(tableHolder);
    const rows = resultRows(r, filters.read(), open);
    if (!rows.length) return void tableHolder.append(h('p', { class: 'muted' }, 'Nothing matches these filters.'));
    tableHolder.append(table(['Row', 'Input', 'Matched party', 'Score', 'Lists', 'Result', 'Review'], rows, 'results'));
  };
  for (const el of filters.inputs) el.addEventListener('input', render);
  // With nothing screened the skipped rows are the result: show them rather than an empty list of hits.
  if (unscreened) (filters.inputs[0] as HTMLSelectElement).value = 'all';
  render();
}

/** The decisions recorded on this hit so far, oldest first. */
async function decisionHistory(row: Row, hit: Hit): Promise<HTMLElement[]> {
  const history = await get<{ decisions: Decision[] }>(`/decisions?recordKey=${row.recordKey}&entityId=${encodeURIComponent(hit.entityId)}`);
  const heading = h('h3', null, 'Decisions');
  if (!history.decisions.length) return [heading, h('p', { class: 'muted' }, 'No decision yet.')];
  return [
    heading,
    table(
      ['When (UTC)', 'Who', 'Decision', 'Reason'],
      history.decisions.map((d) => [fmtDate(d.createdAt), d.actor, STATUS_LABEL[d.decision] ?? d.decision, d.reason]),
    ),
  ];
}

/** The reviewer's form: a decision and its reason; once saved, the results and this hit are shown afresh. */
function decisionForm(ctx: PageContext, detail: HTMLElement, r: Results, row: Row, hit: Hit, rerender: () => void): HTMLElement {
  const reason = h('textarea', {
    id: 'reason',
    name: 'reason',
    rows: 3,
    required: true,
    maxlength: 2000,
    placeholder: 'e.g. Different company: our vendor is registered in Ontario, CA (business no. …)',
  });
  const msg = h('p', { role: 'status', class: 'status' });
  const choice = (value: string, label: string, help: string) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'decision', value, required: true }),
      h('span', null, h('strong', null, label), ' ', h('small', null, help)),
    );
  const form = h(
    'form',
    {
      class: 'decide',
      id: 'decide-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const decision = (form.querySelector('input[name=decision]:checked') as HTMLInputElement | null)?.value;
        if (!decision) return void (msg.textContent = 'Choose a decision.');
        try {
          await post('/decisions', { jobId: r.job.id, recordKey: row.recordKey, entityId: hit.entityId, decision, reason: reason.value });
          const fresh = await get<Results>(`/jobs/${encodeURIComponent(r.job.id)}/results`);
          r.rows = fresh.rows;
          r.review = fresh.review;
          rerender();
          const row2 = fresh.rows.find((x) => x.recordKey === row.recordKey)!;
          await showHit(ctx, detail, r, row2, row2.hits.find((x) => x.entityId === hit.entityId)!, rerender);
        } catch (err) {
          msg.textContent = `Not saved: ${(err as Error).message}`;
          msg.className = 'status error';
        }
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'Your decision'),
      choice('confirmed', 'Confirm', '— this is the listed party (or controlled by it)'),
      choice('dismissed', 'Dismiss', '— a different party; a false positive'),
      choice('escalated', 'Escalate', '— needs a senior reviewer or more information'),
    ),
    h('label', { for: 'reason' }, 'Reason (kept in the audit trail)'),
    reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Record decision')),
    msg,
  );
  return form;
}

async function showHit(ctx: PageContext, detail: HTMLElement, r: Results, row: Row, hit: Hit, rerender: () => void): Promise<void> {
  clear(detail);
  const heading = h('h2', { tabindex: '-1' }, `Row ${row.row}: ${row.label}`);
  detail.append(
    heading,
    h(
      'p',
      { class: 'meta' },
      'Matched ',
      h('a', { href: `#/entity/${encodeURIComponent(hit.entityId)}` }, hit.caption),
      ` (${hit.schema}) with score ${hit.score.toFixed(2)} · `,
      reviewBadge(hit),
      ' ',
      h('span', { class: 'muted' }, hit.review.note),
    ),
  );
  if (hit.note) detail.append(h('p', { class: 'note' }, hit.note));
  detail.append(...hitEvidence(row, hit));
  detail.append(...(await decisionHistory(row, hit)));
  if (can(ctx.me, 'reviewer')) detail.append(decisionForm(ctx, detail, r, row, hit, rerender));
  else detail.append(h('p', { class: 'muted' }, 'Your role can view hits but not decide them.'));
  heading.focus();
  detail.scrollIntoView({ block: 'nearest' });
}
