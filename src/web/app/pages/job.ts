/// <reference lib="dom" />
/** One screening: progress, summary, filters, the results table, and the hit detail where reviewers decide. */
import { h, clear, badge, fmtDate, table } from '../dom.ts';
import { get, post, download, can } from '../api.ts';
import { pathGraph, type GraphNode } from '../graph.ts';
import type { PageContext } from '../main.ts';
import type { Hit, JobInfo, MatchFeature, Results, Row, Decision } from '../types.ts';
import { statusBadge } from './screen.ts';

export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  changed: 'Changed',
  open: 'Open',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
};
const STATUS_TONE: Record<string, string> = { new: 'warn', changed: 'warn', open: 'info', confirmed: 'bad', dismissed: 'ok', escalated: 'warn' };
// Typed by the server's feature names: a matcher feature without a label fails the type check.
const FEATURE_LABEL: Record<MatchFeature, string> = {
  name_match: 'Name similarity',
  identifier_match: 'Identifier match',
  country_mismatch: 'Country differs',
  number_mismatch: 'Numbers in names differ',
  organisation_vs_person: 'Organisation name, matched to a person',
  birth_date: 'Birth date',
  ticker_match: 'Ticker match',
  schema_mismatch: 'Entity type differs',
};
const featureLabel = (key: string): string => (FEATURE_LABEL as Record<string, string>)[key] ?? key;

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

