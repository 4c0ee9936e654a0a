/**
 * Pairwise evaluation of the matcher on labelled name pairs.
 *   npm run bench:match -- --pairs FILE.jsonl [--threshold T] [--json] [--errors N]
 * With the ceiling count: non-matches whose names have the same words once legal forms are set aside
 * (different list entries with one name: a screening tool must match them) and matches that share
 * no word at all, even fuzzily (translations, unrelated aliases: no string matcher gets them); and the
 * pairs, of either label, where each name keeps a distinctive word the other lacks, with the F1 a matcher
 * reaches that gets everything else right but cannot tell those matches from those non-matches.
 * Each line: {"schema","a","b","match","kind"?}; `a` is scored as the query against a one-entity
 * candidate named `b`. Prints precision, recall and F1 overall and per kind, and the F1-best threshold.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { compareNames, DEFAULT_THRESHOLD, scorePair } from '../src/match/index.ts';
import { analyseName } from '../src/names/index.ts';
import { hasSchema } from '../src/model/ftm.ts';

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
  const rows: Scored[] = [];
  let skipped = 0;
  let line = 0;
  const rl = createInterface({ input: createReadStream(values.pairs, 'utf8'), crlfDelay: Infinity });
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    let rec: any;
    try {
      rec = JSON.parse(text);
    } catch {
      console.error(`${values.pairs}, line ${line}: not JSON, skipped`);
      skipped++;
      continue;
    }
    const schema = typeof rec?.schema === 'string' && hasSchema(rec.schema) ? rec.schema : 'LegalEntity';
    if (typeof rec?.match !== 'boolean' || typeof rec.a !== 'string' || typeof rec.b !== 'string') {
      skipped++;
      continue;
    }
    const { score } = scorePair({ schema, properties: { name: [rec.a] } }, { id: `b${line}`, schema, properties: { name: [rec.b] } });
    rows.push({ score, match: rec.match, kind: typeof rec.kind === 'string' ? rec.kind : 'unknown', a: rec.a, b: rec.b, ceiling: ceilingClass(schema, rec) });
  }
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
    const errs = rows.filter((r) => r.score >= threshold !== r.match).slice(0, limit);
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
  console.log(`best threshold ${best.threshold} → F1 ${best.f1.toFixed(4)}`);
  console.log(`ceiling: ${noise} non-matches with the same words (label noise), ${unreachable} matches sharing no word → F1 ≤ ${ceilingF1.toFixed(4)}`);
  console.log(`         ${ambiguous} matches where each name keeps a distinctive word the other lacks, ${ambiguousMissed} of them missed,`);
  console.log(`         against ${ambiguousNon} non-matches of that shape → F1 ≤ ${realisticF1.toFixed(4)} for a matcher that cannot tell them apart`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
