/** Parses the full rebuilt CSL through readList and prints {file, entries, entities, seconds, rss_mb, by_list}. */
import { readList } from '../src/lists/index.ts';

const file = process.argv[2] ?? '../shared/data/lists/csl/consolidated-rebuilt-2026.csv';
const t0 = process.hrtime.bigint();
let entities = 0;
let entries = 0;
let peakRss = 0;
const byList: Record<string, number> = {};
for await (const e of readList([file])) {
  entities++;
  if (e.schema === 'Sanction') {
    entries++;
    const code = e.properties.programId?.[0] ?? '?';
    byList[code] = (byList[code] ?? 0) + 1;
  }
  if (entities % 5000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ file, entries, entities, seconds: Math.round(seconds * 100) / 100, rss_mb: Math.round(peakRss / 2 ** 20), by_list: byList }));
