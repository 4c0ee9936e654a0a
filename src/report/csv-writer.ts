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

/** A whole CSV document (CRLF line ends, as RFC 4180 and Excel expect). Numbers are written as numbers. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  return `${[csvLine(headers), ...rows.map(csvLine)].join('\r\n')}\r\n`;
}
