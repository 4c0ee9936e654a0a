/** Streams CSV rows (arrays of strings) from a list file through the shared CSV reader (strict, comma). */
import { csvRecords, type CsvRecord } from '../../io/csv.ts';
import { readText } from '../input.ts';
import type { ListFile } from '../format.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
  /** 1-based row number (the header, if any, is row 1). */
  row: number;
}

export async function* csvRows(file: ListFile): AsyncGenerator<CsvRow> {
  yield* csvRecords(readText(file), file.name, { delimiter: ',' }) as AsyncGenerator<CsvRecord>;
}

/** The lower-cased column names of a CSV file's first line (from its head), for format detection. */
export function headerOf(head: string): string[] {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}
