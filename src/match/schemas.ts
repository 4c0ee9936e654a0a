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
  // asked for every candidate of every query: remember the answer (schema names are a small fixed set;
  // two levels, so no key string is built per call)
  const known = compatibleCache.get(query)?.get(candidate);
  if (known !== undefined) return known;
  if (!hasSchema(query) || !hasSchema(candidate)) return false;
  const hit = isA(candidate, query) || isA(query, candidate);
  let row = compatibleCache.get(query);
  if (!row) compatibleCache.set(query, (row = new Map()));
  row.set(candidate, hit);
  return hit;
}

const compatibleCache = new Map<string, Map<string, boolean>>();

export function nameKind(schema: string): NameKind {
  return hasSchema(schema) && isA(schema, 'Person') ? 'person' : 'org';
}
