/** The shapes of the knowledge pack files (data/pack/), after validation. See data/pack/README.md. */
import type { EntityRef } from '../model/entity.ts';

/** One list membership of a pack party, with its legal citation and evidence. */
export interface PackListing {
  /** List code from data/lists.yml (EL, SDN, CMIC, FCC, NDAA889, UFLPA, 1260H, ...). */
  list: string;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the listing took effect. */
  since?: string;
  /** Federal Register (or other official) publication date, when it differs from the effective date or is worth keeping. */
  published?: string;
  end?: string;
  citation?: string;
  program?: string;
  url?: string;
  sources: string[];
  /**
   * The official entry carrying this listing when it is not the party's own: a category entry (the FCC's foreign
   * drones) or an entry naming the party as an alias of another (CETHIK Group under CETC's 52nd Institute).
   */
  entry?: string;
  /** Line of the listing in its pack file. */
  line: number;
}

/** An official entry whose name resembles a pack party but which is another party, and why. */
export interface PackKeptApart {
  list: string;
  name: string;
  because: string;
}

/** A party (Company, Organization, PublicBody, Person, LegalEntity) of an `entities/*.yml` file. */
export interface PackParty {
  id: string;
  schema: string;
  sources: string[];
  properties: Record<string, string[]>;
  sameAs: EntityRef[];
  listings: PackListing[];
  keptApart: PackKeptApart[];
  file: string;
  line: number;
}

export type PackRelationKind = 'ownership' | 'subsidiary' | 'affiliate' | 'joint-venture' | 'brand' | 'oem' | 'linked';

/** A dated link of relations.yml, normalised to from (owner/parent/maker/a) and to (asset/child/brand/b). */
export interface PackRelation {
  kind: PackRelationKind;
  from: string;
  to: string;
  percentage?: number;
  confidence?: number;
  start?: string;
  end?: string;
  /** When a figure (a percentage) was reported, for facts whose start and end are unknown. */
  reported?: string;
  note?: string;
  sources: string[];
  file: string;
  line: number;
  index: number;
}

/** Which YAML keys name the two ends of each relation kind. */
export const RELATION_ENDS: Record<PackRelationKind, [string, string]> = {
  ownership: ['owner', 'asset'],
  subsidiary: ['parent', 'child'],
  affiliate: ['parent', 'child'],
  'joint-venture': ['parent', 'child'],
  brand: ['maker', 'brand'],
  oem: ['maker', 'brand'],
  linked: ['a', 'b'],
};
