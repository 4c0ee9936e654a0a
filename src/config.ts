/** Configuration, loaded once from flags and SIGHTLINE_* environment variables, then passed down. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SightlineError } from './errors.ts';

export interface Config {
  /** SQLite file path, or a postgres:// URL. */
  db: string;
  /** Where downloaded lists are kept. */
  dataDir: string;
  /** Four-eyes decisions (SIGHTLINE_FOUR_EYES=1): a reviewer's decision is proposed, an approver resolves it. */
  fourEyes: boolean;
  /** SMTP server for alert digests (SIGHTLINE_SMTP_URL, SIGHTLINE_SMTP_FROM); absent: e-mail alerts wait in the inbox. */
  smtp?: { url: string; from: string };
}

/** A yes/no environment setting: 1/true/yes or 0/false/no (empty: the default); anything else is refused. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const v = (env[name] ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return false;
  if (v === '1' || v === 'true' || v === 'yes') return true;
  throw new SightlineError('CONFIG', `${name} must be 1 or 0 (true/false, yes/no), got "${env[name]}"`);
}

export function loadConfig(flags: { db?: string; fourEyes?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.SIGHTLINE_DATA_DIR || join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'sightline');
  const db = flags.db || env.SIGHTLINE_DB || join(dataDir, 'sightline.db');
  if (!db.trim()) throw new SightlineError('CONFIG', 'SIGHTLINE_DB is empty');
  const smtpUrl = env.SIGHTLINE_SMTP_URL?.trim();
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new SightlineError('CONFIG', `SIGHTLINE_SMTP_URL must be smtp://… or smtps://…, got ${smtpUrl}`);
  const smtp = smtpUrl ? { url: smtpUrl, from: env.SIGHTLINE_SMTP_FROM?.trim() || 'sightline@localhost' } : undefined;
  return { db, dataDir, smtp, fourEyes: flags.fourEyes ?? flag(env, 'SIGHTLINE_FOUR_EYES') };
}
