/** The CLI's output channels, injectable so tests run commands through their argument arrays. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars); false in pipes and tests. */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

export function bufferIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

// Terminal tables are a report format; commands import them from here with the other output helpers.
export { table } from '../report/text-table.ts';
