/** CSV output (RFC 4180 quoting) with formula-looking cells neutralised. */
import { neutraliseCell } from './escape.ts';

export type Cell = string | number | boolean | undefined | null;

export function csvLine(cells: Cell[]): string {
  return cells
    .map((c) => {
      const s = typeof c === 'number' || typeof c === 'boolean' ? String(c) : neutraliseCell(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** UTF-8 byte-order mark: without it Excel reads a CSV file as the system code page and garbles Chinese names. */
export const UTF8_BOM = '\uFEFF';

/** A CSV document as saved to a file or downloaded: with the BOM (once). Standard output stays without, for pipes. */
export function withBom(csv: string): string {
  return csv.startsWith(UTF8_BOM) ? csv : UTF8_BOM + csv;
}

/** A whole CSV document (CRLF line ends, as RFC 4180 and Excel expect). Numbers are written as numbers. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  return `${[csvLine(headers), ...rows.map(csvLine)].join('\r\n')}\r\n`;
}
