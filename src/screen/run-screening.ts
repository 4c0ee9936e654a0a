/**
 * One screening run end to end, as a library call the CLI (and later the server) wraps: world (plus any
 * user relations) → matcher index → rules → rows → report with certificate → audit record in the store.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ALGORITHM, algorithmName, algorithmThreshold, buildAlgorithmIndex, DEFAULT_THRESHOLD } from '../match/index.ts';
import { openWorldIndex, snapshotKey } from '../snapshot/index.ts';
import { AUTO_THREADED_ROWS, MIN_THREADED_ROWS, threadedBatch } from './thread-pool.ts';
import { alsoScores } from './also-score.ts';
import { createWorld, type MergedWorld } from '../graph/world.ts';
import { packSources } from '../pack/index.ts';
import type { Store, VersionInfo } from '../store/index.ts';
import { buildCertificate, type CertificateRule } from '../report/index.ts';
import { SightlineError } from '../errors.ts';
import { parseColumnMap, type ColumnMap } from './columns.ts';
import { loadIndexFile } from './holdings.ts';
import { readRelationsFile, relationEntities } from './relations-file.ts';
import { RowScreener, HIT_THRESHOLD, REVIEW_THRESHOLD, type Matcher } from './row-screener.ts';
import { selectRules } from '../graph/rules.ts';
import { screenFile, summarise } from './screen-file.ts';
import { supplyChain, supplyRules } from './supply-chain.ts';
import { readTiersFile } from './tiers-file.ts';
import type { Table, TableFormat } from './read-table.ts';
import type { ScreenKind } from './types.ts';
import type { ScreenReport } from './report-model.ts';

export interface ScreeningOptions {
  kind?: ScreenKind | 'auto';
  /** `name="Vendor Name",country=Country` or a parsed map. */
  map?: string | ColumnMap;
  format?: TableFormat;
  asOf?: string;
  /** Rule set ids; default: every rule in force on the as-of date. */
  rules?: string[];
  relations?: string;
  index?: string;
  hitThreshold?: number;
  reviewThreshold?: number;
  onProgress?: (rows: number) => void;
  runId?: string;
  now?: Date;
  /** The file already read (see ScreenFileOptions.table). */
  table?: Table;
  /** The matching algorithm (default: Sightline's matcher; `ofac-sls`: OFAC's Sanctions List Search score). */
  algorithm?: string;
  /** Other algorithms whose score each row also gets (a second score column). */
  alsoScore?: string[];
  /** Supply chains: Xinjiang origin and UFLPA sectors of every row (implied by `tiers`). */
  supply?: boolean;
  /** Supplier tiers file (buyer,supplier,product,share,source): exposures below each tier-1 supplier. */
  tiers?: string;
  /** The snapshot file of the world and index (snapshot/): opened instead of building them, written when absent or stale. */
  snapshot?: string;
  /**
   * Threads for large files (default 1), the calling one included; each worker opens `snapshot`. Results and
   * order are those of one thread. `auto`: two where the machine has two cores, for files of AUTO_THREADED_ROWS or more.
   */
  threads?: number | 'auto';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkOptions(o: ScreeningOptions): { hit: number; review: number } {
  const algorithm = algorithmName(o.algorithm);
  const defaultHit = algorithmThreshold(algorithm);
  if (o.asOf && (!DATE.test(o.asOf) || Number.isNaN(Date.parse(o.asOf))))
    throw new SightlineError('USAGE', `--as-of must be a date YYYY-MM-DD, got "${o.asOf}"`);
  const hit = o.hitThreshold ?? defaultHit;
  const defaultReview = defaultHit === HIT_THRESHOLD ? REVIEW_THRESHOLD : Math.round((defaultHit - 0.1) * 100) / 100;
  const review = o.reviewThreshold ?? Math.min(defaultReview, hit);
  for (const [k, v] of [
    ['threshold', hit],
    ['review threshold', review],
  ] as const)
    if (!(v > 0 && v <= 1)) throw new SightlineError('USAGE', `${k} must be in (0, 1], got ${v}`);
  if (review > hit) throw new SightlineError('USAGE', `review threshold ${review} is above the hit threshold ${hit}`);
  return { hit, review };
}

/** The rules of a run as the certificate lists them: applied, and those not in force on the day. */
export function certificateRules(selection: ReturnType<typeof selectRules>, extra: typeof selection.rules = []): CertificateRule[] {
  return [
    ...[...selection.rules, ...extra].map(
      (r): CertificateRule => ({ id: r.id, name: r.name, status: 'applied', effective: r.effective, citation: r.citation }),
    ),
    ...selection.inactive.map(
      ({ rule: r, reason }): CertificateRule => ({
        id: r.id,
        name: r.name,
        status: 'not in force',
        effective: r.effective,
        note: reason,
        citation: r.citation,
      }),
    ),
  ];
}

