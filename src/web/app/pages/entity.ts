/// <reference lib="dom" />
/** Entity explorer: search by name in any script, and one party's names, listings, owners, subsidiaries, brands and sources. */
import { h, badge, table } from '../dom.ts';
import { get } from '../api.ts';
import { neighbourhood, type GraphNode } from '../graph.ts';
import type { PageContext } from '../main.ts';
import type { EntityResponse, FactSource, LinkView, SearchResponse } from '../types.ts';

type Link = LinkView;
type Source = FactSource;

function sourceText(s: Source): string {
  const base =
    s.kind === 'pack'
      ? `Sightline knowledge pack${s.file ? ` (${s.file})` : ''}`
      : `${s.source}${s.file ? ` ${s.file}` : ''}${s.record !== undefined ? ` #${s.record}` : ''}`;
  const ev = s.evidence.map((e) => [e.publisher, e.title, e.date].filter(Boolean).join(', '));
  return ev.length ? `${base}; ${ev.join('; ')}` : base;
}

function entityLink(id: string, text: string): HTMLElement {
  return h('a', { href: `#/entity/${encodeURIComponent(id)}` }, text);
}

function period(l: { start?: string; end?: string }): string {
  return l.start || l.end ? `${l.start ?? '…'} – ${l.end ?? 'present'}` : '';
}

function links(title: string, items: Link[]): HTMLElement[] {
  if (!items.length) return [];
  return [
    h('h3', null, title),
    table(
      ['Party', 'Relation', 'Share', 'Period', 'Confidence', 'Source'],
      items.map((l) => [
        entityLink(l.id, l.caption),
        l.kind + (l.note ? ` — ${l.note}` : ''),
        l.percentage !== undefined ? `${l.percentage}%` : '',
        period(l),
        l.confidence !== undefined ? String(l.confidence) : '',
        sourceText(l.source),
      ]),
    ),
  ];
}

export async function searchPage(ctx: PageContext): Promise<void> {
  const { main, params } = ctx;
  main.append(
    h('h1', null, 'Entities'),
    h(
      'p',
      { class: 'lead' },
      'Look up a company or person in the loaded lists and the knowledge pack. Names in Chinese characters, pinyin and English all work.',
    ),
  );
  const q = h('input', { type: 'search', id: 'q', name: 'q', value: params.get('q') ?? '', placeholder: 'e.g. Hikvision, 海康威视, Dahua', size: 40 });
  main.append(
    h(
      'form',
      {
        class: 'card inline',
        role: 'search',
        onsubmit: (e: Event) => {
          e.preventDefault();
          location.hash = `#/search?q=${encodeURIComponent(q.value)}`;
        },
      },
      h('label', { for: 'q' }, 'Name'),
      q,
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
    ),
  );
  const query = params.get('q');
  if (!query) return void q.focus();
  const res = await get<SearchResponse>(`/search/default?limit=50&q=${encodeURIComponent(query)}`);
  if (!res.results.length)
    return void main.append(
      h('p', { class: 'note', id: 'no-match', role: 'status' }, `No match: no entity in the loaded lists or the knowledge pack has a name like “${query}”.`),
    );
  main.append(
    table(
      ['Name', 'Score', 'Type', 'Country', 'Listed', 'Sources'],
      res.results.map((r) => [
        entityLink(r.id, r.caption),
        h('span', { class: 'num', title: r.score === 1 ? 'every word of the query is in a name' : 'name similarity' }, r.score.toFixed(2)),
        r.schema,
        (r.properties.country ?? []).join(', ').toUpperCase(),
        r.target ? badge('listed', 'bad') : h('span', { class: 'muted' }, 'no'),
        r.datasets.join(', '),
      ]),
    ),
  );
}

type View = EntityResponse['view'];

/** Owners, parents and makers above the entity, subsidiaries and brands below (six of each at most). */
function entityGraph(v: View): HTMLElement | null {
  const edge = (l: Link) => ({
    node: { label: l.caption, tone: 'party', href: `#/entity/${encodeURIComponent(l.id)}` } as GraphNode,
    label: l.kind + (l.percentage !== undefined ? ` ${l.percentage}%` : ''),
  });
  const up = [...v.owners, ...v.parents, ...v.makers].slice(0, 6).map(edge);
  const down = [...v.subsidiaries, ...v.brands].slice(0, 6).map(edge);
  if (!up.length && !down.length) return null;
  return h(
    'div',
    { class: 'graph-wrap' },
    neighbourhood(
      { label: v.caption, sub: v.listings.length ? 'listed' : v.schema, tone: v.listings.length ? 'listed' : 'party' },
      up,
      down,
      `Owners, parents and makers of ${v.caption} above; subsidiaries and brands below`,
    ),
  );
}

/** The entity's own listings, or a line saying it has none. */
function listingsSection(v: View): HTMLElement {
  if (v.listings.length)
    return table(
      ['List', 'Program', 'Since', 'Until', 'Citation', 'Source'],
      v.listings.map((l) => [
        l.list,
        l.program ?? '',
        l.since ?? '',
        l.end ?? '',
        l.sourceUrl ? h('a', { href: l.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, l.citation ?? 'source') : (l.citation ?? ''),
        l.sources.map(sourceText).join('; '),
      ]),
    );
  return h('p', { class: 'muted' }, 'Not on any loaded list. It may still be covered through an owner or maker (see below).');
}

export async function entityPage(ctx: PageContext, id: string): Promise<void> {
  const { main } = ctx;
  const e = await get<EntityResponse>(`/entities/${encodeURIComponent(id)}`);
  const v = e.view;
  main.append(h('p', { class: 'crumbs' }, h('a', { href: '#/search' }, 'Entities'), ' › ', v.caption));
  main.append(
    h('h1', null, v.caption),
    h(
      'p',
      { class: 'meta' },
      `${v.schema}`,
      v.countries.length ? ` · ${v.countries.join(', ').toUpperCase()}` : '',
      ' · ',
      v.listings.length ? badge(`listed on ${[...new Set(v.listings.map((l) => l.listCode))].join(', ')}`, 'bad') : badge('not listed itself', 'ok'),
      ` · id ${v.id}`,
    ),
  );

  const graph = entityGraph(v);
  if (graph) main.append(graph);

  main.append(h('h2', null, 'Listings'), listingsSection(v));

  main.append(
    h('h2', null, 'Names'),
    table(
      ['Name', 'Kind', 'Script'],
      v.names.map((n) => [h('span', { lang: n.script === 'Han' ? 'zh' : null }, n.value), n.kind, n.script]),
    ),
  );
  if (v.identifiers.length)
    main.append(
      h('h2', null, 'Identifiers'),
      table(
        ['Type', 'Value'],
        v.identifiers.map((i) => [i.type, i.value]),
      ),
    );
  if (v.addresses.length)
    main.append(
      h('h2', null, 'Addresses'),
      h(
        'ul',
        null,
        v.addresses.map((a) => h('li', null, a)),
      ),
    );
  const rel = [
    ...links('Owners', v.owners),
    ...links('Parents', v.parents),
    ...links('Subsidiaries and holdings', v.subsidiaries),
    ...links('Brands', v.brands),
    ...links('Brand of / made by', v.makers),
    ...links('Linked', v.linked),
  ];
  if (rel.length) main.append(h('h2', null, 'Relationships'), ...rel);
  main.append(
    h('h2', null, 'Sources'),
    h(
      'ul',
      null,
      v.members.map((m) => h('li', null, sourceText(m))),
    ),
  );
}
