/**
 * Pairwise evaluation of the matcher on labelled name pairs.
 *   npm run bench:match -- --pairs FILE.jsonl [--threshold T] [--json] [--errors N] [--cv K]
 * Pairs are scored on the production path: the `b` names form one index, each `a` is scored against its
 * `b` by it (rarity weights, the fitted model). With --cv K, also the K-fold cross-validated figures.
 * With the ceiling count: non-matches whose names have the same words once legal forms are set aside
 * (different list entries with one name: a screening tool must match them) and matches that share
 * no word at all, even fuzzily (translations, unrelated aliases: no string matcher gets them); and the
 * pairs, of either label, where each name keeps a distinctive word the other lacks, with the F1 a matcher
 * reaches that gets everything else right but cannot tell those matches from those non-matches.
 * Each line: {"schema","a","b","match","kind"?}; `a` is scored as the query against a one-entity
 * candidate named `b`. Prints precision, recall and F1 overall and per kind, and the F1-best threshold.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareNames, DEFAULT_THRESHOLD } from '../src/match/index.ts';
import { fitLogistic, predict, type FitRow } from '../src/match/fit.ts';
import { MODEL_RECORD } from '../src/match/weights.ts';
import { candidateId, featureRows, indexOf, queryOf, readPairs, type Pair } from './labelled-pairs.ts';
import { DEFAULT_SETS, trainingSet } from './fit-match.ts';
import { analyseName } from '../src/names/index.ts';

interface Scored {
  /**
   * 'noise': a non-match whose names are the same words (legal form aside); 'no-shared-word': a match with
   * no word in common; 'both-unexplained': each name keeps a distinctive word the other lacks (either label)
   */
  ceiling?: 'noise' | 'no-shared-word' | 'both-unexplained';
  score: number;
  match: boolean;
  kind: string;
  a: string;
  b: string;
}

interface Metrics {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

function metrics(rows: Scored[], t: number): Metrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const r of rows) {
    const hit = r.score >= t;
    if (hit && r.match) tp++;
    else if (hit) fp++;
    else if (r.match) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : precision === null && recall === null
        ? null
        : 0;
  return { n: rows.length, tp, fp, fn, tn, precision: r4(precision), recall: r4(recall), f1: r4(f1) };
}

function r4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10000) / 10000;
}

