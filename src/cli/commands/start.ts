/**
 * `sightline start` (what `npm start` runs): loads the knowledge pack and any imported lists, screens the
 * bundled examples of all four kinds and prints what it found, then serves the web UI and API.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { packageRoot } from '../../paths.ts';
import { formatCounts } from './lists.ts';
import { loadConfig } from '../../config.ts';
import type { RowResult } from '../../screen/index.ts';

const example = (...p: string[]) => join(packageRoot, 'examples', ...p);

const pct = (x: number) => `${(x * 100).toFixed(x < 0.001 ? 4 : 2)}%`;

function rowLine(r: RowResult): string {
  const name = r.input.name ?? r.input.isin ?? r.input.ticker ?? '';
  const through = (r.lookThrough ?? []).map((t) => `holds ${t.constituent} (${pct(t.constituentWeight)} of the fund) → ${t.lists.join(', ')}`).join('; ');
  const via =
    r.paths[0]?.text ??
    (r.listings.length
      ? `${r.match?.caption ?? ''} → ${r.listings.map((l) => `${l.listName}${l.since ? ` since ${l.since}` : ''}`).join(', ')}`
      : through || r.match?.caption || '');
  return `  ${r.status.toUpperCase().padEnd(6)} row ${String(r.row).padStart(3)}  ${name}  →  ${via}`;
}

export async function runDemo(io: CliIO, flags: { db?: string }): Promise<void> {
  const { loadWorld } = await import('../../graph/load.ts');
  const { buildIndex } = await import('../../match/index.ts');
  const { screenAgainst } = await import('../../screen/index.ts');
  const { screenDevices, isFlagged } = await import('../../devices/index.ts');
  const { createScanner } = await import('../../documents/index.ts');
  const { scannerEntities } = await import('../../documents/from-world.ts');
  await withStore(flags, async (store, config) => {
    io.out(`Sightline demo — database ${config.db}`);
    const { world, versions } = await loadWorld(store);
    for (const v of versions) io.out(`  list source ${v.source} version ${v.number}: ${v.entityCount} entities (${formatCounts(v)})`);
    if (!versions.some((v) => v.source !== 'pack'))
      io.out('  (only the bundled knowledge pack is loaded: `npx sightline lists update` fetches the official lists)');
    const matcher = buildIndex(world.parties());

    const vendors = await screenAgainst(world, versions, example('vendors.csv'), {}, matcher);
    io.out(
      `\nVendors — examples/vendors.csv: ${vendors.summary.rows} rows, ${vendors.summary.hit} hits, ${vendors.summary.review} to review, ${vendors.summary.clear} clear`,
    );
    for (const r of vendors.results.filter((x) => x.status !== 'clear')) io.out(rowLine(r));
    const lorexThen = await screenAgainst(world, versions, example('vendors.csv'), { asOf: '2021-06-01' }, matcher);
    const lorexRow = lorexThen.results.find((r) => /lorex/i.test(r.input.name ?? ''));
    if (lorexRow) io.out(`  as of 2021-06-01 the Lorex row is ${lorexRow.status.toUpperCase()}: ${lorexRow.paths[0]?.text ?? ''}`);

    const holdings = await screenAgainst(world, versions, example('holdings.csv'), { kind: 'holdings', index: example('index-msci-em-sample.csv') }, matcher);
    io.out(`\nHoldings — examples/holdings.csv: ${holdings.summary.rows} holdings, ${holdings.summary.hit} flagged`);
    for (const r of holdings.results.filter((x) => x.status !== 'clear'))
      io.out(rowLine(r) + (r.weight !== undefined ? `  (${(r.weight * 100).toFixed(2)}% of portfolio)` : ''));
    const exposure = holdings.summary.exposure;
    if (exposure)
      io.out(
        `  exposure by list: ${Object.entries(exposure.byList)
          .map(([k, v]) => `${k} ${pct(v)}`)
          .join(', ')}${
          Object.keys(exposure.lookThroughByList).length
            ? `; through index funds: ${Object.entries(exposure.lookThroughByList)
                .map(([k, v]) => `${k} ${pct(v)}`)
                .join(', ')}`
            : ''
        }`,
      );

    const counts = { covered: 0, 'likely covered': 0, 'listed maker': 0, 'not identified': 0, 'not covered': 0 };
    const flaggedDevices: string[] = [];
    for await (const d of screenDevices([example('devices', 'scan.xml')], { world })) {
      counts[d.attribution.verdict]++;
      if (isFlagged(d.attribution.verdict))
        flaggedDevices.push(`  ${d.attribution.verdict.toUpperCase().padEnd(14)} ${d.ip ?? d.ref}  ${d.attribution.path.slice(0, 3).join(' → ')}`);
    }
    io.out(
      `\nEquipment — examples/devices/scan.xml: ${counts.covered} covered, ${counts['likely covered']} likely covered, ${counts['listed maker']} made by a listed company, ${counts['not identified']} not identified, ${counts['not covered']} not covered`,
    );
    for (const l of flaggedDevices) io.out(l);

    const scanner = createScanner({ entities: scannerEntities(world) });
    io.out('\nDocuments — examples/documents/:');
    for await (const doc of scanner.scanPaths([example('documents')])) {
      const name = doc.path.split(/[\\/]/).pop();
      if (doc.error) io.out(`  ${name}: could not be read: ${doc.error}`);
      else io.out(`  ${name}: ${doc.hits.length ? doc.summary.text.split(' Why it matters')[0] : 'nothing found'}`);
    }
  });
}

export function registerStart(program: Command, io: CliIO): void {
  program
    .command('start')
    .description('the demo and the server: screen the bundled examples, print the findings, then serve the web UI and API')
    .option('--no-serve', 'print the demo and exit')
    .option('--host <host>', 'address to bind', process.env.SIGHTLINE_HOST ?? '127.0.0.1')
    .option('--port <port>', 'port', process.env.SIGHTLINE_PORT ?? '8000')
    .action(async (opts, cmd: Command) => {
      const flags = cmd.optsWithGlobals();
      await runDemo(io, flags);
      if (!opts.serve) return;
      const { startServer } = await import('../../server/index.ts');
      const server = await startServer({ db: loadConfig(flags).db, host: opts.host, port: Number(opts.port), onProgress: (m) => io.err(m) });
      io.out(`\nSightline is serving the web UI and API at ${server.url}  (API docs: ${server.url}docs, Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().finally(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
