/// <reference lib="dom" />
/**
 * A scanned document shown as a document: each finding with its page (or sheet, paragraph), the clause quoted
 * as written, the category and the English gloss. Listed firms link to their entity page; capability terms
 * are not parties and link nowhere.
 */
import { h, badge, table } from '../dom.ts';
import type { Results, Row } from '../types.ts';

const SEVERITY_TONE: Record<string, string> = { hit: 'bad', review: 'warn' };

/** The clause with the found words marked, as the citation. */
function quoted(row: Row): HTMLElement {
  const clause = row.input.clause ?? row.input.snippet ?? '';
  const text = row.input.text ?? '';
  const at = text ? clause.indexOf(text) : -1;
  const body = at < 0 ? [clause] : [clause.slice(0, at), h('mark', null, text), clause.slice(at + text.length)];
  return h('blockquote', { class: 'clause', lang: 'zh' }, '“', ...body, '”');
}

function place(row: Row): string {
  const where = row.input.where || row.input.file || '';
  return row.input.page && !where.includes('page') ? `page ${row.input.page}` : where;
}

function finding(row: Row): (HTMLElement | string)[] {
  const hit = row.hits[0];
  const isParty = row.input.type === 'entity';
  const category = row.input.category ?? hit?.caption ?? '';
  const gloss = isParty && hit ? h('a', { href: `#/entity/${encodeURIComponent(hit.entityId)}` }, hit.caption) : (row.input.gloss ?? '');
  const notes = row.input.notes ? h('div', { class: 'muted small' }, row.input.notes) : null;
  return [
    place(row),
    h('div', null, quoted(row), notes),
    category,
    h('div', null, gloss, isParty && hit?.lists.length ? h('div', { class: 'muted small' }, `listed: ${hit.lists.join(', ')}`) : null),
    badge(hit?.severity === 'hit' ? 'High' : 'Review', SEVERITY_TONE[hit?.severity ?? 'review'] ?? 'info'),
  ];
}

export function documentFindings(r: Results): HTMLElement {
  const rows = r.rows.filter((row) => row.hits.length);
  const high = rows.filter((row) => row.hits[0]?.severity === 'hit').length;
  const notes = (r as { notes?: string[] }).notes ?? [];
  return h(
    'section',
    { class: 'document-findings' },
    h('h2', null, `Findings in ${r.job.fileName}`),
    h('p', null, `${rows.length} findings, ${high} of high severity.`),
    ...notes.map((n) => h('p', { class: 'note' }, n)),
    rows.length
      ? table(['Where', 'Quoted clause', 'Category', 'English gloss', 'Severity'], rows.map(finding), 'findings')
      : h('p', { class: 'muted' }, 'No listed firm and no surveillance capability found.'),
  );
}
