/** Which schemas are matchable parties and which query schema may match which candidate. */
import { hasSchema, isA } from '../model/ftm.ts';
import type { NameKind } from '../names/index.ts';

const PARTY_ROOTS = ['LegalEntity', 'Vessel', 'Airplane'];

export function isParty(schema: string): boolean {
  return hasSchema(schema) && PARTY_ROOTS.some((r) => isA(schema, r));
}

/** Query and candidate are compatible if one schema is a kind of the other (Company ~ Organization, LegalEntity ~ Person). */
export function compatible(query: string, candidate: string): boolean {
  if (query === candidate) return true;
  if (!hasSchema(query) || !hasSchema(candidate)) return false;
  // asked for every candidate of every query: remember the answer (schema names are a small fixed set)
  const key = `${query} ${candidate}`;
  let hit = compatibleCache.get(key);
  if (hit === undefined) compatibleCache.set(key, (hit = isA(candidate, query) || isA(query, candidate)));
  return hit;
}

const compatibleCache = new Map<string, boolean>();

export function nameKind(schema: string): NameKind {
  return hasSchema(schema) && isA(schema, 'Person') ? 'person' : 'org';
}
