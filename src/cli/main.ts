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
    io.err(`sightline: ${describe(err)}`);
    return EXIT.error;
  }
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on device',
};

/** A message for errors the commands did not wrap: file-system errors name the path; others keep the stack only with SIGHTLINE_DEBUG=1. */
export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === 'string' && SYSTEM_ERRORS[e.code]) return `${e.path ? `${e.path}: ` : ''}${SYSTEM_ERRORS[e.code]}`;
  if (e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY'))
    return 'the database is locked: another import is running on it; try again when that import has finished';
  if (process.env.SIGHTLINE_DEBUG === '1') return `unexpected error: ${e?.stack ?? String(err)}`;
  return `unexpected error: ${e?.message ?? String(err)} (set SIGHTLINE_DEBUG=1 for the stack trace)`;
}
