/** The list registry (data/lists.yml): codes, official names, authorities, and aliases used by sources. */
import Type from 'typebox';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';

export interface ListInfo {
  code: string;
  name: string;
  authority: string;
  csl?: string;
  url?: string;
  opensanctions?: string[];
  /** FtM topics a listing gives a party (sanction, export.control, debarment). */
  topics?: string[];
}

/** data/lists.yml: one closed mapping per list. */
export const ListsFile = Type.Array(
  Type.Object(
    {
      code: Type.String({ minLength: 1 }),
      name: Type.String(),
      authority: Type.String(),
      csl: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
      opensanctions: Type.Optional(Type.Array(Type.String())),
      topics: Type.Optional(Type.Array(Type.Union([Type.Literal('sanction'), Type.Literal('export.control'), Type.Literal('debarment')]))),
    },
    { additionalProperties: false },
  ),
);

let cache: ListInfo[] | undefined;

export function allLists(): ListInfo[] {
  cache ??= readLists(dataPath('lists.yml'));
  return cache;
}

/** The list registry of a file; a code defined twice is refused where it repeats. */
export function readLists(path: string): ListInfo[] {
  const doc = readDataFile(path, ListsFile);
  const seen = new Set<string>();
  doc.value.forEach((l, i) => {
    if (seen.has(l.code)) throw doc.fail([i, 'code'], `list code "${l.code}" is defined twice`);
    seen.add(l.code);
  });
  return doc.value;
}

export function listByCode(code: string): ListInfo | undefined {
  return allLists().find((l) => l.code === code);
}

/** The FtM topics of a list (data/lists.yml); a list the registry does not know counts as a sanction. */
export function listTopics(code: string): string[] {
  return listByCode(code)?.topics ?? ['sanction'];
}

/** Maps a CSL `source` column value ("Entity List (EL) - Bureau of …") to its list; unknown ones get a code from the parentheses. */
export function listFromCslSource(source: string): ListInfo {
  const known = allLists().find((l) => l.csl === source);
  if (known) return known;
  const code =
    /\(([^)]+)\)/
      .exec(source)?.[1]
      ?.replace(/ List$/, '')
      .replace(/^NS-/, '') ?? source;
  const [name, authority] = source.split(' - ');
  return { code, name: name ?? source, authority: authority ?? '' };
}
