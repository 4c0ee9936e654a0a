/**
 * The one loader of the country tables: `data/countries.yml` (every ISO 3166-1 country with the spellings
 * US lists use; list import derives `country` from addresses with it) and `data/names/countries.yml` (the
 * variants, in any script, that matching folds to a code). Both have the same shape, code → names, and are
 * read, checked (errors name the file and line) and cached here.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';

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

/** Parses a code → names table; `key` is the mapping that holds it, when it is not the document itself. */
export function parseCountryNames(text: string, file: string, key?: string): CountryNames {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineOf = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : undefined);
  const fail = (message: string, n?: Node | null): never => {
    throw new SightlineError('CONFIG', message, { file, line: lineOf(n) });
  };
  if (doc.errors.length) fail(`not valid YAML: ${doc.errors[0].message}`, undefined);
  const root = key ? (isMap(doc.contents) ? doc.contents.get(key, true) : undefined) : doc.contents;
  if (!isMap(root)) return fail(key ? `\`${key}\` must map country codes to lists of names` : 'must map country codes to lists of names', doc.contents);
  const out = new Map<string, string[]>();
  for (const pair of root.items) {
    const code = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!/^[a-z]{2}$/.test(code)) fail(`"${code}" is not a lower-case ISO 3166-1 alpha-2 code`, pair.key as Node);
    const names = pair.value;
    if (!isSeq(names) || names.items.some((n) => !isScalar(n) || typeof n.value !== 'string' || !n.value.trim())) {
      fail(`${code}: a list of names expected`, names as Node);
    }
    out.set(code, (names as { items: { value: string }[] }).items.map((n) => n.value));
  }
  return out;
}
