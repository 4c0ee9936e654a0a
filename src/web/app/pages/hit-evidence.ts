/// <reference lib="dom" />
/** A hit's evidence: the path to a listed party, whose listings they are, the matcher's signals and the input row. */
import { h, table } from '../dom.ts';
import { pathGraph, type GraphNode } from '../graph.ts';
import type { Hit, MatchFeature, Row } from '../types.ts';

type PathInfo = Hit['paths'][number];

// Typed by the server's feature names: a matcher feature without a label fails the type check.
const FEATURE_LABEL: Record<MatchFeature, string> = {
  name_match: 'Name similarity',
  name_identical: 'Names written the same',
  words_near: 'Other words a typo apart',
  words_unrelated: 'Other words unrelated',
  words_extra: 'One name adds words',
  middle_names: 'One name adds middle names',
  extra_one_word: 'Words added to a one-word name',
  loose_short: 'One short word, a letter off',
  loose_other: 'One word alike only loosely',
  loose_organisation: 'Two firms alike in one word only',
  place_qualifier: 'One name adds a place',
  place_mismatch: 'Names in two places',
  weak_words_only: 'Alike in generic words only',
  acronym_only: 'Alike through an acronym only',
  legal_form_mismatch: 'Legal forms differ',
  identifier_match: 'Identifier match',
  country_mismatch: 'Country differs',
  number_mismatch: 'Numbers in names differ',
  organisation_vs_person: 'Organisation name, matched to a person',
  birth_date: 'Birth date',
  ticker_match: 'Ticker match',
  schema_mismatch: 'Entity type differs',
};
const featureLabel = (key: string): string => (FEATURE_LABEL as Record<string, string>)[key] ?? key;

/** What the relation of a path's last hop makes the listed party: "subsidiary of" → its parent. */
const ROLE_OF_LISTED: Record<string, string> = {
  ownership: 'owner',
  subsidiary: 'parent',
  'joint-venture': 'joint-venture parent',
  affiliate: 'affiliate',
  brand: 'maker',
  oem: 'maker',
  directorship: 'company',
  supplier: 'supplier',
};

/** "via parent Hangzhou Hikvision Digital Technology Co., Ltd." (and the parties in between, if any). */
export function viaText(p: PathInfo): string {
  const last = p.steps.at(-1)!;
  const hop = p.steps.at(-2);
  const between = p.steps.slice(1, -1).map((s) => s.entity);
  return `via ${ROLE_OF_LISTED[hop?.kind ?? ''] ?? 'linked party'} ${last.entity}${between.length ? ` (through ${between.join(', ')})` : ''}`;
}

/**
 * The matched party's own listings, then those reached through a path, each saying whose they are: a
 * subsidiary's detail must not present its parent's listings as its own.
 */
function listingsOf(hit: Hit): HTMLElement[] {
  const rows: string[][] = hit.listings.map((l) => [l.listName ?? l.list, l.program ?? '', l.since ?? '', l.citation ?? '', 'own listing']);
  for (const p of hit.paths) {
    const via = viaText(p);
    for (const l of p.steps.at(-1)?.listings ?? []) rows.push([l.listName ?? l.list, l.program ?? '', l.since ?? '', l.citation ?? '', via]);
  }
  // A supplier-tier path ends at the hit's party itself: its listings are its own, even when they come by the path.
  const endsAtParty = hit.paths.some((p) => p.steps.at(-1)?.id === hit.entityId && p.steps.at(-1)?.listings?.length);
  const own =
    hit.listings.length || endsAtParty
      ? []
      : [h('p', { class: 'note', id: 'not-listed-itself' }, `${hit.caption} is not listed itself; the listings below are of the parties it is connected to.`)];
  return [...own, table(['List', 'Program', 'Since', 'Citation', 'Whose'], rows, 'listings')];
}

/**
 * Parties that exist only in one run (suppliers from a tiers file, `tier-…`; a Xinjiang address, `xinjiang-origin-…`)
 * have no entity page to link to.
 */
export function entityHref(id: string): string | undefined {
  return /^(tier-|xinjiang-origin-)/.test(id) ? undefined : `#/entity/${encodeURIComponent(id)}`;
}

function hitNodes(row: Row, hit: Hit): { nodes: GraphNode[]; edges: string[] }[] {
  const input: GraphNode = { label: row.label, sub: `row ${row.row} of the file`, tone: 'input' };
  const origin = hit.schema === 'Address';
  const matched: GraphNode = {
    label: hit.caption,
    sub: hit.listings.length ? `listed: ${[...new Set(hit.listings.map((l) => l.list))].join(', ')}` : origin ? 'UFLPA presumption' : 'not listed itself',
    tone: hit.listings.length ? 'listed' : 'party',
    href: entityHref(hit.entityId),
  };
  if (!hit.paths.length) return [{ nodes: [input, matched], edges: [origin ? 'address read' : `matches (${hit.score.toFixed(2)})`] }];
  return hit.paths.map((p) => {
    const nodes: GraphNode[] = [input];
    // A supplier-tier path starts at the row's own supplier, named in the tiers file, not at a matched list entry.
    const tiers = p.rule === 'uflpa-supply';
    const edges = [tiers ? 'is, in the tiers file' : `matches (${hit.score.toFixed(2)})`];
    p.steps.forEach((st, i) => {
      const listed = st.listings?.length;
      nodes.push({
        label: st.entity,
        sub: listed
          ? `listed: ${[...new Set(st.listings!.map((l) => l.list))].join(', ')}`
          : i === 0
            ? tiers
              ? 'tier-1 supplier'
              : 'matched party'
            : undefined,
        tone: listed ? 'listed' : 'party',
        href: entityHref(st.id),
      });
      if (st.relation) edges.push(st.relation + (st.confidence !== undefined && st.confidence < 1 ? ` (conf. ${st.confidence})` : ''));
    });
    return { nodes, edges };
  });
}

/** Why a hit was raised: the path to a listed party, the listings, the matcher's signals and the input row. */
export function hitEvidence(row: Row, hit: Hit): HTMLElement[] {
  const out: HTMLElement[] = [h('h3', null, hit.schema === 'Address' ? 'Why the address is flagged' : 'How it is connected to a listed party')];
  for (const g of hitNodes(row, hit)) out.push(h('div', { class: 'graph-wrap' }, pathGraph(g.nodes, g.edges, `Path from ${row.label} to a listed party`)));
  for (const p of hit.paths) out.push(h('p', { class: 'path-text' }, p.ruleName ? `${p.ruleName}: ` : '', p.text));

  // A Xinjiang address is no list entry: the note above names the words and the rule; there are no listings.
  if (hit.schema !== 'Address') out.push(h('h3', null, 'Listings'), ...listingsOf(hit));
  out.push(
    h('h3', null, 'Why it matched'),
    table(
      ['Signal', 'Score', 'Weight', 'Detail'],
      Object.entries(hit.explanation).map(([k, f]) => [featureLabel(k), f.score.toFixed(2), f.weight.toFixed(2), f.detail]),
    ),
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
  return out;
}
