/**
 * Data extension of the Reconciliation API v0.2 (https://reconciliation-api.github.io/specs/0.2/): the columns an
 * analyst can add to a reconciled spreadsheet, property proposals, type and property suggest. Pure functions over a
 * world snapshot; every value is built from the entity view (graph/entity-view.ts), the same facts `sightline entity` shows.
 */
import { entityView, type EntityView, type PathView } from '../graph/entity-view.ts';
import { hasSchema, isA } from '../model/ftm.ts';
import { isParty } from '../match/index.ts';
import { HttpError } from './http-errors.ts';
import type { WorldSnapshot } from './world-state.ts';

interface PropertyDoc {
  name: string;
  description: string;
  /** The values of one entity for this property. */
  values(v: EntityView, s: Settings, base: string): string[];
}

export interface Settings {
  /** Owners: the smallest percentage held to show; path: the lowest confidence of its links (0–1, over 1 read as percent). */
  threshold: number;
  /** Listings, relations and paths as the world stood on this date (default: today for paths, every date otherwise). */
  as_of?: string;
  /** At most this many values per cell. */
  limit: number;
}

const DEFAULT_SETTINGS: Settings = { threshold: 0, limit: 20 };

const identifier = (type: string) => (v: EntityView) => v.identifiers.filter((i) => i.type === type).map((i) => i.value);
const percent = (p: number | undefined) => (p === undefined ? ' (stake not stated)' : ` (${p}%)`);

/** The text of the nearest path: "Ezviz → subsidiary of Hikvision → NDAA889 since 2019-08-13"; the party itself when listed. */
export function nearestPath(v: EntityView, minConfidence: number): string[] {
  if (v.listings.length) return [`${v.caption} (listed: ${[...new Set(v.listings.map((l) => l.listCode))].join(', ')})`];
  const paths = v.paths.filter((p) => p.confidence >= minConfidence).sort((a, b) => a.steps.length - b.steps.length);
  return paths.length ? [pathText(paths[0])] : [];
}

function pathText(p: PathView): string {
  const steps = p.steps.map((s) => (s.relation ? `${s.caption} → ${s.relation}` : s.caption)).join(' ');
  const listing = p.listings.find((l) => p.lists.includes(l.listCode)) ?? p.listings[0];
  return `${steps} → ${listing ? `${listing.listCode}${listing.since ? ` since ${listing.since}` : ''}` : p.lists.join(', ')} [${p.rule}]`;
}

/** The properties an extension may ask for, in the order they are proposed. */
export const EXTEND_PROPERTIES: Record<string, PropertyDoc> = {
  lists: { name: 'Lists', description: 'Each list the party is on (one value per listing)', values: (v) => v.listings.map((l) => l.list) },
  program: { name: 'List program', description: 'The program of each listing, in the order of Lists', values: (v) => v.listings.map((l) => l.program ?? '') },
  since: { name: 'Listed since', description: 'The listing date of each listing, in the order of Lists', values: (v) => v.listings.map((l) => l.since ?? '') },
  citation: {
    name: 'Citation',
    description: 'The legal citation of each listing, in the order of Lists',
    values: (v) => v.listings.map((l) => l.citation ?? ''),
  },
  isin: { name: 'ISIN', description: 'ISIN codes', values: identifier('isinCode') },
  lei: { name: 'LEI', description: 'Legal Entity Identifiers', values: identifier('leiCode') },
  uscc: { name: 'USCC', description: 'Unified Social Credit Codes (China)', values: identifier('uscCode') },
  ticker: { name: 'Ticker', description: 'Stock tickers', values: identifier('ticker') },
  country: { name: 'Country', description: 'Country codes', values: (v) => v.countries },
  owners: {
    name: 'Owners',
    description: 'Owners with the percentage they hold (setting threshold: the smallest stated percentage shown; owners of unstated stake always show)',
    values: (v, s) => v.owners.filter((o) => o.percentage === undefined || o.percentage >= s.threshold).map((o) => `${o.caption}${percent(o.percentage)}`),
  },
  parents: {
    name: 'Parents',
    description: 'Parent companies (subsidiary, affiliate, joint venture of)',
    values: (v) => v.parents.map((p) => `${p.caption} (${p.kind})`),
  },
  brands: { name: 'Brands', description: 'Brands and OEM labels of the party', values: (v) => v.brands.map((b) => b.caption) },
  path: {
    name: 'Path to listed party',
    description: 'The shortest path to a listed party under the rule sets (setting threshold: the lowest link confidence, 0–1)',
    values: (v, s) => nearestPath(v, s.threshold > 1 ? s.threshold / 100 : s.threshold),
  },
  url: { name: 'Sightline URL', description: 'The entity in the Sightline web UI', values: (v, _s, base) => [`${base}/#/entity/${encodeURIComponent(v.id)}`] },
};

