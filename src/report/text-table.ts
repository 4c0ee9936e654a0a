/** Fixed-width text tables for terminal reports; cells are plain text (terminal output is not HTML). */

/** Widest column, in terminal cells. */
const MAX_COLUMN = 60;

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c).replace(/\s+/g, ' '))))];
  // A loop, not Math.max(...column): spreading 100,000+ rows as arguments overflows the stack.
  const widths = headers.map((_, i) => {
    let w = 0;
    for (const r of cells) w = Math.max(w, displayWidth(r[i] ?? ''));
    return Math.min(MAX_COLUMN, w);
  });
  const fmt = (r: string[]) =>
    r
      .map((c, i) => pad(clip(c ?? '', widths[i]), widths[i]))
      .join('  ')
      .trimEnd();
  return [fmt(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n');
}

/**
 * Terminal cells a code point takes: 2 for East Asian wide and fullwidth characters (Han, kana, Hangul,
 * fullwidth forms: Unicode's East_Asian_Width W/F blocks), 0 for combining marks, else 1. Padding by
 * characters misaligned every column after a Chinese name.
 */
export function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}
