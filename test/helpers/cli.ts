/** Runs the `sightline` CLI in-process against one database, collecting what it prints. */
import { bufferIO } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A runner for `sightline --db <db()> …`; `db` is read at each call (tests set it in `before`). */
export function cliRunner(db: () => string): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const io = bufferIO();
    const code = await main(['--db', db(), ...args], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
}
