/**
 * yente's candidate filters: the path's dataset, `include_dataset`, `exclude_dataset`, `topics`, `exclude_schema` and
 * `exclude_entity_ids`, turned into one predicate the matcher applies inside retrieval (match/types.ts `accept`),
 * so a filter never hides a result behind the limit.
 */
import { HttpError } from './http-errors.ts';
import type { WorldSnapshot } from './world-state.ts';

export interface CandidateFilters {
  /** The dataset's entities (undefined: all). */
  ids?: Set<string>;
  includeDatasets?: string[];
  excludeDatasets?: string[];
  topics?: string[];
  excludeSchema?: string[];
  excludeIds?: string[];
}

/** A query-string value given once or repeated, as a list. */
export function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
}

function dataset(snap: WorldSnapshot, name: string, param: string): Set<string> {
  const ids = snap.datasets.get(name) ?? snap.datasets.get(name.toUpperCase());
  if (!ids) throw new HttpError(400, `${param}: unknown dataset "${name}"; see /catalog`);
  return ids;
}

/** The predicate on (id, schema), or undefined when nothing is filtered. Unknown datasets are a 400 naming /catalog. */
export function candidateFilter(snap: WorldSnapshot, f: CandidateFilters): ((id: string, schema: string) => boolean) | undefined {
  const include = f.includeDatasets?.length ? f.includeDatasets.map((d) => dataset(snap, d, 'include_dataset')) : undefined;
  const exclude = f.excludeDatasets?.length ? f.excludeDatasets.map((d) => dataset(snap, d, 'exclude_dataset')) : undefined;
  // a topic no list carries matches nothing, as in yente
  const topics = f.topics?.length ? f.topics.map((t) => snap.topics.get(t) ?? new Set<string>()) : undefined;
  const { ids, excludeSchema, excludeIds } = f;
  if (!ids && !include && !exclude && !topics && !excludeSchema?.length && !excludeIds?.length) return undefined;
  return (id, schema) =>
    (!ids || ids.has(id)) &&
    (!include || include.some((s) => s.has(id))) &&
    !exclude?.some((s) => s.has(id)) &&
    (!topics || topics.some((s) => s.has(id))) &&
    !excludeSchema?.includes(schema) &&
    !excludeIds?.includes(id);
}
