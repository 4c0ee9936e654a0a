/**
 * What a snapshot was built from, as one hash: the list versions in the store, the knowledge pack's
 * files, the file format, and the code and data that turn entities into a world and an index (by
 * path, size and modification time: an upgraded or edited install rebuilds rather than trusting an
 * index built by other code).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packHash } from '../pack/index.ts';
import { dataPath, packageRoot, runningFromSource } from '../paths.ts';
import type { VersionInfo } from '../store/index.ts';
import { FORMAT_VERSION } from './codec.ts';

const CODE_ROOT = join(packageRoot, runningFromSource ? 'src' : 'dist');
/** Folders whose code decides what a world or an index holds (compiled, `chunks` holds the bundled CLI's code). */
const CODE_FOLDERS = ['match', 'names', 'graph', 'model', 'snapshot', 'chunks'];
const DATA_FILES = ['names', 'lists.yml', 'countries.yml'];

function statAll(path: string, hash: ReturnType<typeof createHash>): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!name.endsWith('.test.ts')) statAll(join(path, name), hash);
    return;
  }
  hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
}

let engine: string | undefined;
/** The code and data fingerprint, once per process. */
export function engineFingerprint(): string {
  if (engine) return engine;
  const hash = createHash('sha256');
  for (const folder of CODE_FOLDERS) statAll(join(CODE_ROOT, folder), hash);
  for (const file of DATA_FILES) statAll(dataPath(file), hash);
  engine = hash.digest('hex');
  return engine;
}

/** The key of a snapshot for these store versions and the pack as it is on disk. */
export function snapshotKey(versions: VersionInfo[], pack: string = packHash()): string {
  const lists = versions.map((v) => [v.id, v.source, v.sha256]).sort((a, b) => Number(a[0]) - Number(b[0]));
  return createHash('sha256')
    .update(JSON.stringify({ format: FORMAT_VERSION, engine: engineFingerprint(), pack, lists }))
    .digest('hex');
}
