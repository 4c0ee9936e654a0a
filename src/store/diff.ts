/**
 * Pairs the rows of two versions of a source. An entry is paired by its list identifier (CSL `_id`, OFAC
 * entity number), not by its id: ids of unnumbered entries come from their names (`el-acme`, `el-acme-2`),
 * so deleting the first of two same-named entries would otherwise shift the second onto the first's id.
 * Rows without a list identifier (older versions, FtM files) pair by id, as do the rows left over.
 */
import type { Entity } from '../model/entity.ts';

export interface DiffRow {
  id: string;
  hash: string;
  listId?: string;
}

export interface RowPairing {
  pairs: [DiffRow, DiffRow][];
  removed: DiffRow[];
  added: DiffRow[];
}

export function pairRows(older: DiffRow[], newer: DiffRow[]): RowPairing {
  const pairs: [DiffRow, DiffRow][] = [];
  const newerByKey = new Map(entryKeys(newer).map((k, i) => [k, newer[i]!]));
  const paired = new Set<DiffRow>();
  const unpairedOlder: DiffRow[] = [];
  entryKeys(older).forEach((key, i) => {
    const match = newerByKey.get(key);
    if (match && !paired.has(match)) {
      pairs.push([older[i]!, match]);
      paired.add(match);
    } else unpairedOlder.push(older[i]!);
  });
  const leftById = new Map(newer.filter((r) => !paired.has(r)).map((r) => [r.id, r]));
  const removed: DiffRow[] = [];
  for (const row of unpairedOlder) {
    const match = leftById.get(row.id);
    if (match) {
      pairs.push([row, match]);
      leftById.delete(row.id);
    } else removed.push(row);
  }
  return { pairs, removed, added: [...leftById.values()] };
}

/**
 * `list:<listId><suffix>`, where the suffix is the row's id after its party's id (the shortest id sharing
 * the list identifier: Sanction ids are `<party>-<code>`, link ids `<party>-<role>-<target>`); else `id:<id>`.
 */
function entryKeys(rows: DiffRow[]): string[] {
  const partyIds = new Map<string, string>();
  for (const r of rows) {
    if (!r.listId) continue;
    const party = partyIds.get(r.listId);
    if (party === undefined || r.id.length < party.length) partyIds.set(r.listId, r.id);
  }
  return rows.map((r) => {
    const party = r.listId ? partyIds.get(r.listId)! : undefined;
    return party !== undefined && r.id.startsWith(party) ? `list:${r.listId}${r.id.slice(party.length)}` : `id:${r.id}`;
  });
}

/** Property names whose values differ, reading the older entity's references to renamed ids as their new ids. */
export function changedProperties(a: Entity, b: Entity, renamed: Map<string, string>): string[] {
  const keys = new Set([...Object.keys(a.properties), ...Object.keys(b.properties)]);
  const out: string[] = [];
  for (const k of keys) {
    const x = JSON.stringify((a.properties[k] ?? []).map((v) => renamed.get(v) ?? v).sort());
    const y = JSON.stringify([...(b.properties[k] ?? [])].sort());
    if (x !== y) out.push(k);
  }
  if (a.schema !== b.schema) out.push('schema');
  return out.sort();
}
