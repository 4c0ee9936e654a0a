/**
 * The scanner's entity table from the world: every listed party and every pack entity, with all its
 * names and aliases in every script (weak aliases excluded: they are too short and generic to find in
 * running text) and its listings. Pack brands and subsidiaries are kept even when not listed themselves,
 * with the listings of the maker they lead to (e.g. Ezviz carries Hikvision's).
 */
import type { World } from '../graph/types.ts';
import { caption } from '../model/entity.ts';
import type { EntityListing, EntityRow } from './types.ts';

const NAME_PROPS = ['name', 'alias', 'previousName'];

export function scannerEntities(world: World, asOf?: string): EntityRow[] {
  const rows: EntityRow[] = [];
  for (const e of world.parties()) {
    const own = world.listings(e.id, asOf);
    const inherited = own.length ? [] : inheritedListings(world, e.id, asOf);
    if (!own.length && !inherited.length && !e.id.startsWith('pack-')) continue;
    const names = [...new Set(NAME_PROPS.flatMap((p) => e.properties[p] ?? []))];
    if (!names.length) continue;
    const listings: EntityListing[] = [...own, ...inherited].map((l) => ({ list: l.list, since: l.since, citation: l.citation }));
    rows.push({ id: e.id, caption: caption(e), names, listings });
  }
  return rows;
}

/** Listings reached one step up a brand/subsidiary/ownership link, labelled with the path. */
function inheritedListings(world: World, id: string, asOf?: string): { list: string; since?: string; citation?: string }[] {
  const out: { list: string; since?: string; citation?: string }[] = [];
  for (const r of world.relationsTo(id, asOf)) {
    if (r.kind === 'linked' || r.kind === 'directorship') continue;
    const parent = world.get(r.from);
    if (!parent) continue;
    for (const l of world.listings(parent.id, asOf))
      out.push({ list: `${l.list} (via ${r.kind} of ${caption(parent)})`, since: l.since, citation: l.citation });
  }
  return out;
}