function bestThreshold(rows: Scored[]): { threshold: number; f1: number } {
  const ts = [...new Set(rows.map((r) => r.score))].sort((a, b) => a - b);
  let best = { threshold: DEFAULT_THRESHOLD, f1: -1 };
  for (const t of ts) {
    const f1 = metrics(rows, t).f1 ?? 0;
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  return best;
}

/** A seeded shuffle, so folds are the same on every run. */
function shuffled(n: number, seed = 24): number[] {
  const out = [...Array(n).keys()];
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * k-fold cross-validation: per fold, the model is fitted (as fit:match fits it) on the other folds and
 * the other default training sets, and scores the held fold. Returns each pair's held-out score.
 */
function crossValidate(file: string, pairs: Pair[], k: number): number[] {
  const xs = featureRows(pairs);
  const own = DEFAULT_SETS.find((s) => resolve(s.file) === resolve(file));
  const weight = own?.weight ?? 1;
  const others = DEFAULT_SETS.filter((s) => s !== own).flatMap((s) => trainingSet(s.file, s.weight).rows);
  const fold = new Array<number>(pairs.length);
  shuffled(pairs.length).forEach((n, pos) => {
    fold[n] = pos % k;
  });
  const out = new Array<number>(pairs.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train: FitRow[] = [...others];
    pairs.forEach((p, n) => {
      if (fold[n] !== f) train.push({ ...xs[n], y: p.match ? 1 : 0, w: weight });
    });
    // fitted as the shipped model was (an intercept held by hand stays held)
    const fit = fitLogistic(train, undefined, MODEL_RECORD.fit.intercept_held);
    pairs.forEach((_, n) => {
      if (fold[n] === f) out[n] = Math.round(Math.max(xs[n].floor, predict(fit, xs[n].x, xs[n].offset)) * 10000) / 10000;
    });
  }
  return out;
}

function ceilingClass(schema: string, rec: { a: string; b: string; match: boolean }): Scored['ceiling'] {
  const kind = schema === 'Person' ? 'person' : 'org';
  const a = analyseName(rec.a, kind);
  const b = analyseName(rec.b, kind);
  if (!a || !b) return undefined;
  const words = (f: NonNullable<typeof a>) =>
    f.tokens
      .map((t) => t.text)
      .sort()
      .join(' ');
  if (!rec.match && words(a) === words(b)) return 'noise';
  if (a.hanCore || a.literal === b.literal) return undefined;
  const r = compareNames(a, b);
  if (r.pairs.length === 0) return rec.match ? 'no-shared-word' : undefined;
  // each name keeps a distinctive word the other lacks: looks exactly like a shared-token non-match
  const aligned = new Set(r.pairs.flatMap((p) => [...p[0].split(' '), ...p[1].split(' ')]));
  const open = (f: NonNullable<typeof a>) => f.tokens.some((t) => t.weight >= 0.5 && !t.initial && !aligned.has(t.text));
  if (open(a) && open(b)) return 'both-unexplained';
  return undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pairs: { type: 'string' },
      threshold: { type: 'string' },
      json: { type: 'boolean', default: false },
      errors: { type: 'string' },
      cv: { type: 'string' },
    },
  });
  if (!values.pairs) {
    console.error('usage: npm run bench:match -- --pairs FILE.jsonl [--threshold T] [--json]');
    process.exit(2);
  }
  const threshold = values.threshold !== undefined ? Number(values.threshold) : DEFAULT_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    console.error(`--threshold must be a number in 0..1, got ${values.threshold}`);
    process.exit(2);
  }
  const { pairs, skipped } = readPairs(values.pairs);
  // the production path: the pairs' candidates form one index, each pair scored by it as `match` scores
  const index = indexOf(pairs);
  const rows: Scored[] = pairs.map((p, n) => {
    const score = index.scoreOne(queryOf(p), candidateId(n), { threshold })?.score ?? 0;
    return { score, match: p.match, kind: p.kind, a: p.a, b: p.b, ceiling: ceilingClass(p.schema, p) };
  });
  const folds = values.cv !== undefined ? Number(values.cv) : 0;
  if (values.cv !== undefined && !(Number.isInteger(folds) && folds >= 2)) {
    console.error(`--cv must be an integer of at least 2, got ${values.cv}`);
    process.exit(2);
  }
  const cv = folds ? crossValidate(values.pairs, pairs, folds) : undefined;
  const cvMetrics = cv
    ? metrics(
        rows.map((r, n) => ({ ...r, score: cv[n] })),
        threshold,
      )
    : undefined;
  const overall = metrics(rows, threshold);
  const byKind: Record<string, Metrics> = {};
  for (const kind of [...new Set(rows.map((r) => r.kind))].sort())
    byKind[kind] = metrics(
      rows.filter((r) => r.kind === kind),
      threshold,
    );
  const best = bestThreshold(rows);
  // the best any string matcher can do here: label-noise non-matches counted as false positives,
  // no-shared-word matches as false negatives, everything else right
  const noise = rows.filter((r) => r.ceiling === 'noise').length;
  const unreachable = rows.filter((r) => r.ceiling === 'no-shared-word').length;
  const positives = rows.filter((r) => r.match).length;
  const ctp = positives - unreachable;
  const ceilingF1 = ctp > 0 ? (2 * ctp) / (2 * ctp + noise + unreachable) : 0;
  const ambiguous = rows.filter((r) => r.ceiling === 'both-unexplained' && r.match).length;
  const ambiguousMissed = rows.filter((r) => r.ceiling === 'both-unexplained' && r.match && r.score < threshold).length;
  // the same shape among the non-matches: a name matcher that cannot tell these apart either misses the
  // matches of that shape or takes the non-matches too, whichever costs less
  const ambiguousNon = rows.filter((r) => r.ceiling === 'both-unexplained' && !r.match).length;
  const f1Of = (tp: number, fp: number, fn: number) => (tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0);
  const realisticF1 = Math.max(f1Of(ctp - ambiguous, noise, unreachable + ambiguous), f1Of(ctp, noise + ambiguousNon, unreachable));
  if (values.errors) {
    const limit = Number(values.errors) || 20;
    const shown = cv ? rows.map((r, n) => ({ ...r, score: cv[n] })) : rows;
    const errs = shown.filter((r) => r.score >= threshold !== r.match).slice(0, limit);
    for (const e of errs) console.error(`${e.match ? 'FN' : 'FP'} ${e.kind} ${e.score.toFixed(3)}  ${e.a}  |  ${e.b}`);
  }
  if (values.json) {
    console.log(
      JSON.stringify({
        precision: overall.precision,
        recall: overall.recall,
        f1: overall.f1,
        threshold,
        n: rows.length,
        by_kind: byKind,
        skipped,
        best_threshold: best.threshold,
        best_f1: r4(best.f1),
        label_noise: noise,
        no_shared_word: unreachable,
        ceiling_f1: r4(ceilingF1),
        both_unexplained: ambiguous,
        both_unexplained_missed: ambiguousMissed,
        both_unexplained_non_matches: ambiguousNon,
        realistic_ceiling_f1: r4(realisticF1),
        ...(cvMetrics ? { cv_folds: folds, cv_f1: cvMetrics.f1, cv_precision: cvMetrics.precision, cv_recall: cvMetrics.recall } : {}),
      }),
    );
    return;
  }
  const fmt = (x: number | null) => (x === null ? '   -  ' : x.toFixed(4));
  console.log(`pairs ${rows.length} (skipped ${skipped}), threshold ${threshold}`);
  console.log(`overall   precision ${fmt(overall.precision)}  recall ${fmt(overall.recall)}  F1 ${fmt(overall.f1)}`);
  for (const [k, m] of Object.entries(byKind)) {
    console.log(
      `  ${k.padEnd(14)} n ${String(m.n).padStart(5)}  precision ${fmt(m.precision)}  recall ${fmt(m.recall)}  F1 ${fmt(m.f1)}  (tp ${m.tp} fp ${m.fp} fn ${m.fn} tn ${m.tn})`,
    );
  }
  if (cvMetrics)
    console.log(
      `${folds}-fold cross-validated (fit on the other folds and the other training sets, held fold scored) precision ${fmt(cvMetrics.precision)}  recall ${fmt(cvMetrics.recall)}  F1 ${fmt(cvMetrics.f1)}`,
    );
  console.log(`best threshold ${best.threshold} → F1 ${best.f1.toFixed(4)}`);
  console.log(`ceiling: ${noise} non-matches with the same words (label noise), ${unreachable} matches sharing no word → F1 ≤ ${ceilingF1.toFixed(4)}`);
  console.log(`         ${ambiguous} matches where each name keeps a distinctive word the other lacks, ${ambiguousMissed} of them missed,`);
  console.log(`         against ${ambiguousNon} non-matches of that shape → F1 ≤ ${realisticF1.toFixed(4)} for a matcher that cannot tell them apart`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
