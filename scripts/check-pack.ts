/**
 * `npm run check:pack`: imports the official lists of the shared development data (../shared/data/lists: the
 * CSL rebuild for EL, SDN, NS-CMIC, MEU and DPL; the DoD 1260H history; the DHS UFLPA and FCC Covered List
 * tables) into a temporary database and runs `sightline pack verify` on it. Skips with a message when the
 * shared data is absent (CI clones do not have it). Exit code: that of `pack verify`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LIST_FILES = ['csl/consolidated-rebuilt-2026.csv', 'dod/1260h-history.csv', 'dhs/dhs_uflpa.json', 'fcc/fcc_covered.json'];

/** The shared data folder: $SIGHTLINE_SHARED_DATA, else ../shared/data beside the checkout (or beside its parent, for worktrees). */
function sharedLists(): string | undefined {
  const candidates = [process.env.SIGHTLINE_SHARED_DATA, join(repo, '..', 'shared', 'data'), join(repo, '..', '..', 'shared', 'data')];
  const found = candidates.find((d) => d && existsSync(join(d, 'lists')));
  return found && join(found, 'lists');
}

async function run(): Promise<number> {
  const lists = sharedLists();
  if (!lists) {
    console.log('check:pack: skipped — no shared development data (../shared/data/lists); set SIGHTLINE_SHARED_DATA to run it');
    return 0;
  }
  const missing = LIST_FILES.filter((f) => !existsSync(join(lists, f)));
  if (missing.length) {
    console.log(`check:pack: skipped — missing in ${lists}: ${missing.join(', ')}`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sightline-check-pack-'));
  try {
    const db = join(dir, 'sightline.db');
    for (const f of LIST_FILES) {
      const code = await main(['--db', db, 'lists', 'import', join(lists, f)]);
      if (code !== 0) return code;
    }
    return await main(['--db', db, 'pack', 'verify']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await run();