/** Screens a file against a given world (tests, server) and builds the report. */
export async function screenAgainst(
  world: MergedWorld,
  versions: VersionInfo[],
  file: string,
  o: ScreeningOptions = {},
  matcher?: Matcher,
): Promise<ScreenReport> {
  const { hit, review } = checkOptions(o);
  let w = world;
  if (o.relations) {
    const rel = await readRelationsFile(o.relations);
    w = createWorld([...world.all(), ...relationEntities(world, rel)], packSources());
  }
  // Screening is always as of a date: without --as-of, the day of the run, so that ended ownerships,
  // brand links and listings (Lorex left Dahua on 2022-11-24) no longer count.
  const asOf = o.asOf ?? (o.now ?? new Date()).toISOString().slice(0, 10);
  const selection = selectRules(o.rules, asOf);
  const screener = new RowScreener(w, matcher ?? buildAlgorithmIndex(algorithmName(o.algorithm), w.parties()), {
    kind: o.kind === 'holdings' ? 'holdings' : 'vendors',
    rules: selection.rules,
    asOf,
    hitThreshold: hit,
    reviewThreshold: review,
  });
  const index = o.index ? await loadIndexFile(o.index) : undefined;
  const map = typeof o.map === 'string' ? parseColumnMap(o.map) : o.map;
  // threads open the snapshot: only when the matcher is the snapshot's own index (runScreening passes it then)
  const auto = o.threads === 'auto';
  const threads = o.threads === 'auto' ? Math.min(2, availableParallelism()) : (o.threads ?? 1);
  const snapshot = threads > 1 && o.snapshot && matcher && !o.relations ? o.snapshot : undefined;
  const setup = { snapshot, key: snapshotKey(versions), rules: o.rules, asOf, hitThreshold: hit, reviewThreshold: review };
  const minRows = auto ? AUTO_THREADED_ROWS : MIN_THREADED_ROWS;
  const screenRows = snapshot ? (kind: ScreenKind) => threadedBatch(threads, { ...setup, snapshot, kind }, (r) => screener.screen(r), minRows) : undefined;
  const out = await screenFile(file, screener, {
    kind: o.kind,
    map,
    format: o.format,
    index,
    onProgress: o.onProgress,
    table: o.table,
    screenRows,
  });
  if (o.alsoScore?.length) alsoScores(w.parties(), out.results, o.alsoScore);
  const tiers = o.tiers ? await readTiersFile(o.tiers) : undefined;
  const supply = o.supply || tiers ? supplyChain(w, out.results, { asOf, screener, tiers }) : undefined;
  if (supply) out.summary = summarise(out.summary.rows, out.results, out.summary.skipped, out.summary.exposure);
  const rules = certificateRules(selection, supply ? supplyRules() : []);
  const certificate = buildCertificate({
    runId: o.runId,
    now: o.now,
    asOf,
    versions,
    input: out.input,
    rules,
    thresholds: { hit, review, matcher_default: DEFAULT_THRESHOLD },
    options: {
      kind: out.kind,
      columns: out.columns,
      rules: o.rules ?? 'all in force',
      ...(o.algorithm ? { algorithm: algorithmName(o.algorithm) } : {}),
      ...(o.alsoScore?.length ? { also_score: o.alsoScore.map(algorithmName) } : {}),
      ...(o.relations ? { relations: o.relations.split(/[\\/]/).pop() } : {}),
      ...(tiers ? { tiers: tiers.name } : {}),
      ...(index ? { index: index.name, index_constituents: index.constituents } : {}),
    },
  });
  return {
    certificate,
    kind: out.kind,
    columns: out.columns,
    summary: out.summary,
    skipped: out.skipped,
    results: out.results,
    ...(supply ? { supply } : {}),
    ...(o.alsoScore?.length ? { alsoScore: o.alsoScore.map(algorithmName) } : {}),
  };
}

/** Loads the world from the store and screens (the CLI records the run as a job: server/jobs/record.ts). */
export async function runScreening(store: Store, file: string, o: ScreeningOptions = {}): Promise<ScreenReport> {
  const { world, versions, index } = await openWorldIndex(store, o.snapshot);
  // the snapshot's index is the default matcher's over the stored world; a relations file changes the world
  const matcher = algorithmName(o.algorithm) === ALGORITHM && !o.relations ? index : undefined;
  return screenAgainst(world, versions, file, { ...o, runId: o.runId ?? randomUUID() }, matcher);
}
