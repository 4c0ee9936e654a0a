/** The CLI's output channels, injectable so tests run commands through their argument arrays. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars); false in pipes and tests. */
  interactive: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  interactive: Boolean(process.stderr.isTTY),
};

export function bufferIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/** Fixed-width text table; cells are plain text (terminal output is not HTML). */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => [...(r[i] ?? '')].length))));
  const fmt = (r: string[]) => r.map((c, i) => clip(c ?? '', widths[i]).padEnd(widths[i])).join('  ').trimEnd();
  return [fmt(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

function clip(text: string, width: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > width ? chars.slice(0, width - 1).join('') + '…' : text.replace(/\s+/g, ' ');
}
