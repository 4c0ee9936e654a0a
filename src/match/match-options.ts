/** A match query checked and match options resolved with their defaults (the index's entry checks). */
import { badInput } from '../errors.ts';
import { hasSchema } from '../model/ftm.ts';
import { DEFAULT_THRESHOLD } from './threshold.ts';
import type { MatchOptions, MatchQuery } from './types.ts';
import { resolveConfig, resolveWeights, type MatchConfig, type Weights } from './weights.ts';

/** Results scoring below this share of the threshold are not returned, unless the caller sets a cutoff. */
const REPORT_FLOOR = 0.75;
export function checkQuery(query: MatchQuery): void {
  if (!query || typeof query !== 'object') throw badInput('match query must be an object with schema and properties');
  if (typeof query.schema !== 'string' || !hasSchema(query.schema)) throw badInput(`match query has unknown FtM schema "${String(query.schema)}"`);
  if (!query.properties || typeof query.properties !== 'object') throw badInput('match query has no properties');
  for (const [k, v] of Object.entries(query.properties)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badInput(`match query property "${k}" must be a list of strings`);
  }
}

/** MatchOptions checked, with defaults; weights and config resolved against weights.ts (unknown names are errors). */
export interface Resolved {
  limit: number;
  threshold: number;
  cutoff: number;
  weights: Weights;
  config: MatchConfig;
  accept: MatchOptions['accept'];
}

export function options(opts: MatchOptions | undefined): Resolved {
  const limit = opts?.limit ?? 10;
  const threshold = opts?.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(limit) || limit < 1) throw badInput(`limit must be a positive integer, got ${limit}`);
  if (!(threshold >= 0 && threshold <= 1)) throw badInput(`threshold must be in 0..1, got ${threshold}`);
  const cutoff = opts?.cutoff ?? threshold * REPORT_FLOOR;
  if (!(cutoff >= 0 && cutoff <= 1)) throw badInput(`cutoff must be in 0..1, got ${cutoff}`);
  return { limit, threshold, cutoff, weights: resolveWeights(opts?.weights), config: resolveConfig(opts?.config), accept: opts?.accept };
}
