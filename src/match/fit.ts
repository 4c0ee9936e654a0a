/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty on
 * the weights (not the intercept): the fit behind `npm run fit:match`. A dozen features and a few
 * thousand pairs converge in a few iterations; no dependency needed.
 */

export interface FitRow {
  x: readonly number[];
  y: 0 | 1;
  /** sample weight (a small hand-checked set may count more than a large noisy one) */
  w: number;
  /** log-odds the features set by hand add to this row (held fixed while the others are fitted) */
  offset?: number;
  /** the least score the row gets whatever the fit (scorer.ts floorOf); not fitted, applied when scoring */
  floor?: number;
}

export interface Fit {
  intercept: number;
  weights: number[];
  iterations: number;
}

/** L2 penalty on the weights: keeps features that never fire, or always fire together, finite. */
export const DEFAULT_L2 = 1e-4;
const MAX_ITER = 50;
const TOLERANCE = 1e-8;

/** Solves A·x = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    [m[col], m[piv]] = [m[piv], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let k = col; k <= n; k++) m[r][k] -= f * m[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Fits P(y=1) = σ(b + w·x) to weighted rows, maximising the penalised log-likelihood (per unit of sample weight).
 * `intercept`: b held at that value and only w fitted (the log-odds of a pair with no evidence set by hand).
 */
export function fitLogistic(rows: readonly FitRow[], l2 = DEFAULT_L2, intercept?: number): Fit {
  if (!rows.length) throw new Error('no rows to fit');
  const d = rows[0].x.length + 1;
  const beta = new Array<number>(d).fill(0);
  if (intercept !== undefined) beta[0] = intercept;
  const total = rows.reduce((s, r) => s + r.w, 0);
  let it = 0;
  for (; it < MAX_ITER; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const r of rows) {
      const z = [1, ...r.x];
      let t = r.offset ?? 0;
      for (let k = 0; k < d; k++) t += beta[k] * z[k];
      const p = 1 / (1 + Math.exp(-t));
      const g = (r.w / total) * (r.y - p);
      const h = (r.w / total) * p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i] += g * z[i];
        for (let k = 0; k < d; k++) hess[i][k] += h * z[i] * z[k];
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i] -= l2 * beta[i];
      hess[i][i] += l2;
    }
    hess[0][0] += 1e-9;
    if (intercept !== undefined) {
      grad[0] = 0;
      for (let i = 0; i < d; i++) hess[0][i] = hess[i][0] = i === 0 ? 1 : 0;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let i = 0; i < d; i++) (beta[i] += step[i]), (moved = Math.max(moved, Math.abs(step[i])));
    if (moved < TOLERANCE) break;
  }
  return { intercept: beta[0], weights: beta.slice(1), iterations: it + 1 };
}

/** Predicted probability of a row under a fit. */
export function predict(fit: Fit, x: readonly number[], offset = 0): number {
  let t = fit.intercept + offset;
  for (let k = 0; k < x.length; k++) t += fit.weights[k] * x[k];
  return 1 / (1 + Math.exp(-t));
}

export interface CalibrationBin {
  from: number;
  to: number;
  pairs: number;
  /** share of matches among the pairs scored in [from, to) */
  matches: number;
}

/** Scores in tenths against the share of matches among the pairs that scored so. */
export function calibration(scored: readonly { p: number; y: 0 | 1 }[], bins = 10): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = scored.filter((s) => s.p >= from && (s.p < to || (b === bins - 1 && s.p <= to)));
    const m = inBin.filter((s) => s.y === 1).length;
    out.push({ from, to, pairs: inBin.length, matches: inBin.length ? Math.round((m / inBin.length) * 1000) / 1000 : 0 });
  }
  return out;
}
