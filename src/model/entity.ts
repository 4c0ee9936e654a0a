/**
 * The entity every part of Sightline speaks: a FollowTheMoney entity (schema + multi-valued properties)
 * plus where it came from. Sanctions, ownerships and brand links are entities too (Sanction, Ownership,
 * UnknownLink), exactly as in FtM, so OpenSanctions exports and our own importers meet in one shape.
 */
export type Properties = Record<string, string[]>;

/** Where a statement came from: the imported source and record, or a pack file and its evidence. */
export interface Origin {
  /** Source name, e.g. `csl`, `ofac-legacy`, `pack`, `opensanctions:us_fcc_covered`. */
  source: string;
  /** File name (not a machine path) and record/line number inside it. */
  file?: string;
  record?: number | string;
  /** The entry's identifier in its list (CSL `_id`, OFAC entity number), shared by its party, Sanction and links: pairs entries across versions. */
  listId?: string;
  /** Ids of evidence documents in the knowledge pack (`data/pack/sources.yml`). */
  evidence?: string[];
}

export interface Entity {
  id: string;
  schema: string;
  properties: Properties;
  origin?: Origin;
  /** Confidence 0..1 for curated links (brand/OEM attribution); absent means certain. */
  confidence?: number;
  /** Pack entities: the list entries this entity is (merged into one at read time). */
  sameAs?: EntityRef[];
}

export function prop(entity: Entity, name: string): string[] {
  return entity.properties[name] ?? [];
}

export function first(entity: Entity, name: string): string | undefined {
  return entity.properties[name]?.[0];
}

/** Adds values, trimmed, de-duplicated, empties dropped. */
export function addValues(props: Properties, name: string, ...values: (string | undefined | null)[]): void {
  for (const raw of values) {
    if (raw === undefined || raw === null) continue;
    const v = String(raw).trim();
    if (!v) continue;
    const list = (props[name] ??= []);
    if (!list.includes(v)) list.push(v);
  }
}

/** Display name: the first `name`, else any other naming property. */
export function caption(entity: Entity): string {
  for (const p of ['name', 'alias', 'title', 'role', 'program', 'summary']) {
    const v = entity.properties[p]?.[0];
    if (v) return v;
  }
  return entity.id;
}

/** Lower-case ASCII slug used for stable ids built from names. */
export function slug(text: string, max = 60): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/g, '') || 'x';
}

/**
 * A pointer from a curated (pack) entity to the list entries it is, so that once a list is imported
 * both show as one entity: by strong identifier, by entity id, or by exact name on a given list.
 */
export interface EntityRef {
  id?: string;
  /** e.g. `isinCode:CNE100000PM8`, `uscCode:91330000733796106P`, `leiCode:…` */
  identifier?: string;
  list?: string;
  name?: string;
}
