/** `sightline screen FILE`: screen a vendor, customer or holdings file and write an auditable report. */
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { progress } from '../progress.ts';
import { SightlineError } from '../../errors.ts';
import type { ScreenReport } from '../../screen/index.ts';
import type { Store } from '../../store/index.ts';
import type { JobOptions } from '../../server/jobs/types.ts';

const FORMATS = ['table', 'json', 'csv', 'xlsx', 'html'] as const;
type Format = (typeof FORMATS)[number];

function threadCount(v: string): number | 'auto' {
  if (v === 'auto') return v;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new SightlineError('USAGE', `--threads must be a positive whole number or auto, got "${v}"`);
  return n;
}

function number(flag: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new SightlineError('USAGE', `${flag} must be a number, got "${v}"`);
    return n;
  };
}

export function registerScreen(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('screen')
    .description('screen a vendor, customer or holdings file (CSV, XLSX, JSON, JSON lines) against the lists, owners and brands; exit 1 on hits or reviews')
    .argument('<file>', 'the file to screen')
    .option('--kind <kind>', 'vendors | holdings | auto (holdings when there is an ISIN, weight or market value column)', 'auto')
    .option('--map <spec>', 'column mapping, e.g. name="Vendor Name",country=Country,isin=ISIN')
    .option('--input-format <format>', 'force the input format: csv, xlsx, json, jsonl')
    .option('--as-of <date>', 'screen as the world stood on this date (YYYY-MM-DD): listings, ownership, brands, rules')
    .option('--rules <ids>', 'rule sets, comma-separated: ofac50, bis-affiliates, ndaa889, brand (default: all in force on the as-of date)')
    .option('--relations <file>', 'extra ownership for this run: CSV owner,asset,percentage,start,end,source')
    .option('--supply', 'supply chains: Xinjiang origin from addresses and UFLPA high-priority sectors from product or HS-code columns')
    .option('--tiers <file>', 'supplier tiers (implies --supply): CSV buyer,supplier,product,share,source[,address,country]')
    .option('--index <file>', 'index or fund constituents (fund ISIN or name, constituent ISIN/name, weight) for look-through')
    .option('--algorithm <name>', 'matching algorithm: sightline-v1 (default) or ofac-sls (OFAC Sanctions List Search score)')
    .option('--also-score <names...>', "also score each row by these algorithms, in a column each (e.g. ofac-sls: the regulator's tool's score)")
    .option('--threshold <score>', 'hit threshold (default: the algorithm default: 0.75, ofac-sls 0.8)', number('--threshold'))
    .option('--review-threshold <score>', 'review threshold (default: hit threshold − 0.1)', number('--review-threshold'))
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'table')
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option('--all', 'table output: list clear rows too')
    .option('--no-save', 'do not record the run in the database')
    // auto: a worker's start (module load, snapshot read) pays off only on large files (BENCHMARKS.md, #29)
    .option('--threads <n>', 'threads for files of 1,000 rows or more; auto: 2 on 2 cores from 20,000 rows', threadCount, 'auto')
    .action(async (file: string, opts, cmd: Command) => {
      const format = opts.format as Format;
      if (!FORMATS.includes(format)) throw new SightlineError('USAGE', `--format must be one of ${FORMATS.join(', ')}`);
      if (format === 'xlsx' && !opts.out) throw new SightlineError('USAGE', '--format xlsx needs --out FILE');
      if (!['auto', 'vendors', 'holdings'].includes(opts.kind)) throw new SightlineError('USAGE', '--kind must be vendors, holdings or auto');
      const report = await withStore(cmd.optsWithGlobals(), async (store, config) => {
        const { snapshotPath } = await import('../../snapshot/index.ts');
        const { runScreening } = await import('../../screen/index.ts');
        const { newJobId } = await import('../../server/jobs/record.ts');
        const bar = progress(io, 'screening');
        try {
          const rules = opts.rules
            ? String(opts.rules)
                .split(',')
                .map((s: string) => s.trim())
                .filter(Boolean)
            : undefined;
          const createdAt = new Date().toISOString();
          const report = await runScreening(store, file, {
            kind: opts.kind,
            map: opts.map,
            format: opts.inputFormat,
            asOf: opts.asOf,
            rules,
            relations: opts.relations,
            supply: opts.supply,
            tiers: opts.tiers,
            index: opts.index,
            hitThreshold: opts.threshold,
            algorithm: opts.algorithm,
            alsoScore: opts.alsoScore,
            snapshot: snapshotPath(config),
            threads: opts.threads,
            reviewThreshold: opts.reviewThreshold,
            onProgress: (n) => bar.update(n),
            runId: newJobId(),
          });
          if (opts.save !== false)
            await recordRun(store, file, report, createdAt, { asOf: opts.asOf, threshold: opts.threshold, rules, ...(await supplyOptions(opts)) });
          return report;
        } finally {
          bar.stop();
        }
      });
      await emit(report, format, opts.out, io, Boolean(opts.all));
      if (report.summary.hit + report.summary.review > 0) setExit(1);
      // Nothing screened is not "nothing found": a pipeline must not read it as clear.
      const unscreened = nothingScreened(report);
      if (unscreened) {
        io.err(`sightline: ${unscreened}`);
        setExit(2);
      }
    });
}

