/** `sightline match NAME`: one name (or identifier) against everything loaded, explained. */
import type { Command } from 'commander';
import { openWorld, withStore } from '../context.ts';
import type { CliIO } from '../io.ts';
import { table } from '../io.ts';
import type { MatchQuery } from '../../match/index.ts';
import { SightlineError } from '../../errors.ts';
import type { World } from '../../graph/types.ts';

const ID_PREFIXES: Record<string, string> = {
  ISIN: 'isinCode',
  LEI: 'leiCode',
  USCC: 'uscCode',
  TICKER: 'ticker',
  REG: 'registrationNumber',
  IMO: 'imoNumber',
  SWIFT: 'swiftBic',
};

export function parseIdentifier(text: string): [string, string] {
  const m = /^([A-Za-z]+):(.+)$/.exec(text.trim());
  const prop = m && ID_PREFIXES[m[1].toUpperCase()];
  if (!m || !prop) throw new SightlineError('USAGE', `--id takes TYPE:VALUE with TYPE one of ${Object.keys(ID_PREFIXES).join(', ')} (got "${text}")`);
  return [prop, m[2].trim()];
}

export function matchListings(world: World, id: string, asOf?: string) {
  return world
    .listings(id, asOf)
    .map((l) => ({ list: l.list, listCode: l.listCode, program: l.program ?? null, since: l.since ?? null, citation: l.citation ?? null }));
}

export function registerMatch(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('match')
    .description('match one name against all loaded lists and the knowledge pack, with an explanation per result')
    .argument('[name]', 'the name to match (any script)')
    .option('--schema <schema>', 'FtM schema of the query: Company, Organization, Person, LegalEntity', 'LegalEntity')
    .option('--country <code...>', 'country code(s), e.g. CN')
    .option('--id <type:value...>', 'identifier(s), e.g. ISIN:CNE100000PM8, LEI:…, USCC:…')
    .option('--birth-date <date>', 'birth date for persons')
    .option('--limit <n>', 'results to show', '5')
    .option('--threshold <t>', 'match threshold 0..1 (default: the algorithm default: 0.75, ofac-sls 0.8)')
    .option('--algorithm <name>', 'sightline-v1 (default) or ofac-sls (the score of OFAC Sanctions List Search)')
    .option('--as-of <date>', 'only listings in force on this date')
    .option('--json', 'print JSON: {query, results: [{id, caption, schema, score, match, listings, explanation}]}')
    .action(async (name: string | undefined, opts, cmd: Command) => {
      const properties: Record<string, string[]> = {};
      if (name !== undefined) properties.name = [name];
      if (opts.country) properties.country = opts.country.map((c: string) => c.toLowerCase());
      if (opts.birthDate) properties.birthDate = [opts.birthDate];
      for (const id of opts.id ?? []) {
        const [prop, value] = parseIdentifier(id);
        (properties[prop] ??= []).push(value);
      }
      if (!properties.name?.some((n) => n.trim()) && !opts.id) throw new SightlineError('USAGE', 'give a name or an --id to match');
      const threshold = opts.threshold !== undefined ? Number(opts.threshold) : undefined;
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
        throw new SightlineError('USAGE', `--threshold must be between 0 and 1 (got ${opts.threshold})`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new SightlineError('USAGE', `--limit must be a positive whole number (got ${opts.limit})`);
      await withStore(cmd.optsWithGlobals(), async (store, config) => {
        // Loaded lazily: the matcher pulls in the transliteration tables, which other commands don't need.
        const { algorithmName, ALGORITHM, buildAlgorithmIndex } = await import('../../match/index.ts');
        const opened = await openWorld(store, config);
        const { world } = opened;
        // the snapshot holds the default matcher's index; other algorithms build theirs
        const index = algorithmName(opts.algorithm) === ALGORITHM ? opened.index : buildAlgorithmIndex(opts.algorithm, world.parties());
        const query: MatchQuery = { schema: opts.schema, properties };
        const results = index.match(query, { limit, threshold }).map((r) => ({
          id: r.id,
          caption: r.caption,
          schema: r.schema,
          score: round(r.score),
          match: r.match,
          listings: matchListings(world, r.id, opts.asOf),
          explanation: Object.fromEntries(Object.entries(r.explanation).map(([k, f]) => [k, { score: round(f.score), detail: f.detail }])),
        }));
        if (results.some((r) => r.match)) setExit(1);
        if (opts.json) return io.out(JSON.stringify({ query, results }, null, 2));
        if (!results.length) return io.out('no candidates');
        io.out(
          table(
            ['score', 'match', 'entity', 'schema', 'lists', 'id'],
            results.map((r) => [
              r.score.toFixed(2),
              r.match ? 'MATCH' : '',
              r.caption,
              r.schema,
              r.listings.map((l) => `${l.listCode}${l.since ? ` ${l.since}` : ''}`).join(', '),
              r.id,
            ]),
          ),
        );
        const top = results[0];
        io.out(`\nWhy "${top.caption}":`);
        for (const [k, f] of Object.entries(top.explanation)) io.out(`  ${k.padEnd(18)} ${f.score.toFixed(2)}  ${f.detail}`);
      });
    });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
