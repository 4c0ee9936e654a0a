/** `sightline lists import|status|diff|update`. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { refreshSnapshot, withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { table } from '../io.ts';
import { progress } from '../progress.ts';
import { SightlineError } from '../../errors.ts';
import type { Store, VersionInfo } from '../../store/index.ts';
import { dataPath } from '../../paths.ts';

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
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const { importFiles } = await import('../../lists/import-files.ts');
        const bar = progress(io, 'importing');
        const out = await importFiles(store, files, { format: opts.format, source: opts.source, onProgress: (n) => bar.update(n) }).finally(() => bar.stop());
        const seconds = (Date.now() - started) / 1000;
        const v = out.version;
        if (opts.json) io.out(JSON.stringify({ source: out.source, format: out.format, unchanged: out.unchanged, version: out.version, seconds }, null, 2));
        else {
          if (!out.unchanged) await auditImport(store, v);
          if (out.unchanged) io.out(`${out.source}: identical to version ${v.number} (sha256 ${v.sha256.slice(0, 12)}…); no new version`);
          else io.out(`${out.source}: imported version ${v.number} (id ${v.id}) — ${importCounts(v)} (${seconds.toFixed(1)} s)`);
        }
        // the index for the new versions is built now, once, so that the next command opens it
        if (!out.unchanged) await refreshSnapshot(store, config);
      });
    });

  lists
    .command('status')
    .description('sources, their current versions and counts per list')
    .option('--json', 'print as JSON')
    .option('--all', 'show every version, not only the current one per source')
    .action(async (opts, cmd: Command) => {
      const { ensurePack } = await import('../../graph/load.ts');
      await withStore(cmd.optsWithGlobals(), async (store) => {
        await ensurePack(store);
        const versions = opts.all ? await store.versions() : await store.currentVersions();
        if (opts.json) return io.out(JSON.stringify({ versions }, null, 2));
        io.out(
          table(
            ['source', 'version', 'id', 'imported', 'entities', 'per list', 'sha256'],
            versions.map((v) => [v.source, v.number, v.id, v.createdAt.slice(0, 19).replace('T', ' '), v.entityCount, formatCounts(v), v.sha256.slice(0, 12)]),
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
    .argument('[from]', 'older version number of the source (as in `lists status --all`)')
    .argument('[to]', 'newer version number of the source')
    .option('--source <name>', 'source whose versions to compare', 'csl')
    .option('--json', 'print as JSON')
    .action(async (fromArg: string | undefined, toArg: string | undefined, opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const vs = await store.versions(opts.source);
        const pick = (arg: string | undefined, fallback: number) => {
          const v = arg === undefined ? vs.at(fallback) : vs.find((x) => String(x.number) === arg);
          if (!v) throw new SightlineError('USAGE', `source ${opts.source} has no version ${arg} (see \`sightline lists status --all\`)`);
          return v;
        };
        if (vs.length < 2)
          throw new SightlineError('USAGE', `source ${opts.source} has ${vs.length} version(s); a diff needs two (see \`sightline lists status --all\`)`);
        const diff = await store.diff(pick(fromArg, -2).id, pick(toArg, -1).id);
        if (opts.json) return io.out(JSON.stringify(diff, null, 2));
        io.out(
          `${diff.source}: version ${diff.from.number} → ${diff.to.number}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
        );
        for (const e of diff.added) io.out(`+ ${e.id}  ${e.schema}  ${e.caption}`);
        for (const e of diff.removed) io.out(`- ${e.id}  ${e.schema}  ${e.caption}`);
        for (const e of diff.changed) io.out(`~ ${e.id}  ${e.schema}  ${e.caption}  [${(e.properties ?? []).join(', ')}]`);
      });
    });

  lists
    .command('update')
    .description('download current lists from their official URLs (conditional requests) and import them')
    .option('--source <names...>', `sources to update: ${sourceNames().join(', ')} (opensanctions:<dataset>)`)
    .option('--mirror <url>', 'fetch from a mirror: every URL becomes <mirror>/<host>/<path>')
    .option('--json', 'print as JSON')
    .action(async (opts, cmd: Command) => {
      const { resolveSource, sourceSpecs, updateSource } = await import('../../lists/update.ts');
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
          const imported = r.status === 'imported' && r.versionId !== undefined ? await store.version(r.versionId) : undefined;
          if (imported) await auditImport(store, imported);
          if (!opts.json) io.out(`${r.source}: ${r.status}${r.versionNumber ? ` (version ${r.versionNumber}, ${r.entities} entities)` : ''}`);
        }
        if (opts.json) io.out(JSON.stringify({ results }, null, 2));
        if (results.some((r) => r.status === 'imported')) await refreshSnapshot(store, config);
      });
    });
}

/**
 * The source names of data/list-sources.yml for the help text, read from its `- name:` lines: parsing and
 * checking the file (lists/update.ts) would load the YAML and schema libraries on every call.
 */
function sourceNames(): string[] {
  return [...readFileSync(dataPath('list-sources.yml'), 'utf8').matchAll(/^- name: *([\w:-]+)/gm)].map((m) => m[1]);
}

/** A list import from the command line goes into the audit trail, as the server's list updates do. */
async function auditImport(store: Store, v: VersionInfo): Promise<void> {
  const { AuditLog, serverDb } = await import('../../review/index.ts');
  const entries = Object.values(v.counts.byList).reduce((a, b) => a + b, 0);
  await new AuditLog(serverDb(store)).append({
    actor: 'command line',
    role: 'admin',
    action: 'lists.imported',
    subject: `${v.source}#${v.number}`,
    detail: { source: v.source, number: v.number, versionId: v.id, files: v.fileNames, sha256: v.sha256, entries, entities: v.entityCount },
  });
}

/** "19,076 list entries (SDN 14,965, …); 44,536 entities incl. sanctions and addresses": entries per list are what users count. */
export function importCounts(v: VersionInfo): string {
  const entries = Object.values(v.counts.byList).reduce((a, b) => a + b, 0);
  const all = `${v.entityCount.toLocaleString('en')} entities incl. sanctions and addresses`;
  return entries ? `${entries.toLocaleString('en')} list entries (${formatCounts(v)}); ${all}` : all;
}

export function formatCounts(v: VersionInfo): string {
  const byList = Object.entries(v.counts.byList).sort((a, b) => b[1] - a[1]);
  return byList.map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ');
}