/** The run as a finished job, where the server and its audit trail see it (and can re-screen it). */
async function recordRun(store: Store, file: string, report: ScreenReport, createdAt: string, options: JobOptions): Promise<void> {
  const fileName = basename(file);
  const actor = `cli:${osUser()}`;
  const { recordFinishedJob } = await import('../../server/jobs/record.ts');
  const { screenJobResult } = await import('../../server/jobs/screen-result.ts');
  const clean = Object.fromEntries(Object.entries({ ...options, via: 'cli' }).filter(([, v]) => v !== undefined));
  await recordFinishedJob(store, {
    id: report.certificate.runId,
    kind: report.kind,
    fileName,
    data: await readFile(file),
    options: clean,
    actor,
    role: 'cli',
    createdAt,
    result: screenJobResult(report, options.asOf),
  });
}

/** A supply-chain run keeps its tiers file with the job, so that re-screening it from the web walks the same tiers. */
async function supplyOptions(opts: { supply?: boolean; tiers?: string }): Promise<JobOptions> {
  if (!opts.supply && !opts.tiers) return {};
  return { supply: true, ...(opts.tiers ? { tiers: { name: basename(opts.tiers), data: (await readFile(opts.tiers)).toString('base64') } } : {}) };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry (some containers)
  }
}

/** Why no row of the file could be screened, or undefined when some were. */
export function nothingScreened(report: ScreenReport): string | undefined {
  const s = report.summary;
  if (s.screened > 0) return undefined;
  const name = report.certificate.input?.name ?? 'the input';
  if (s.rows === 0) return `${name}: nothing screened: the file has no data rows`;
  const first = report.skipped[0];
  const why = first ? ` (row ${first.row}: ${first.reason})` : '';
  return `${name}: nothing screened: all ${s.rows} rows were skipped${why}`;
}

async function emit(report: ScreenReport, format: Format, out: string | undefined, io: CliIO, all: boolean): Promise<void> {
  const { renderText, renderCsv, renderHtml, renderXlsx } = await import('../../screen/index.ts');
  const { withBom } = await import('../../report/index.ts');
  const body: string | Buffer =
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : format === 'csv'
        ? out
          ? withBom(renderCsv(report))
          : renderCsv(report)
        : format === 'xlsx'
          ? await renderXlsx(report)
          : format === 'html'
            ? renderHtml(report)
            : renderText(report, { all });
  if (!out) return io.out(String(body));
  try {
    await writeFile(out, body);
  } catch (err) {
    throw new SightlineError('IO', `cannot write ${out}: ${(err as Error).message}`);
  }
  const s = report.summary;
  io.err(`${report.certificate.input?.name}: ${s.hit} hit, ${s.review} review, ${s.clear} clear, ${s.skipped} skipped — report written to ${out}`);
}