function renderResults(ctx: PageContext, body: HTMLElement, r: Results): void {
  const id = r.job.id;
  const actions = h(
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
  body.append(summaryCards(r), actions);
  if (r.job.options.previousJobId)
    body.append(
      h(
        'p',
        { class: 'note' },
        'This is a re-screen: hits already decided keep their decision unless the listing data changed; hits seen before and still undecided are marked Open. Only New and Changed hits need attention.',
      ),
    );

  // Filters
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
  const filters = h(
    'form',
    { class: 'filters', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
    h('label', null, 'Show ', fStatus),
    h('label', null, 'List ', fList),
    h('label', null, 'Score at least ', fScore),
    h('label', null, 'Search ', fText),
  );
  const tableHolder = h('div', { class: 'table-wrap' });
  const detail = h('section', { id: 'hit-detail', class: 'detail', 'aria-live': 'polite' });
  body.append(h('h2', null, 'Results'), filters, h('div', { class: 'split' }, tableHolder, detail));
  detail.append(h('p', { class: 'muted' }, 'Select a hit to see why it matched and to record a decision.'));

  const render = () => {
    clear(tableHolder);
    const status = fStatus.value;
    const min = Number(fScore.value) || 0;
    const text = fText.value.trim().toLowerCase();
    const rows: (HTMLElement | string)[][] = [];
    for (const row of r.rows) {
      if (text && !(row.label.toLowerCase().includes(text) || row.hits.some((x) => x.caption.toLowerCase().includes(text)))) continue;
      if (!row.hits.length) {
        if (status === 'all' && !fList.value)
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
        if (hit.score < min || (fList.value && !hit.lists.includes(fList.value))) continue;
        if (status === 'attention' && !hit.review.raised) continue;
        if (STATUS_LABEL[status] && hit.review.status !== status) continue;
        const open = h(
          'button',
          { type: 'button', class: 'link', 'data-hit': `${row.recordKey}:${hit.entityId}`, onclick: () => showHit(ctx, detail, r, row, hit, () => render()) },
          hit.caption,
        );
        rows.push([
          String(row.row),
          row.label,
          open,
          hit.score.toFixed(2),
          hit.lists.join(', '),
          badge(hit.severity === 'hit' ? 'Hit' : 'Review', hit.severity === 'hit' ? 'bad' : 'warn'),
          reviewBadge(hit),
        ]);
      }
    }
    if (!rows.length) return void tableHolder.append(h('p', { class: 'muted' }, 'Nothing matches these filters.'));
    tableHolder.append(table(['Row', 'Input', 'Matched party', 'Score', 'Lists', 'Result', 'Review'], rows, 'results'));
  };
  for (const el of [fStatus, fList, fScore, fText]) el.addEventListener('input', render);
  render();
}

function hitNodes(row: Row, hit: Hit): { nodes: GraphNode[]; edges: string[] }[] {
  const input: GraphNode = { label: row.label, sub: `row ${row.row} of the file`, tone: 'input' };
  const matched: GraphNode = {
    label: hit.caption,
    sub: hit.listings.length ? `listed: ${[...new Set(hit.listings.map((l) => l.list))].join(', ')}` : 'not listed itself',
    tone: hit.listings.length ? 'listed' : 'party',
    href: `#/entity/${encodeURIComponent(hit.entityId)}`,
  };
  if (!hit.paths.length) return [{ nodes: [input, matched], edges: [`matches (${hit.score.toFixed(2)})`] }];
  return hit.paths.map((p) => {
    const nodes: GraphNode[] = [input];
    const edges = [`matches (${hit.score.toFixed(2)})`];
    p.steps.forEach((st, i) => {
      const listed = st.listings?.length;
      nodes.push({
        label: st.entity,
        sub: listed ? `listed: ${[...new Set(st.listings!.map((l) => l.list))].join(', ')}` : i === 0 ? 'matched party' : undefined,
        tone: listed ? 'listed' : 'party',
        href: `#/entity/${encodeURIComponent(st.id)}`,
      });
      if (st.relation) edges.push(st.relation + (st.confidence !== undefined && st.confidence < 1 ? ` (conf. ${st.confidence})` : ''));
    });
    return { nodes, edges };
  });
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

  detail.append(h('h3', null, 'How it is connected to a listed party'));
  for (const g of hitNodes(row, hit)) detail.append(h('div', { class: 'graph-wrap' }, pathGraph(g.nodes, g.edges, `Path from ${row.label} to a listed party`)));
  for (const p of hit.paths) detail.append(h('p', { class: 'path-text' }, p.ruleName ? `${p.ruleName}: ` : '', p.text));

  const listings = hit.listings.length ? hit.listings : hit.paths.flatMap((p) => p.steps.at(-1)?.listings ?? []);
  detail.append(
    h('h3', null, 'Listings'),
    table(
      ['List', 'Program', 'Since', 'Citation'],
      listings.map((l) => [l.listName ?? l.list, l.program ?? '', l.since ?? '', l.citation ?? '']),
    ),
  );

  detail.append(
    h('h3', null, 'Why it matched'),
    table(
      ['Signal', 'Score', 'Weight', 'Detail'],
      Object.entries(hit.explanation).map(([k, f]) => [featureLabel(k), f.score.toFixed(2), f.weight.toFixed(2), f.detail]),
    ),
  );
  detail.append(
    h(
      'details',
      null,
      h('summary', null, 'Input row as uploaded'),
      table(
        ['Column', 'Value'],
        Object.entries(row.input).map(([k, v]) => [k, v]),
      ),
    ),
  );

  const history = await get<{ decisions: Decision[] }>(`/decisions?recordKey=${row.recordKey}&entityId=${encodeURIComponent(hit.entityId)}`);
  detail.append(h('h3', null, 'Decisions'));
  if (history.decisions.length)
    detail.append(
      table(
        ['When (UTC)', 'Who', 'Decision', 'Reason'],
        history.decisions.map((d) => [fmtDate(d.createdAt), d.actor, STATUS_LABEL[d.decision] ?? d.decision, d.reason]),
      ),
    );
  else detail.append(h('p', { class: 'muted' }, 'No decision yet.'));

  if (!can(ctx.me, 'reviewer')) {
    detail.append(h('p', { class: 'muted' }, 'Your role can view hits but not decide them.'));
  } else {
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
    detail.append(form);
  }
  heading.focus();
  detail.scrollIntoView({ block: 'nearest' });
}
