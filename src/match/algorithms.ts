/**
 * The algorithms a caller may choose: the default matcher (screening quality) and `ofac-sls` (parity with
 * OFAC's Sanctions List Search). Each builds a MatchIndex over the same entities; the API, the CLI and
 * screening pick one by name.
 */
import type { Entity } from '../model/entity.ts';
import { badInput } from '../errors.ts';
import { buildIndex, type MatchIndex } from './match-index.ts';
import { OFAC_SLS } from './ofac-sls.ts';
import { buildOfacSlsIndex, SLS_THRESHOLD } from './ofac-sls-index.ts';
import { DEFAULT_THRESHOLD } from './threshold.ts';
import { ALGORITHM, ALGORITHM_NAMES, BEST_ALIAS } from './weights.ts';

/** The algorithm a name stands for (`best` is the default matcher); unknown names are a BAD_INPUT error naming the known ones. */
export function algorithmName(value: string | undefined): string {
  const name = value === undefined || value === '' ? ALGORITHM : value;
  if (!ALGORITHM_NAMES.includes(name)) throw badInput(`unknown algorithm "${name}"; known algorithms: ${ALGORITHM_NAMES.join(', ')}`);
  return name === BEST_ALIAS ? ALGORITHM : name;
}

export function buildAlgorithmIndex(name: string, entities: Iterable<Entity>): MatchIndex {
  return algorithmName(name) === OFAC_SLS ? buildOfacSlsIndex(entities) : buildIndex(entities);
}

/** The threshold an algorithm uses when none is given: OFAC's slider setting for `ofac-sls`. */
export function algorithmThreshold(name: string): number {
  return algorithmName(name) === OFAC_SLS ? SLS_THRESHOLD : DEFAULT_THRESHOLD;
}
