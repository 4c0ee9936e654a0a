/**
 * Household-name check (issue #24): well-known firms screened against a full list must not be hits.
 *   npm run check:household -- [--list ../shared/data/lists/csl/consolidated-rebuilt-2026.csv] [--json]
 * Production path end to end: the list is imported into a temporary database with `sightline lists import`
 * and the firms are screened with `sightline screen` (vendors by name alone; Alphabet as a holding with its
 * US ISIN), as the `npm start` demo screens them. Prints each firm's status, best candidate, score and the
 * features that decided it; exit 1 when any is a hit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bufferIO } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { SHARED_NAMES } from './fit-match.ts';

const VENDORS = ['IBM', 'International Business Machines Corp', 'Canon Inc', 'Daikin Industries', 'Kingston Technology', 'Cisco Systems', 'Verkada Inc'];
const HOLDINGS = [{ isin: 'US02079K3059', name: 'Alphabet Inc Class A', ticker: 'GOOGL' }];

interface Row {
  input: { name?: string; 'Security Name'?: string };
  status: string;
  match?: { caption: string; score: number; explanation: Record<string, { score: number; weight: number; detail: string }> };
}

async function screen(db: string, file: string, kind: string): Promise<Row[]> {
  const io = bufferIO();
  const code = await main(['--db', db, 'screen', file, '--kind', kind, '--format', 'json', '--no-save'], io);
  if (code > 1) throw new Error(`screen ${file}: ${io.stderr.join('\n')}`);
  return JSON.parse(io.stdout.join('\n')).results as Row[];
}

async function run(): Promise<void> {
  const { values } = parseArgs({ options: { list: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const list = values.list ?? join(SHARED_NAMES, '..', 'lists', 'csl', 'consolidated-rebuilt-2026.csv');
  const dir = mkdtempSync(join(tmpdir(), 'sightline-household-'));
  try {
    const db = join(dir, 'household.db');
    const io = bufferIO();
    if ((await main(['--db', db, 'lists', 'import', list], io)) !== 0) throw new Error(`import ${list}: ${io.stderr.join('\n')}`);
    const vendors = join(dir, 'vendors.csv');
    writeFileSync(vendors, `name\n${VENDORS.map((v) => `"${v}"`).join('\n')}\n`);
    const holdings = join(dir, 'holdings.csv');
    writeFileSync(holdings, `ISIN,Security Name,Ticker\n${HOLDINGS.map((h) => `${h.isin},${h.name},${h.ticker}`).join('\n')}\n`);
    const rows = [...(await screen(db, vendors, 'vendors')), ...(await screen(db, holdings, 'holdings'))];
    const out = rows.map((r) => ({
      name: r.input.name ?? r.input['Security Name'] ?? '',
      status: r.status,
      candidate: r.match?.caption,
      score: r.match?.score,
      features: r.match ? Object.entries(r.match.explanation).map(([k, f]) => `${k} ${f.score}×${f.weight}`) : [],
    }));
    const hits = out.filter((r) => r.status === 'hit').length;
    if (values.json) console.log(JSON.stringify({ list, hits, rows: out }, null, 2));
    else {
      for (const r of out)
        console.log(`${r.status.padEnd(7)} ${r.name.padEnd(38)} ${r.candidate ? `${r.score} ${r.candidate}  [${r.features.join('; ')}]` : ''}`);
      console.log(`${hits} hit(s) among ${out.length} household names`);
    }
    process.exitCode = hits ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await run();
