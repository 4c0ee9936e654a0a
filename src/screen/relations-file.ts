/**
 * User-supplied ownership for one run (`--relations FILE.csv`, header owner,asset,percentage,start,end,source):
 * each row becomes an FtM Ownership; owners and assets are resolved to known parties by id or exact name,
 * and unknown ones become new LegalEntity parties. Bad rows are refused with the file and line.
 */
import { slug, type Entity } from '../model/entity.ts';
import type { World } from '../graph/types.ts';
import { badInput } from '../errors.ts';
import { headerKey } from '../io/columns.ts';
import { openTable } from './read-table.ts';
import { parseAmount } from './validate-row.ts';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export interface RelationRow {
  owner: string;
  asset: string;
  percentage?: number;
  start?: string;
  end?: string;
  source?: string;
  row: number;
}

export async function readRelationsFile(path: string): Promise<{ name: string; rows: RelationRow[] }> {
  const table = await openTable(path);
  const col = (k: string) => table.headers.find((h) => headerKey(h) === k);
  const owner = col('owner'),
    asset = col('asset');
  if (!owner || !asset)
    throw badInput(`relations file needs columns owner,asset[,percentage,start,end,source] (found: ${table.headers.join(', ')})`, { file: table.name });
  const [pct, start, end, source] = ['percentage', 'start', 'end', 'source'].map(col);
  const rows: RelationRow[] = [];
  for await (const r of table.rows) {
    const where = { file: table.name, line: r.line ?? r.row };
    const v = (h?: string) => (h ? (r.values[h] ?? '').trim() : '');
    if (r.error) throw badInput(r.error, where);
    if (!v(owner) && !v(asset)) continue;
    if (!v(owner) || !v(asset)) throw badInput('owner and asset are both required', where);
    const p = v(pct) ? parseAmount(v(pct)) : undefined;
    if (v(pct) && (p === undefined || p < 0 || p > 100)) throw badInput(`percentage "${v(pct)}" is not a number from 0 to 100`, where);
    for (const d of [v(start), v(end)]) if (d && !DATE.test(d)) throw badInput(`date "${d}" is not YYYY-MM-DD`, where);
    rows.push({
      owner: v(owner),
      asset: v(asset),
      percentage: p,
      start: v(start) || undefined,
      end: v(end) || undefined,
      source: v(source) || undefined,
      row: r.row,
    });
  }
  return { name: table.name, rows };
}

/** Ownership entities (and new parties for unknown names) to add to the world for this run. */
export function relationEntities(world: World, file: { name: string; rows: RelationRow[] }): Entity[] {
  const out: Entity[] = [];
  const created = new Map<string, string>();
  const resolve = (ref: string): string => {
    const direct = world.get(ref);
    if (direct) return direct.id;
    const named = world.findByName(ref);
    if (named.length) return [...named].sort((a, b) => world.listings(b.id).length - world.listings(a.id).length)[0].id;
    const key = slug(ref);
    let id = created.get(key);
    if (!id) {
      id = `user-${slug(file.name, 30)}-${key}`;
      created.set(key, id);
      out.push({ id, schema: 'LegalEntity', properties: { name: [ref] }, origin: { source: 'user-relations', file: file.name } });
    }
    return id;
  };
  for (const r of file.rows) {
    const props: Record<string, string[]> = { owner: [resolve(r.owner)], asset: [resolve(r.asset)] };
    if (r.percentage !== undefined) props.percentage = [String(r.percentage)];
    if (r.start) props.startDate = [r.start];
    if (r.end) props.endDate = [r.end];
    out.push({
      id: `user-own-${slug(file.name, 30)}-${r.row}`,
      schema: 'Ownership',
      properties: props,
      // The free-text source column is shown as the evidence of this link.
      origin: { source: 'user-relations', file: file.name, record: r.row, evidence: r.source ? [r.source] : [] },
    });
  }
  return out;
}
