/**
 * The read model every screening capability uses: merged parties, their listings and their links.
 * Built in memory from the store (sources -> store -> world/index -> screening -> report).
 */
import type { Entity, Origin } from '../model/entity.ts';

/** One list membership, flattened from an FtM Sanction entity. */
export interface Listing {
  sanctionId: string;
  entityId: string;
  /** List code from data/lists.yml (EL, SDN, CMIC, FCC, NDAA889, ...). */
  listCode: string;
  /** Human name of the list, e.g. "BIS Entity List". */
  list: string;
  authority?: string;
  program?: string;
  /** ISO date the listing took effect. */
  since?: string;
  end?: string;
  /** Federal Register or legal citation, e.g. "84 FR 54002". */
  citation?: string;
  sourceUrl?: string;
  origin?: Origin;
  /** When several sources state the same listing (pack + imported list), all their origins. */
  origins?: Origin[];
}

export const RELATION_KINDS = ['ownership', 'subsidiary', 'affiliate', 'joint-venture', 'brand', 'oem', 'linked', 'directorship'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** A dated edge between two parties. `from` owns/controls/makes, `to` is owned/controlled/the brand. */
export interface Relation {
  id: string;
  kind: RelationKind;
  from: string;
  to: string;
  percentage?: number;
  start?: string;
  end?: string;
  confidence?: number;
  note?: string;
  origin?: Origin;
}

/** A document or dataset a pack fact cites (data/pack/sources.yml). */
export interface EvidenceSource {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
  /** Official citation (Federal Register page, document number) when there is no URL or besides it. */
  citation?: string;
  /** The date a curator read the source. */
  read?: string;
}

export interface World {
  /** Canonical (merged) entity by any of its member ids. */
  get(id: string): Entity | undefined;
  /** Canonical id for any member id. */
  canonicalId(id: string): string | undefined;
  /** All merged parties (LegalEntity and descendants, incl. Person, Company, Organization, Vessel...). */
  parties(): Entity[];
  /** Listings of a party; with asOf, only those in force on that date (since <= asOf < end). */
  listings(id: string, asOf?: string): Listing[];
  /** Edges where the party is `from` (owns, makes, has brand) / `to` (owned by, brand of). */
  relationsFrom(id: string, asOf?: string): Relation[];
  relationsTo(id: string, asOf?: string): Relation[];
  /** Parties whose name or alias equals the given name after simple normalisation (case, punctuation). */
  findByName(name: string): Entity[];
  evidence(id: string): EvidenceSource | undefined;
}

/** Is a dated fact in force on `asOf`? Undated facts always are. */
export function inForce(fact: { start?: string; end?: string; since?: string }, asOf?: string): boolean {
  if (!asOf) return true;
  const start = fact.start ?? fact.since;
  if (start && start > asOf) return false;
  if (fact.end && fact.end <= asOf) return false;
  return true;
}
