/** Imports list files into the store as one version: detect the format, hash the files, stream entities. */
import { createHash } from 'node:crypto';
import { createReadStream, statSync, readdirSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { Store, ImportOutcome } from '../store/index.ts';
import { detectFormat, readList } from './index.ts';
import { SightlineError } from '../errors.ts';

export interface ImportOptions {
  format?: string;
  /** Source name; defaults by format (csl, ofac-sdn, ofac-cons, ofac-advanced, ftm:<file>). */
  source?: string;
  onProgress?: (records: number) => void;
}

export async function importFiles(store: Store, paths: string[], opts: ImportOptions = {}): Promise<ImportOutcome & { source: string; format: string }> {
  const files = expand(paths);
  const format = opts.format ? { id: opts.format } : await detectFormat(files);
  const source = opts.source ?? defaultSource(format.id, files);
  const sha256 = await hashFiles(files);
  const outcome = await store.importVersion(
    { source, format: format.id, fileNames: files.map((f) => basename(f)).sort(), sha256 },
    readList(files, format.id),
    opts.onProgress,
  );
  return { ...outcome, source, format: format.id };
}

function expand(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      throw new SightlineError('NOT_FOUND', `no such file or directory: ${p}`, { file: p });
    }
    if (st.isDirectory())
      for (const f of readdirSync(p).sort()) {
        if (statSync(join(p, f)).isFile()) out.push(join(p, f));
      }
    else out.push(p);
  }
  if (!out.length) throw new SightlineError('USAGE', 'no files to import');
  return out;
}

export function defaultSource(formatId: string, files: string[]): string {
  const names = files.map((f) => basename(f).toLowerCase());
  switch (formatId) {
    case 'csl-csv':
    case 'csl-json':
      return 'csl';
    case 'ofac-legacy':
      return names.some((n) => n.startsWith('cons_')) ? 'ofac-cons' : 'ofac-sdn';
    case 'ofac-advanced':
      return 'ofac-advanced';
    case 'list-table':
      return `table:${names[0].replace(/\.json$/i, '')}`;
    case 'ftm':
      return `ftm:${names[0].replace(/\.(ftm\.)?jsonl?$|\.json$/i, '')}`;
    default:
      return formatId;
  }
}

/** sha256 over the files' bytes in name order (names included, so a renamed set is a new version). */
export async function hashFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => basename(a).localeCompare(basename(b)))) {
    hash.update(`${basename(f)}\0`);
    for await (const chunk of createReadStream(f)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
