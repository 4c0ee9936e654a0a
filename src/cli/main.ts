/** The `sightline` command line: a thin shell over the library; errors are mapped to messages and exit codes here. */
import { Command, CommanderError } from 'commander';
import { SightlineError } from '../errors.ts';
import { processIO, type CliIO } from './io.ts';
import { registerCommands } from './commands/index.ts';
import { VERSION } from '../version.ts';

/** Exit codes for pipelines: 0 nothing found, 1 hits or reviews, 2 error. */
export const EXIT = { clear: 0, hits: 1, error: 2 } as const;

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('sightline')
    .description('Sightline: find exposure to sanctioned and human-rights-implicated surveillance companies, and prove it')
    .version(VERSION)
    .option('--db <path>', 'database: SQLite file or postgres:// URL (env SIGHTLINE_DB)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError();
  registerCommands(program, io, setExit);
  return program;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let exit: number = EXIT.clear;
  const program = buildProgram(io, (code) => (exit = Math.max(exit, code)));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT.error;
    if (err instanceof SightlineError) {
      io.err(`sightline: ${err.message}`);
      return EXIT.error;
    }
    io.err(`sightline: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return EXIT.error;
  }
}
