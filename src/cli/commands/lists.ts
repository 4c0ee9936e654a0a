/** `sightline lists import|status|diff|update`. */
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { table } from '../io.ts';
import { progress } from '../progress.ts';
import { importFiles } from '../../lists/import-files.ts';
import { resolveSource, sourceSpecs, updateSource } from '../../lists/update.ts';
import { ensurePack } from '../../graph/load.ts';
import { SightlineError } from '../../errors.ts';
import type { VersionInfo } from '../../store/index.ts';

export function registerLists(program: Command, io: CliIO): void {
  const lists = program.command('lists').description('import, update and inspect official lists');

  lists
    .command('import')
    .description('import list files (CSL CSV/JSON, OFAC legacy CSV set, SDN_ADVANCED.XML, FtM JSON lines) as a new version')
    .argument('<files...>', 'files, or a folder holding one file set (e.g. sdn.csv, add.csv, alt.csv)')
    .option('--format <id>', 'force the format: csl-csv, csl-json, ofac-legacy, ofac-advanced, ftm')
    .option('--source <name>', 'source name (default by format: csl, ofac-sdn, ofac-cons, ofac-advanced, ftm:<file>)')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], opts, cmd: Command) => {
      const started = Date.now();
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const bar = progress(io, 'importing');
        const out = await importFiles(store, files, { format: opts.format, source: opts.source, onProgress: (n) => bar.update(n) }).finally(() => bar.stop());
        const seconds = (Date.now() - started) / 1000;
        if (opts.json)
          return io.out(JSON.stringify({ source: out.source, format: out.format, unchanged: out.unchanged, version: out.version, seconds }, null, 2));
        if (out.unchanged) io.out(`${out.source}: identical to version ${out.version.id} (sha256 ${out.version.sha256.slice(0, 12)}…); no new version`);
        else {
          // Version ids are global (certificates, diff and the server cite them); say which of this source's versions it is.
          const nth = (await store.versions(out.source)).findIndex((v) => v.id === out.version.id) + 1;
          io.out(
            `${out.source}: imported version ${out.version.id} (${ordinal(nth)} of ${out.source}) — ${importCounts(out.version)} (${seconds.toFixed(1)} s)`,
          );
        }
      });
    });

  lists
    .command('status')
    .description('sources, their current versions and counts per list')
    .option('--json', 'print as JSON')
    .option('--all', 'show every version, not only the current one per source')
    .action(async (opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        await ensurePack(store);
        const versions = opts.all ? await store.versions() : await store.currentVersions();
        if (opts.json) return io.out(JSON.stringify({ versions }, null, 2));
        io.out(
          table(
            ['source', 'version', 'imported', 'entities', 'per list', 'sha256'],
            versions.map((v) => [v.source, v.id, v.createdAt.slice(0, 19).replace('T', ' '), v.entityCount, formatCounts(v), v.sha256.slice(0, 12)]),
          ),
        );
      });
    });

  registerListChanges(lists, io);
}

/** `lists diff` and `lists update`: what changed between versions, and fetching new ones. */
function registerListChanges(lists: Command, io: CliIO): void {
  lists
    .command('diff')
    .description('entries added, removed and changed between two versions of a source (default: its last two)')
    .argument('[from]', 'older version id')
    .argument('[to]', 'newer version id')
    .option('--source <name>', 'source whose last two versions to compare', 'csl')
    .option('--json', 'print as JSON')
    .action(async (fromArg: string | undefined, toArg: string | undefined, opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        let from = fromArg ? Number(fromArg) : undefined;
        let to = toArg ? Number(toArg) : undefined;
        if (from === undefined || to === undefined) {
          const vs = await store.versions(opts.source);
          if (vs.length < 2)
            throw new SightlineError('USAGE', `source ${opts.source} has ${vs.length} version(s); a diff needs two (see \`sightline lists status --all\`)`);
          from = vs[vs.length - 2].id;
          to = vs[vs.length - 1].id;
        }
        const diff = await store.diff(from, to);
        if (opts.json) return io.out(JSON.stringify(diff, null, 2));
        io.out(
          `${diff.source}: version ${diff.from.id} → ${diff.to.id}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
        );
        for (const e of diff.added) io.out(`+ ${e.id}  ${e.schema}  ${e.caption}`);
        for (const e of diff.removed) io.out(`- ${e.id}  ${e.schema}  ${e.caption}`);
        for (const e of diff.changed) io.out(`~ ${e.id}  ${e.schema}  ${e.caption}  [${(e.properties ?? []).join(', ')}]`);
      });
    });

  lists
    .command('update')
    .description('download current lists from their official URLs (conditional requests) and import them')
    .option(
      '--source <names...>',
      `sources to update: ${sourceSpecs()
        .map((s) => s.name)
        .join(', ')} (opensanctions:<dataset>)`,
    )
    .option('--mirror <url>', 'fetch from a mirror: every URL becomes <mirror>/<host>/<path>')
    .option('--json', 'print as JSON')
    .action(async (opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const names: string[] =
          opts.source ??
          sourceSpecs()
            .filter((s) => !s.optional && !s.template)
            .map((s) => s.name);
        const results = [];
        for (const name of names) {
          const r = await updateSource(store, resolveSource(name), { dataDir: config.dataDir, mirror: opts.mirror, onProgress: (m) => io.err(m) });
          results.push(r);
          if (!opts.json) io.out(`${r.source}: ${r.status}${r.versionId ? ` (version ${r.versionId}, ${r.entities} entities)` : ''}`);
        }
        if (opts.json) io.out(JSON.stringify({ results }, null, 2));
      });
    });
}

/** "19,076 list entries (SDN 14,965, …); 44,536 entities incl. sanctions and addresses": entries per list are what users count. */
export function importCounts(v: VersionInfo): string {
  const entries = Object.values(v.counts.byList).reduce((a, b) => a + b, 0);
  const all = `${v.entityCount.toLocaleString('en')} entities incl. sanctions and addresses`;
  return entries ? `${entries.toLocaleString('en')} list entries (${formatCounts(v)}); ${all}` : all;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function formatCounts(v: VersionInfo): string {
  const byList = Object.entries(v.counts.byList).sort((a, b) => b[1] - a[1]);
  return byList.map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ');
}
