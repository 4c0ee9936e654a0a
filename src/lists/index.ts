/**
 * Official list importers: detect a file set's format and stream its FtM entities (parties, Sanctions,
 * UnknownLinks). A directory path expands to the files in it, so an OFAC legacy set (sdn.csv + add.csv +
 * alt.csv, or cons_prim.csv + cons_add.csv + cons_alt.csv + cons_comments.csv) is read as one list.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SightlineError } from '../errors.ts';
import type { Entity } from '../model/entity.ts';
import type { ListFile, ListFormat } from './format.ts';
import { listFile, readHead } from './input.ts';
import { cslCsv } from './formats/csl-csv.ts';
import { cslJson } from './formats/csl-json.ts';
import { ofacLegacy } from './formats/ofac-legacy.ts';
import { ofacAdvanced } from './formats/ofac-advanced.ts';
import { ftmJson } from './formats/ftm.ts';
import { listTable } from './formats/list-table.ts';
import { dod1260hHistory } from './formats/dod-1260h-history.ts';

export type { ListFile, ListFormat, FormatId } from './format.ts';
export { parseRemarks, type RemarkInfo } from './remarks.ts';
export { parseDate, parseCitations } from './dates.ts';
export { countryCode, countryOfAddress } from './tables.ts';

/** All formats, most specific first (detection order). */
export const formats: ListFormat[] = [ofacAdvanced, ftmJson, listTable, cslJson, cslCsv, dod1260hHistory, ofacLegacy];

/** Expands directories (one level, sorted, hidden files skipped) into list files. */
export async function expandPaths(paths: string[]): Promise<ListFile[]> {
  const out: ListFile[] = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch {
      throw new SightlineError('NOT_FOUND', `no such file or directory: ${p}`, { file: p });
    }
    if (st.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) if ((await stat(join(p, n))).isFile()) out.push(listFile(join(p, n)));
    } else out.push(listFile(p));
  }
  if (!out.length) throw new SightlineError('NOT_FOUND', `no list files in ${paths.join(', ')}`);
  return out;
}

async function heads(files: ListFile[]): Promise<{ name: string; head: string }[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, head: await readHead(f.path) })));
}

function unknown(name: string): SightlineError {
  return new SightlineError('UNKNOWN_FORMAT', `not a list format Sightline reads (${formats.map((f) => f.id).join(', ')})`, { file: name });
}

/** The one format all the given files are in; throws UNKNOWN_FORMAT naming the first file no format reads. */
export async function detectFormat(paths: string[]): Promise<ListFormat> {
  const files = await expandPaths(paths);
  const hs = await heads(files);
  const whole = formats.find((f) => f.detect(hs));
  if (whole) return whole;
  const bad = hs.find((h) => !formats.some((f) => f.detect([h])));
  throw unknown((bad ?? hs[0]!).name);
}

/** Groups files by format when one call mixes formats (e.g. a CSL CSV and an FtM export). */
async function groups(files: ListFile[]): Promise<{ format: ListFormat; files: ListFile[] }[]> {
  const hs = await heads(files);
  const whole = formats.find((f) => f.detect(hs));
  if (whole) return [{ format: whole, files }];
  const out = new Map<ListFormat, ListFile[]>();
  hs.forEach((h, i) => {
    const f = formats.find((fmt) => fmt.detect([h]));
    if (!f) throw unknown(h.name);
    out.set(f, [...(out.get(f) ?? []), files[i]!]);
  });
  return [...out].map(([format, fs]) => ({ format, files: fs }));
}

export function formatById(id: string): ListFormat {
  const f = formats.find((x) => x.id === id);
  if (!f) throw new SightlineError('USAGE', `unknown list format "${id}" (known: ${formats.map((x) => x.id).join(', ')})`);
  return f;
}

/** Streams every entity of the given list files/directories, detecting the format unless `formatId` is given. */
export async function* readList(paths: string[], formatId?: string): AsyncGenerator<Entity> {
  const files = await expandPaths(paths);
  const plan = formatId ? [{ format: formatById(formatId), files }] : await groups(files);
  for (const { format, files: fs } of plan) yield* format.read(fs);
}
