/**
 * Turns validated pack entries into FtM entities (pure): parties keep their schema and properties; each
 * listing becomes a Sanction, each ownership an Ownership and every other link an UnknownLink, so the pack
 * and imported lists meet in one shape in the store.
 */
import type { Entity, Properties } from '../model/entity.ts';
import type { ListInfo } from '../model/lists.ts';
import { validateEntity } from '../model/ftm.ts';
import type { PackListing, PackParty, PackRelation } from './pack-types.ts';

export const PACK_PREFIX = 'pack-';

export function packId(id: string): string {
  return PACK_PREFIX + id;
}

function put(props: Properties, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') props[name] = [value];
}

export function partyEntity(party: PackParty): Entity {
  const entity: Entity = {
    id: packId(party.id),
    schema: party.schema,
    properties: structuredClone(party.properties),
    origin: { source: 'pack', file: party.file, record: party.id, evidence: [...party.sources] },
  };
  if (party.sameAs.length) entity.sameAs = party.sameAs.map((r) => ({ ...r }));
  return validateEntity(entity, { file: party.file, record: party.id });
}

export function sanctionEntity(party: PackParty, listing: PackListing, list: ListInfo): Entity {
  const props: Properties = { entity: [packId(party.id)], programId: [listing.list] };
  put(props, 'program', listing.program ?? list.name);
  put(props, 'authority', list.authority);
  put(props, 'listingDate', listing.since);
  put(props, 'startDate', listing.since);
  put(props, 'endDate', listing.end);
  // FtM has no publication-date property: `date` carries it, `startDate`/`listingDate` the effective date.
  put(props, 'date', listing.published);
  put(props, 'summary', listing.citation);
  put(props, 'sourceUrl', listing.url ?? list.url);
  const entity: Entity = {
    id: `${packId(party.id)}-${listing.list.toLowerCase()}`,
    schema: 'Sanction',
    properties: props,
    origin: { source: 'pack', file: party.file, record: `${party.id} ${listing.list}`, evidence: [...listing.sources] },
  };
  return validateEntity(entity, { file: party.file, record: party.id });
}

export function relationId(rel: Pick<PackRelation, 'kind' | 'from' | 'to'>): string {
  return `${PACK_PREFIX}rel-${rel.kind}-${rel.from}-${rel.to}`;
}

export function relationEntity(rel: PackRelation): Entity {
  const props: Properties = {};
  let schema: string;
  if (rel.kind === 'ownership') {
    schema = 'Ownership';
    props.owner = [packId(rel.from)];
    props.asset = [packId(rel.to)];
    if (rel.percentage !== undefined) props.percentage = [String(rel.percentage)];
  } else {
    schema = 'UnknownLink';
    props.subject = [packId(rel.from)];
    props.object = [packId(rel.to)];
    props.role = [rel.kind];
  }
  put(props, 'startDate', rel.start);
  put(props, 'endDate', rel.end);
  // The date a figure was reported (FtM `date`), apart from the unknown start and end of the link.
  put(props, 'date', rel.reported);
  put(props, 'summary', rel.note);
  const entity: Entity = {
    id: relationId(rel),
    schema,
    properties: props,
    origin: { source: 'pack', file: rel.file, record: rel.index + 1, evidence: [...rel.sources] },
  };
  if (rel.confidence !== undefined) entity.confidence = rel.confidence;
  return validateEntity(entity, { file: rel.file, record: rel.index + 1 });
}
