/** `sightline entity NAME|ID`: everything known about one party, with sources. */
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

export function registerEntity(program: Command, io: CliIO): void {
  program
    .command('entity')
    .description('show an entity: names in all scripts, identifiers, listings with dates and citations, owners, subsidiaries, brands, sources')
    .argument('<nameOrId>', 'entity id, or a name/alias')
    .option('--as-of <date>', 'as the world stood on this date (YYYY-MM-DD)')
    .option('--json', 'print as JSON')
    .action(async (query: string, opts, cmd: Command) => {
      const { showEntity } = await import('./entity-show.ts');
      await showEntity(io, query, opts, cmd.optsWithGlobals());
    });
}
