/** `sightline scan FILE|DIR…`: listed firms and surveillance capabilities in tenders and procurement papers. */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { openWorld, withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { progress } from '../progress.ts';
import { SightlineError } from '../../errors.ts';
import type { DocumentResult } from '../../documents/index.ts';
import type { ScanSummary } from '../../documents/report.ts';

export function registerScan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description(
      'scan documents (PDF, DOCX, XLSX, HTML, text, e-mail, ZIP; folders recursively) for listed firms and surveillance capabilities, Chinese and English',
    )
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', 'table|json|html', 'table')
    .option('--out <file>', 'write the report to a file')
    .option('--as-of <date>', 'listings as they stood on this date')
    .option('--max-file-mb <n>', 'largest file read, in MB', process.env.SIGHTLINE_SCAN_MAX_MB ?? '100')
    .action(async (paths: string[], opts, cmd: Command) => {
      if (!['table', 'json', 'html'].includes(opts.format)) throw new SightlineError('USAGE', '--format must be table, json or html');
      const maxMb = Number(opts.maxFileMb);
      if (!(maxMb > 0)) throw new SightlineError('USAGE', `--max-file-mb must be a positive number (got ${opts.maxFileMb})`);
      const { createScanner } = await import('../../documents/index.ts');
      const { scannerEntities } = await import('../../documents/from-world.ts');
      const { summariseScan, scanJson, scanTable, scanHtml } = await import('../../documents/report.ts');
      const { buildCertificate } = await import('../../report/index.ts');
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const { world, versions } = await openWorld(store, config);
        const scanner = createScanner({ entities: scannerEntities(world, opts.asOf), limits: { maxFileBytes: maxMb * 1024 * 1024 } });
        const results: DocumentResult[] = [];
        const bar = progress(io, 'documents');
        try {
          for await (const r of scanner.scanPaths(paths, (p) => bar.update(p.done))) results.push(r);
        } finally {
          bar.stop();
        }
        const summary = summariseScan(results);
        const { hashFiles } = await import('../../lists/import-files.ts');
        const readable = results.filter((r) => !r.error).map((r) => r.path);
        const certificate = buildCertificate({
          title: 'Document scan certificate',
          asOf: opts.asOf,
          input: {
            name: paths.map((p) => basename(p)).join(', '),
            sha256: readable.length ? await hashFiles(readable) : 'n/a',
            format: `${results.length} documents`,
          },
          versions,
          rules: [
            { id: 'capabilities', name: 'Surveillance capability lexicon (data/documents/capabilities.yml)', status: 'applied' },
            { id: 'entities', name: 'Names and aliases of listed parties and pack entities', status: 'applied' },
          ],
        });
        const text =
          opts.format === 'json'
            ? scanJson(results, summary, certificate)
            : opts.format === 'html'
              ? scanHtml(results, summary, certificate)
              : scanTable(results, summary, certificate);
        if (opts.out) {
          writeFileSync(opts.out, text);
          io.err(`wrote ${opts.out}`);
        } else io.out(text);
        for (const r of results) if (r.error) io.err(r.error.startsWith(r.path) ? r.error : `${r.path}: ${r.error}`);
        const outcome = scanOutcome(summary);
        if (outcome.message) io.err(`sightline: ${outcome.message}`);
        setExit(outcome.exit);
      });
    });
}

/**
 * The exit code of a scan. 0 means every document was read and nothing found, so unreadable documents never
 * give 0: with findings elsewhere the findings win (1, the unreadable ones listed), otherwise 2.
 */
export function scanOutcome(s: ScanSummary): { exit: 0 | 1 | 2; message?: string } {
  if (!s.documents) return { exit: 2, message: 'no documents found to scan' };
  if (s.errors === s.documents)
    return {
      exit: 2,
      message: `nothing scanned: ${s.documents === 1 ? 'the document could not be read' : `none of the ${s.documents} documents could be read`}`,
    };
  const unread = `${s.errors} of ${s.documents} documents could not be read (listed above)`;
  if (s.hits) return { exit: 1, message: s.errors ? `findings; ${unread}` : undefined };
  if (s.errors) return { exit: 2, message: `nothing found in the documents read, but ${unread}` };
  return { exit: 0 };
}
