/** Configuration, loaded once from flags and SIGHTLINE_* environment variables, then passed down. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SightlineError } from './errors.ts';

export interface Config {
  /** SQLite file path, or a postgres:// URL. */
  db: string;
  /** Where downloaded lists are kept. */
  dataDir: string;
}

export function loadConfig(flags: { db?: string } = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.SIGHTLINE_DATA_DIR || join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'sightline');
  const db = flags.db || env.SIGHTLINE_DB || join(dataDir, 'sightline.db');
  if (!db.trim()) throw new SightlineError('CONFIG', 'SIGHTLINE_DB is empty');
  return { db, dataDir };
}
