/** `sightline entity NAME|ID`: finding the party and its view as text. */
import { openWorld, withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { entityView, type EntityView, type LinkView, type FactSource, type PathView } from '../../graph/entity-view.ts';
import { nameKey } from '../../graph/world.ts';
import { SightlineError } from '../../errors.ts';
import type { MergedWorld } from '../../graph/world.ts';

/** Finds the party and prints its view: what `sightline entity` runs, loaded only by that command. */
export async function showEntity(io: CliIO, query: string, opts: { asOf?: string; json?: boolean }, flags: { db?: string }): Promise<void> {
  await withStore(flags, async (store, config) => {
    const { world } = await openWorld(store, config);
    const id = findEntity(world, query);
    const view = entityView(world, id, opts.asOf)!;
    io.out(opts.json ? JSON.stringify(view, null, 2) : renderEntity(view));
  });
}

/** By id, then exact name/alias, then a name that contains the query as whole words (best listed first). */
export function findEntity(world: MergedWorld, query: string): string {
  const direct = world.get(query);
  if (direct) return direct.id;
  const exact = world.findByName(query);
  if (exact.length)
    return pickBest(
      world,
      exact.map((e) => e.id),
    );
  const key = nameKey(query);
  if (key.length >= 3) {
    const re = new RegExp(`(^| )${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
    const hits = world.parties().filter((e) => ['name', 'alias'].some((p) => (e.properties[p] ?? []).some((v) => re.test(nameKey(v)))));
    if (hits.length)
      return pickBest(
        world,
        hits.map((e) => e.id),
      );
  }
  throw new SightlineError('NOT_FOUND', `no entity named or with id "${query}" (try \`sightline match "${query}"\` for fuzzy search)`);
}

function pickBest(world: MergedWorld, ids: string[]): string {
  const rank = (id: string) => world.listings(id).length * 10 + world.members(id).length + (id.startsWith('pack-') ? 5 : 0);
  return [...ids].sort((a, b) => rank(b) - rank(a))[0];
}

function src(s: FactSource): string {
  const ev = s.evidence.map((e) => `${e.publisher ? `${e.publisher}, ` : ''}${e.title}${e.date ? ` (${e.date})` : ''}`);
  const base =
    s.kind === 'pack' ? `knowledge pack ${s.file ?? ''}`.trim() : `${s.source}${s.file ? ` ${s.file}` : ''}${s.record !== undefined ? ` #${s.record}` : ''}`;
  return ev.length ? `${base}; ${ev.join('; ')}` : base;
}

function links(title: string, items: LinkView[]): string[] {
  if (!items.length) return [];
  return [
    `${title}:`,
    ...items.map((l) => {
      const bits = [
        l.kind,
        l.percentage !== undefined ? `${l.percentage}%` : '',
        l.start || l.end ? `${l.start ?? '…'} – ${l.end ?? 'present'}` : '',
        l.confidence !== undefined ? `confidence ${l.confidence}` : '',
      ].filter(Boolean);
      return `  ${l.caption} [${l.id}] (${bits.join(', ')})${l.note ? ` — ${l.note}` : ''}\n      source: ${src(l.source)}`;
    }),
  ];
}

function paths(items: PathView[]): string[] {
  if (!items.length) return [];
  return [
    'Paths to listings:',
    ...items.map((p) => {
      const chain = p.steps.map((s, i) => (i === 0 ? s.caption : `${p.steps[i - 1].relation} ${s.caption}`));
      return `  ${p.ruleName}: ${chain.join(' → ')} → ${p.lists.join(', ')}${p.aggregate !== undefined && p.aggregate < 100 ? ` (aggregate ${p.aggregate}%)` : ''}`;
    }),
  ];
}

export function renderEntity(v: EntityView): string {
  const lines = [`${v.caption}  [${v.id}, ${v.schema}]`, ''];
  lines.push('Names:', ...v.names.map((n) => `  ${n.value}  (${n.kind}, ${n.script})`));
  if (v.identifiers.length) lines.push('Identifiers:', ...v.identifiers.map((i) => `  ${i.type}: ${i.value}`));
  if (v.countries.length) lines.push(`Countries: ${v.countries.join(', ')}`);
  lines.push('Listings:');
  if (!v.listings.length) lines.push('  (none)');
  for (const l of v.listings) {
    lines.push(
      `  ${l.list}${l.program ? ` — ${l.program}` : ''}: since ${l.since ?? 'unknown'}${l.end ? `, ended ${l.end}` : ''}${l.citation ? `, ${l.citation}` : ''}`,
    );
    if (l.goods || l.region)
      lines.push(`      goods: ${l.goods ?? 'not stated'}${l.region ? `; region: ${l.region}` : ''}${l.status ? `; status: ${l.status}` : ''}`);
    for (const s of l.sources) lines.push(`      source: ${src(s)}`);
  }
  lines.push(...links('Owners', v.owners), ...links('Parents', v.parents), ...links('Subsidiaries and holdings', v.subsidiaries));
  lines.push(...links('Brands', v.brands), ...links('Brand of / made by', v.makers), ...links('Linked', v.linked));
  lines.push(...paths(v.paths));
  lines.push('Merged records:', ...v.members.map((m) => `  ${src(m)}`));
  return lines.join('\n');
}
