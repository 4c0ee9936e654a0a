/**
 * Which column holds which field: detected from the header names (data/screen/columns.yml, English and
 * Chinese), overridable with `--map name="Vendor Name",country=Country`.
 */
import Type from 'typebox';
import { dataPath } from '../paths.ts';
import { detectColumns as detectIndices, headerKey, parseFieldMap } from '../io/columns.ts';
import { loadDataFile } from '../io/data-file.ts';
import { FIELDS, type Field, type InputRow, type RowFields } from './types.ts';

export type ColumnMap = Partial<Record<Field, string>>;

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

/** Screened-file fields → their header synonyms, from data/screen/columns.yml. */
function fieldSynonyms(): Record<Field, string[]> {
  const out = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  for (const [key, field] of columnSynonyms()) if (field in out) out[field as Field].push(key);
  return out;
}

/** Parses `name="Vendor Name",country=Country`. Unknown fields are a USAGE error. */
export function parseColumnMap(spec: string | undefined): ColumnMap {
  return parseFieldMap(spec, FIELDS, (f) => f.replace(/^marketvalue$/, 'market_value')) as ColumnMap;
}

/** Field → header. Overrides must name existing headers; detection takes the first header per field. */
export function detectColumns(headers: string[], overrides: ColumnMap = {}, file?: string): ColumnMap {
  const found = detectIndices(headers, fieldSynonyms(), overrides, { file });
  const map: ColumnMap = {};
  for (const [field, i] of Object.entries(found) as [Field, number][]) map[field] = headers[i];
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
