/**
 * CSV through csv-parse: a quote-aware delimiter sniffer and a record stream whose errors are
 * BAD_INPUT naming the file and the line where the bad record starts.
 */
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { badInput } from '../errors.ts';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** 1-based record number (the header, if any, is record 1). */
  row: number;
}

export interface CsvOptions {
  /** Sniffed from the first line when not given. */
  delimiter?: string;
  /** Accept records with more or fewer fields than the first (default false). */
  relaxColumnCount?: boolean;
  /** Accept quotes inside unquoted fields (default false). */
  relaxQuotes?: boolean;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter that occurs most often outside quotes on the first line (comma when none does). */
export function sniffDelimiter(sample: string): string {
  const line = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/** Streams CSV records from decoded text chunks (see readText in encoding.ts). */
export async function* csvRecords(text: AsyncIterable<string>, file: string, opts: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const it = text[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const delimiter = opts.delimiter ?? sniffDelimiter(first.value.slice(0, 64 * 1024));
  const parser = parse({
    delimiter,
    info: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: opts.relaxColumnCount ?? false,
    relax_quotes: opts.relaxQuotes ?? false,
  });
  if (opts.relaxColumnCount) acceptAnyRecordLength(parser);
  async function* replay(): AsyncGenerator<string> {
    yield first.value as string;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  // pipeline (not pipe) so that read/decode errors (binary file, I/O) reach the iterator below.
  pipeline(Readable.from(replay()), parser, () => {});
  let nextLine = 1;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      const start = nextLine;
      nextLine = item.info.lines + 1;
      yield { fields: item.record, line: start, row: item.info.records };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const e = err as CsvError & { lines?: number };
      throw badInput(`malformed CSV: ${csvMessage(e)}`, { file, line: e.lines ?? nextLine });
    }
    throw err;
  } finally {
    // the parser stopped (an error, or the caller stopped reading): close the source too, or its file stays open
    it.return?.(undefined)?.catch(() => {});
  }
}

/**
 * With relax_column_count, csv-parse still builds a CsvError (stack trace, cloned context) for every record
 * whose length differs from the first and then drops it: half the time of a ragged file (a 1 MB fuzz input of
 * 92,000 ragged rows took 1.4 s of CPU to parse, 0.6 s with this). A record is of the expected length when
 * the expected length is its own (csv-parse 7's parser state; checked by io/csv.test.ts).
 */
function acceptAnyRecordLength(parser: ReturnType<typeof parse>): void {
  const state = (parser as unknown as { state?: { record?: unknown[] } }).state;
  if (!state || !Array.isArray(state.record)) return;
  Object.defineProperty(state, 'expectedRecordLength', { get: () => state.record?.length, set: () => {}, configurable: true });
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