/** `extend.property_settings` of the manifest. */
export const PROPERTY_SETTINGS = [
  {
    name: 'threshold',
    label: 'Threshold',
    type: 'number',
    default: 0,
    help_text: 'Owners: only those holding at least this percentage. Path: only paths whose every link has at least this confidence (0–1).',
  },
  { name: 'as_of', label: 'As of (YYYY-MM-DD)', type: 'text', default: '', help_text: 'Listings, relations and paths as the world stood on this date.' },
  { name: 'limit', label: 'Limit', type: 'number', default: DEFAULT_SETTINGS.limit, help_text: 'At most this many values per cell.' },
];

export function proposeProperties(type: string | undefined, limit: number | undefined) {
  const t = type && hasSchema(type) ? type : 'LegalEntity';
  // identifiers and listings apply to every party; owners, parents and brands only to organisations
  const orgOnly = new Set(['owners', 'parents', 'brands', 'isin', 'lei', 'uscc', 'ticker']);
  const person = isA(t, 'Person');
  const properties = Object.entries(EXTEND_PROPERTIES)
    .filter(([id]) => !(person && orgOnly.has(id)))
    .map(([id, p]) => ({ id, name: p.name, description: p.description }));
  const n = limit && limit > 0 ? limit : properties.length;
  return { type: t, limit: n, properties: properties.slice(0, n) };
}

/** Property suggest: properties whose id or name starts with the prefix (or has a word that does). */
export function suggestProperties(prefix: string) {
  const p = prefix.trim().toLowerCase();
  return {
    result: Object.entries(EXTEND_PROPERTIES)
      .filter(
        ([id, d]) =>
          !p ||
          id.startsWith(p) ||
          d.name
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(p)),
      )
      .map(([id, d]) => ({ id, name: d.name, description: d.description })),
  };
}

/** Type suggest: FtM party schemata whose name starts with the prefix. */
export function suggestTypes(prefix: string, schemata: string[]) {
  const p = prefix.trim().toLowerCase();
  return {
    result: schemata.filter((s) => isParty(s) && s.toLowerCase().startsWith(p)).map((s) => ({ id: s, name: s, description: `FollowTheMoney ${s}` })),
  };
}

function settingsOf(raw: unknown, pid: string): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const threshold = s.threshold === undefined || s.threshold === '' ? 0 : Number(s.threshold);
  if (!Number.isFinite(threshold) || threshold < 0) throw new HttpError(400, `property "${pid}": setting threshold must be a number ≥ 0`);
  const limit = s.limit === undefined || s.limit === '' ? DEFAULT_SETTINGS.limit : Number(s.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, `property "${pid}": setting limit must be a positive whole number`);
  const asOf = typeof s.as_of === 'string' && s.as_of ? s.as_of : undefined;
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new HttpError(400, `property "${pid}": setting as_of must be a date YYYY-MM-DD`);
  return { threshold, limit, as_of: asOf };
}

interface ExtendRequest {
  ids?: unknown;
  properties?: unknown;
}

/** The extension answer: `meta` (the properties asked, in order) and `rows` (id → property → values). */
export function extendRows(snap: WorldSnapshot, request: ExtendRequest, base: string) {
  if (!Array.isArray(request.ids) || !Array.isArray(request.properties)) throw new HttpError(400, '`extend` needs `ids` and `properties` lists');
  if (request.ids.length > 1000) throw new HttpError(400, 'at most 1000 ids per extension request');
  const asked = request.properties.map((p) => {
    const id = p && typeof p === 'object' ? String((p as { id?: unknown }).id) : '';
    if (!Object.hasOwn(EXTEND_PROPERTIES, id)) throw new HttpError(400, `unknown property "${id}"; known: ${Object.keys(EXTEND_PROPERTIES).join(', ')}`);
    return { id, settings: settingsOf((p as { settings?: unknown }).settings, id) };
  });
  const meta = asked.map(({ id }) => ({ id, name: EXTEND_PROPERTIES[id].name }));
  const rows: Record<string, Record<string, { str: string }[]>> = {};
  const views = new Map<string, EntityView | undefined>();
  for (const rawId of request.ids) {
    const id = String(rawId);
    const row: Record<string, { str: string }[]> = {};
    for (const { id: pid, settings } of asked) {
      const key = `${id}\u0000${settings.as_of ?? ''}`;
      if (!views.has(key)) {
        const e = snap.world.get(id);
        views.set(key, e && entityView(snap.world, e.id, settings.as_of));
      }
      const view = views.get(key);
      const values = view ? EXTEND_PROPERTIES[pid].values(view, settings, base) : [];
      row[pid] = values.slice(0, settings.limit).map((str) => ({ str }));
    }
    rows[id] = row;
  }
  return { meta, rows };
}
