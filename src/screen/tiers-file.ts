/**
 * Supplier tiers for one run (`--tiers FILE`, header buyer,supplier,product,share,source; optional address and
 * country of the supplier): who buys what from whom below the tier-1 suppliers of the screened file. Bad rows are
 * refused with the file and line; a supplier cannot supply itself.
 */
import { badInput } from '../errors.ts';
import { headerKey } from '../io/columns.ts';
import { openTable } from './read-table.ts';
import { parseAmount } from './validate-row.ts';

export interface TierLink {
  buyer: string;
  supplier: string;
  product?: string;
  /** Share of the buyer's supply of that product, percent. */
  share?: number;
  source?: string;
  /** The supplier's address and country, when the file gives them (Xinjiang origin). */
  address?: string;
  country?: string;
  row: number;
}

const COLUMNS = ['buyer', 'supplier', 'product', 'share', 'source', 'address', 'country'] as const;

export async function readTiersFile(path: string): Promise<{ name: string; links: TierLink[] }> {
  const table = await openTable(path);
  const col = Object.fromEntries(COLUMNS.map((k) => [k, table.headers.find((h) => headerKey(h) === k)])) as Record<
    (typeof COLUMNS)[number],
    string | undefined
  >;
  if (!col.buyer || !col.supplier)
    throw badInput(`tiers file needs columns buyer,supplier[,product,share,source,address,country] (found: ${table.headers.join(', ')})`, { file: table.name });
  const links: TierLink[] = [];
  for await (const r of table.rows) {
    const where = { file: table.name, line: r.line ?? r.row };
    if (r.error) throw badInput(r.error, where);
    const v = (k: (typeof COLUMNS)[number]) => (col[k] ? (r.values[col[k]!] ?? '').trim() : '');
    if (!v('buyer') && !v('supplier')) continue;
    if (!v('buyer') || !v('supplier')) throw badInput('buyer and supplier are both required', where);
    if (v('buyer').toLowerCase() === v('supplier').toLowerCase()) throw badInput(`"${v('buyer')}" cannot be its own supplier`, where);
    const share = v('share') ? parseAmount(v('share').replace(/%$/, '')) : undefined;
    if (v('share') && (share === undefined || share < 0 || share > 100)) throw badInput(`share "${v('share')}" is not a percentage from 0 to 100`, where);
    links.push({
      buyer: v('buyer'),
      supplier: v('supplier'),
      product: v('product') || undefined,
      share,
      source: v('source') || undefined,
      address: v('address') || undefined,
      country: v('country') || undefined,
      row: r.row,
    });
  }
  if (!links.length) throw badInput('tiers file has no links', { file: table.name });
  return { name: table.name, links };
}
