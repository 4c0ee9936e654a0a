/** Fixed-width text tables for terminal reports; cells are plain text (terminal output is not HTML). */

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  // A loop, not Math.max(...column): spreading 100,000+ rows as arguments overflows the stack.
  const widths = headers.map((_, i) => {
    let w = 0;
    for (const r of cells) w = Math.max(w, [...(r[i] ?? '')].length);
    return Math.min(60, w);
  });
  const fmt = (r: string[]) =>
    r
      .map((c, i) => clip(c ?? '', widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [fmt(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

function clip(text: string, width: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text.replace(/\s+/g, ' ');
}
