/**
 * Cross-script benchmark: Chinese names of listed firms against a list written in English.
 *   npm run bench:chinese -- --list FILE --names FILE.csv [--json]
 * `--names`: CSV with columns `ent_num` (the OFAC entry number, as in the CSL `ofac-<n>` ids) and
 * `Chinese Name` (e.g. the NS-CMIC Chinese legal names). Each Chinese name is matched against the
 * list merged with the knowledge pack (as `sightline match` does); prints how many find their entry first
 * and within the top five, and the misses.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { readList } from '../src/lists/index.ts';
import { loadPack } from '../src/pack/index.ts';
import { createWorld } from '../src/graph/world.ts';
import { buildIndex } from '../src/match/index.ts';
import type { Entity } from '../src/model/entity.ts';

const { values } = parseArgs({ options: { list: { type: 'string' }, names: { type: 'string' }, json: { type: 'boolean', default: false } } });
if (!values.list || !values.names) {
  console.error('usage: npm run bench:chinese -- --list FILE --names FILE.csv [--json]');
  process.exit(2);
}
const entities: Entity[] = [];
for await (const e of readList([values.list])) entities.push(e);
const pack = loadPack();
const world = createWorld([...entities, ...pack.entities], pack.sources);
const index = buildIndex(world.parties());
const rows: Record<string, string>[] = parse(readFileSync(values.names), { columns: true, skip_empty_lines: true, bom: true });
let first = 0;
let top5 = 0;
const misses: string[] = [];
for (const [i, row] of rows.entries()) {
  const want = `ofac-${row.ent_num}`;
  const zh = row['Chinese Name'];
  if (!row.ent_num || !zh) throw new Error(`${values.names}: record ${i + 1} lacks ent_num or Chinese Name`);
  const results = index.match({ schema: 'Company', properties: { name: [zh] } }, { limit: 5 });
  // the pack merges list entries into its own entities: an entry is found when its merged entity is
  const found = (id: string) => id === want || world.members(id).some((m) => m.id === want);
  if (results[0] && found(results[0].id)) first++;
  if (results.some((r) => found(r.id))) top5++;
  else misses.push(`${zh} (${want}) → ${results[0] ? `${results[0].caption} ${results[0].score.toFixed(2)}` : 'nothing'}`);
}
const report = {
  n: rows.length,
  first,
  first_rate: Math.round((first / rows.length) * 1000) / 1000,
  top5,
  top5_rate: Math.round((top5 / rows.length) * 1000) / 1000,
  misses,
};
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(`${report.n} Chinese names: ${first} find their entry first (${report.first_rate}), ${top5} within the top five (${report.top5_rate})`);
  for (const m of misses) console.log(`  miss: ${m}`);
}
