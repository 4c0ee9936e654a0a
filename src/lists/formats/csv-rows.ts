/** Streams CSV rows (arrays of strings) from a list file with csv-parse, mapping its errors to BAD_INPUT. */
import { Readable, pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { badInput } from '../../errors.ts';
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
  const parser = parse({ info: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: true, bom: true });
  // pipeline (not pipe) so that read/decode errors (binary file, I/O) reach the iterator below.
  pipeline(Readable.from(readText(file)), parser, () => {});
  let nextLine = 1;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      const { record, info } = item;
      const start = nextLine;
      nextLine = info.lines + 1;
      yield { fields: record, line: start, row: info.records };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const e = err as CsvError & { lines?: number };
      throw badInput(`malformed CSV: ${csvMessage(e)}`, { file: file.name, line: e.lines ?? nextLine });
    }
    throw err;
  }
}

function csvMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `wrong number of columns (${e.message.replace(/^Invalid Record Length: /, '')})`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'stray character after a closing quote';
    default:
      return e.message;
  }
}
