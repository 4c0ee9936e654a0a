/** The list registry (data/lists.yml): codes, official names, authorities, and aliases used by sources. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../paths.ts';

export interface ListInfo {
  code: string;
  name: string;
  authority: string;
  csl?: string;
  url?: string;
  opensanctions?: string[];
}

let cache: ListInfo[] | undefined;

export function allLists(): ListInfo[] {
  cache ??= parse(readFileSync(dataPath('lists.yml'), 'utf8')) as ListInfo[];
  return cache;
}

export function listByCode(code: string): ListInfo | undefined {
  return allLists().find((l) => l.code === code);
}

/** Maps a CSL `source` column value ("Entity List (EL) - Bureau of …") to its list; unknown ones get a code from the parentheses. */
export function listFromCslSource(source: string): ListInfo {
  const known = allLists().find((l) => l.csl === source);
  if (known) return known;
  const code = /\(([^)]+)\)/.exec(source)?.[1]?.replace(/ List$/, '').replace(/^NS-/, '') ?? source;
  const [name, authority] = source.split(' - ');
  return { code, name: name ?? source, authority: authority ?? '' };
}
