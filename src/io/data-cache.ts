/**
 * Checked data files kept as JSON, so that a command does not parse YAML and check schemas on every
 * start (the name tables alone cost about 0.3 s of a 1 s `sightline match`). An entry is named by the
 * hash of the file's text and of the schema it passed: an edited file or a changed schema misses and is
 * parsed again; only values that passed their schema are written. The folder is SIGHTLINE_CACHE_DIR,
 * else $XDG_CACHE_HOME/sightline, else ~/.cache/sightline; a folder that cannot be written costs speed
 * only. An unreadable or damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { TSchema } from 'typebox';
import { VERSION } from '../version.ts';

const schemaHashes = new WeakMap<TSchema, string>();

function schemaHash(schema: TSchema): string {
  let hash = schemaHashes.get(schema);
  if (!hash) {
    hash = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    schemaHashes.set(schema, hash);
  }
  return hash;
}

/** Size and modification time of a module's file: the parser's own code is part of each entry's name (an edited parser misses). */
export function moduleStamp(url: string): string {
  try {
    const st = statSync(fileURLToPath(url));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return url;
  }
}

/** The cache folder, or undefined when SIGHTLINE_CACHE_DIR is set to `off`. */
export function dataCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.SIGHTLINE_CACHE_DIR?.trim();
  if (dir === 'off') return undefined;
  return dir || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sightline', 'data');
}

/** `variant`: the parse options that decide whether a text passes (the alias limit). */
function entryPath(dir: string, text: string, schema: TSchema, variant: string): string {
  const key = createHash('sha256')
    .update(`${VERSION}\0${schemaHash(schema)}\0${variant}\0`)
    .update(text)
    .digest('hex');
  return join(dir, `${key.slice(0, 40)}.json`);
}

/** The checked value of `text` against `schema` from the cache, or undefined. */
export function cachedDataValue(text: string, schema: TSchema, variant: string): unknown {
  const dir = dataCacheDir();
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(entryPath(dir, text, schema, variant), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Keeps a value that passed `schema`; values JSON cannot carry unchanged (.inf, undefined) are not kept. */
export function keepDataValue(text: string, schema: TSchema, variant: string, value: unknown): void {
  const dir = dataCacheDir();
  if (!dir) return;
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) return;
  try {
    mkdirSync(dir, { recursive: true });
    const path = entryPath(dir, text, schema, variant);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch {
    // a read-only or full disk: the next start parses the file again
  }
}
