/**
 * Import benchmark. Parses and imports a list into a throwaway SQLite store, the way `lists import` does,
 * and prints JSON {file, mb, entries, entities, parse_seconds, import_seconds, rss_mb_peak, by_list}.
 *   npm run bench:import [-- FILE]            default: ../shared/data/lists/csl/consolidated-rebuilt-2026.csv
 *   npm run bench:import -- --synthetic-mb 100  a generated CSL CSV of that size (memory must stay flat)
 */
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readList } from '../src/lists/index.ts';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';

const args = process.argv.slice(2);
const syntheticAt = args.indexOf('--synthetic-mb');
const dir = mkdtempSync(join(tmpdir(), 'sl-bench-import-'));
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 100);

const HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

async function writeSynthetic(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let bytes = 0;
  for (let i = 1; bytes < mb * 2 ** 20; i++) {
    const cells = new Array(29).fill('');
    cells[0] = `syn${i}`;
    cells[1] = i % 3 ? 'Entity List (EL) - Bureau of Industry and Security' : 'Specially Designated Nationals (SDN) - Treasury Department';
    cells[2] = i % 3 ? '' : String(100000 + i);
    cells[3] = 'Entity';
    cells[5] = `Synthetic Trading Company ${i} Limited`;
    cells[7] = `${i} Example Road, Shenzhen, China; and Room ${i % 900}, Tower ${i % 7}, Hong Kong`;
    cells[8] = '84 FR 54002, 10/9/19';
    cells[20] = `Linked To: SYNTHETIC HOLDING ${i % 50}; Unified Social Credit Code (USCC) 9133${String(i).padStart(14, '0')}.`;
    cells[22] = `Synthetic Co ${i}; 合成贸易公司${i}`;
    const line = `${cells.map((c) => `"${c}"`).join(',')}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

try {
  let file = args.find((a, i) => !a.startsWith('--') && i !== syntheticAt + 1) ?? '../shared/data/lists/csl/consolidated-rebuilt-2026.csv';
  if (syntheticAt >= 0) {
    file = join(dir, 'synthetic-csl.csv');
    await writeSynthetic(file, Number(args[syntheticAt + 1] ?? 100));
  }
  const t0 = performance.now();
  let entities = 0;
  let entries = 0;
  const byList: Record<string, number> = {};
  for await (const e of readList([file])) {
    entities++;
    if (e.schema === 'Sanction') {
      entries++;
      const code = e.properties.programId?.[0] ?? '?';
      byList[code] = (byList[code] ?? 0) + 1;
    }
  }
  const parseSeconds = (performance.now() - t0) / 1000;
  const store = await openStore(join(dir, 'bench.db'));
  const t1 = performance.now();
  const out = await importFiles(store, [file]);
  const importSeconds = (performance.now() - t1) / 1000;
  await store.close();
  sample();
  console.log(
    JSON.stringify({
      file: syntheticAt >= 0 ? `synthetic ${args[syntheticAt + 1] ?? 100} MB CSL CSV` : file,
      mb: Math.round(statSync(file).size / 2 ** 20),
      entries,
      entities,
      parse_seconds: +parseSeconds.toFixed(2),
      import_seconds: +importSeconds.toFixed(2),
      version_entities: out.version.entityCount,
      rss_mb_peak: Math.round(peakRss / 2 ** 20),
      by_list: byList,
    }),
  );
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
