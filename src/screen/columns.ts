/**
 * Which column holds which field: detected from the header names (data/screen/columns.yml, English and
 * Chinese), overridable with `--map name="Vendor Name",country=Country`.
 */
import Type from 'typebox';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import { loadDataFile } from '../io/data-file.ts';
import { FIELDS, type Field, type InputRow, type RowFields } from './types.ts';

export type ColumnMap = Partial<Record<Field, string>>;

/** Header key: lower case, letters, digits and CJK only. */
export function headerKey(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, '');
}

/** data/screen/columns.yml: field → the header names that mean it (numbers allowed: a header may be "2024"). */
export const ColumnsFile = Type.Record(Type.String(), Type.Array(Type.Union([Type.String(), Type.Number()])));

let synonyms: Map<string, string> | undefined;
/** Header key → field (including the index-file fields `fund` and `constituent`). */
export function columnSynonyms(): Map<string, string> {
  synonyms ??= readColumnSynonyms(dataPath('screen', 'columns.yml'));
  return synonyms;
}

export function readColumnSynonyms(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [field, names] of Object.entries(loadDataFile(path, ColumnsFile))) {
    for (const n of names) if (!out.has(headerKey(String(n)))) out.set(headerKey(String(n)), field);
  }
  return out;
}

/** Parses `name="Vendor Name",country=Country`. Unknown fields are a USAGE error. */
export function parseColumnMap(spec: string | undefined): ColumnMap {
  return parseFieldMap(spec, FIELDS, (f) => f.replace(/^marketvalue$/, 'market_value')) as ColumnMap;
}

/** `field="Column Name",other=Col` → {field: 'Column Name', other: 'Col'}; fields checked against `allowed`. */
export function parseFieldMap(spec: string | undefined, allowed: readonly string[], alias: (field: string) => string = (f) => f): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  const re = /\s*([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^,]*))\s*(?:,|$)/y;
  let pos = 0;
  while (pos < spec.length) {
    re.lastIndex = pos;
    const m = re.exec(spec);
    if (!m || m[0] === '') throw new SightlineError('USAGE', `cannot read --map at "${spec.slice(pos)}" (expected field=Column,…)`);
    const field = alias(m[1].toLowerCase());
    if (!allowed.includes(field)) throw new SightlineError('USAGE', `--map: unknown field ${m[1]} (fields: ${allowed.join(', ')})`);
    out[field] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    pos = re.lastIndex;
  }
  return out;
}

/** Field → header. Overrides must name existing headers; detection takes the first header per field. */
export function detectColumns(headers: string[], overrides: ColumnMap = {}, file?: string): ColumnMap {
  const map: ColumnMap = {};
  const syn = columnSynonyms();
  for (const h of headers) {
    const field = syn.get(headerKey(h));
    if (field && (FIELDS as readonly string[]).includes(field) && !map[field as Field]) map[field as Field] = h;
  }
  for (const [field, header] of Object.entries(overrides) as [Field, string][]) {
    const found = headers.find((h) => h === header) ?? headers.find((h) => headerKey(h) === headerKey(header));
    if (!found) throw new SightlineError('USAGE', `--map ${field}="${header}": no such column (columns: ${headers.join(', ')})`, { file });
    for (const f of Object.keys(map) as Field[]) if (map[f] === found) delete map[f];
    map[field] = found;
  }
  return map;
}

export function rowFields(row: InputRow, map: ColumnMap): RowFields {
  const out: RowFields = {};
  for (const [field, header] of Object.entries(map) as [Field, string][]) {
    const v = (row.values[header] ?? '').trim();
    if (v) out[field] = v;
  }
  return out;
}

/** Holdings when the file has an ISIN, weight or market value column (and `--kind` was not given). */
export function looksLikeHoldings(map: ColumnMap): boolean {
  return Boolean(map.isin || map.weight || map.market_value);
}
