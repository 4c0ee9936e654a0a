/// <reference lib="dom" />
/** Home: upload a file to screen (four kinds) and the list of recent screenings. */
import { h, badge, fmtDate, table } from '../dom.ts';
import { get, upload, can, apiKey } from '../api.ts';
import type { PageContext } from '../main.ts';
import type { Examples, JobInfo } from '../types.ts';

const KINDS = [
  { id: 'vendors', label: 'Vendors', help: 'Supplier or vendor list (CSV, XLSX, JSON lines) with company names, countries, identifiers.' },
  { id: 'holdings', label: 'Holdings', help: 'Portfolio holdings with ISINs, tickers or issuer names, weights or market values.' },
  { id: 'devices', label: 'Devices', help: 'Device inventory or network scan (nmap XML, DHCP leases, ARP tables, CSV inventory).' },
  { id: 'documents', label: 'Documents', help: 'Contracts, invoices or spec sheets (PDF, DOCX, XLSX, text) to scan for listed names.' },
];

export function statusBadge(job: JobInfo): HTMLElement {
  if (job.status === 'done' && job.summary && !job.summary.screened) return badge('nothing screened', 'bad');
  const tone = job.status === 'done' ? 'ok' : job.status === 'failed' ? 'bad' : 'info';
  return badge(job.status === 'done' ? 'finished' : job.status, tone);
}

export function jobCounts(job: JobInfo): string {
  const s = job.summary;
  if (!s) return '';
  return `${s.hits} hits · ${s.reviews} to review · ${s.clear} clear`;
}

export async function screenPage(ctx: PageContext): Promise<void> {
  const { main, me } = ctx;
  main.append(h('h1', null, 'Screen a file'));
  main.append(
    h(
      'p',
      { class: 'lead' },
      'Upload a file to check it against the US sanctions and export-control lists loaded on this server. Each match is shown with the reasons for it, and can be confirmed, dismissed or escalated by a reviewer.',
    ),
  );
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'file', name: 'file', required: true });
  const asOf = h('input', { type: 'date', id: 'as_of', name: 'as_of' });
  const indexInput = h('input', { type: 'file', id: 'index', name: 'index' });
  const indexField = h(
    'div',
    { id: 'index-field', hidden: true },
    h('label', { for: 'index' }, 'Index or fund constituents ', h('small', null, '(optional, holdings: look-through into funds held)')),
    indexInput,
  );
  const threshold = h('input', {
    type: 'number',
    id: 'threshold',
    name: 'threshold',
    min: 0.5,
    max: 1,
    step: 0.01,
    placeholder: me ? me.threshold.toFixed(2) : '',
  });
  const submit = h('button', { type: 'submit', class: 'primary', disabled: !can(me, 'analyst') }, 'Start screening');
  const form = h(
    'form',
    {
      class: 'card',
      id: 'screen-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const data = new FormData(form);
        if (!data.get('as_of')) data.delete('as_of');
        if (!data.get('threshold')) data.delete('threshold');
        if (data.get('kind') !== 'holdings' || !indexInput.files?.length) data.delete('index');
        submit.disabled = true;
        status.textContent = 'Uploading…';
        try {
          const job = await upload<JobInfo>('/screen', data);
          location.hash = `#/jobs/${encodeURIComponent(job.id)}`;
        } catch (err) {
          status.textContent = `Could not start: ${(err as Error).message}`;
          status.className = 'status error';
          submit.disabled = false;
        }
      },
    },
    kindChoices(new Set(me?.kinds ?? []), (kind) => (indexField.hidden = kind !== 'holdings')),
    h(
      'div',
      { class: 'grid3' },
      h('div', null, h('label', { for: 'file' }, 'File'), fileInput),
      h('div', null, h('label', { for: 'as_of' }, 'As of date ', h('small', null, '(optional: lists as they stood then)')), asOf),
      h('div', null, h('label', { for: 'threshold' }, 'Match threshold ', h('small', null, '(optional, 0.5–1)')), threshold),
    ),
    indexField,
    h('div', { class: 'actions' }, submit, can(me, 'analyst') ? null : h('span', { class: 'muted' }, 'Your role can view results but not start screenings.')),
    status,
  );
  main.append(form);
  if (can(me, 'analyst')) await examples(main, status);

  const { jobs } = await get<{ jobs: JobInfo[] }>('/jobs');
  main.append(h('h2', null, 'Recent screenings'), recentScreenings(jobs));
}

/** The kinds of file, as radio buttons; kinds this server cannot screen are shown but disabled. */
function kindChoices(available: Set<string>, onChange: (kind: string) => void): HTMLElement {
  return h(
    'fieldset',
    { class: 'kinds' },
    h('legend', null, 'What are you screening?'),
    KINDS.map((k, i) =>
      h(
        'label',
        { class: `kind${available.has(k.id) ? '' : ' unavailable'}` },
        h('input', { type: 'radio', name: 'kind', value: k.id, checked: i === 0, disabled: !available.has(k.id), onchange: () => onChange(k.id) }),
        h('span', null, h('strong', null, k.label), h('small', null, available.has(k.id) ? k.help : 'Not available on this server.')),
      ),
    ),
  );
}

/** Recent screening jobs (list updates left out), newest first as the server sends them. */
function recentScreenings(jobs: JobInfo[]): HTMLElement {
  const screenings = jobs.filter((j) => j.kind !== 'lists-update');
  if (!screenings.length) return h('p', { class: 'muted' }, 'No screenings yet.');
  return table(
    ['File', 'Kind', 'Started', 'By', 'Status', 'Result'],
    screenings.map((j) => [
      h('a', { href: `#/jobs/${encodeURIComponent(j.id)}` }, j.fileName),
      j.kind + (j.options.previousJobId ? ' (re-screen)' : ''),
      fmtDate(j.createdAt),
      j.actor,
      statusBadge(j),
      j.status === 'failed' ? h('span', { class: 'error' }, j.error ?? '') : jobCounts(j),
    ]),
    'jobs',
  );
}

/** One-click screenings of the files in examples/ (fetched, then uploaded like any other file). */
async function examples(main: HTMLElement, status: HTMLElement): Promise<void> {
  let list: { name: string; kind: string }[];
  try {
    list = (await get<Examples>('/examples')).examples;
  } catch {
    return;
  }
  if (!list.length) return;
  const buttons = list.map((ex) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-example': ex.name,
        onclick: async () => {
          status.textContent = `Starting ${ex.name}…`;
          const res = await fetch(`/examples/${ex.name.split('/').map(encodeURIComponent).join('/')}`, {
            headers: apiKey() ? { authorization: `Bearer ${apiKey()}` } : {},
          });
          const form = new FormData();
          form.set('kind', ex.kind);
          form.set('file', new File([await res.blob()], ex.name.split('/').pop()!));
          try {
            const job = await upload<JobInfo>('/screen', form);
            location.hash = `#/jobs/${encodeURIComponent(job.id)}`;
          } catch (err) {
            status.textContent = `Could not start: ${(err as Error).message}`;
          }
        },
      },
      `${ex.name} (${ex.kind})`,
    ),
  );
  main.append(h('div', { class: 'examples' }, h('h2', null, 'Or try an example file'), h('div', { class: 'actions' }, buttons)));
}
