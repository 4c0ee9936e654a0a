/**
 * The one loader of the country tables: `data/countries.yml` (every ISO 3166-1 country with the spellings
 * US lists use; list import derives `country` from addresses with it) and `data/names/countries.yml` (the
 * variants, in any script, that matching folds to a code). Both have the same shape, code → names, and are
 * read, checked (errors name the file and line) and cached here.
 */
import { readFileSync } from 'node:fs';
import Type from 'typebox';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import { parseDataText } from '../io/data-file.ts';

/** ISO alpha-2 code (lower case) → the names written for it. */
export type CountryNames = ReadonlyMap<string, readonly string[]>;

const cache = new Map<string, CountryNames>();

/** Country names for list import (data/countries.yml, codes at the top level). */
export function listCountryNames(): CountryNames {
  return countryFile(['countries.yml'], undefined);
}

/** Country name variants for matching (data/names/countries.yml, codes under `countries:`). */
export function matchCountryNames(): CountryNames {
  return countryFile(['names', 'countries.yml'], 'countries');
}

function countryFile(parts: string[], key: string | undefined): CountryNames {
  const file = `data/${parts.join('/')}`;
  let table = cache.get(file);
  if (!table) {
    let text: string;
    try {
      text = readFileSync(dataPath(...parts), 'utf8');
    } catch (e) {
      throw new SightlineError('CONFIG', `cannot read the country table: ${(e as Error).message}`, { file });
    }
    table = parseCountryNames(text, file, key);
    cache.set(file, table);
  }
  return table;
}

const Names = Type.Record(Type.String(), Type.Array(Type.String({ minLength: 1 }), { description: 'a list of names' }));
const WithKey = (key: string) => Type.Object({ [key]: Names });

/** Parses a code → names table; `key` is the mapping that holds it, when it is not the document itself. */
export function parseCountryNames(text: string, file: string, key?: string): CountryNames {
  const doc = key ? parseDataText(text, file, WithKey(key)) : parseDataText(text, file, Names);
  const table: Record<string, string[]> = key ? (doc.value as Record<string, Record<string, string[]>>)[key] : (doc.value as Record<string, string[]>);
  const out = new Map<string, string[]>();
  for (const [code, names] of Object.entries(table)) {
    if (!/^[a-z]{2}$/.test(code)) throw doc.fail(key ? [key, code] : [code], `"${code}" is not a lower-case ISO 3166-1 alpha-2 code`);
    out.set(code, names);
  }
  return out;
}
