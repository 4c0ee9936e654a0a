import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SightlineError } from '../errors.ts';
import { csvRecords, sniffDelimiter, type CsvOptions, type CsvRecord } from './csv.ts';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

async function records(text: string, opts?: CsvOptions): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(chunks(text), 'x.csv', opts)) out.push(r);
  return out;
}

test('the delimiter sniffer ignores delimiters inside quotes', () => {
  assert.equal(sniffDelimiter('"Smith, Jones & Co, Ltd";"Country"\n'), ';');
  assert.equal(sniffDelimiter('Name\tCountry\tSince\n'), '\t');
  assert.equal(sniffDelimiter('Name|Country\n'), '|');
  assert.equal(sniffDelimiter('"a;b;c;d",Country,Since\n'), ',');
  assert.equal(sniffDelimiter('single column\n'), ',');
});

test('records carry the line where they start, quoted line breaks included', async () => {
  const rs = await records('Name;Note\n"Dahua";"two\nlines"\nHikvision;x\n');
  assert.deepEqual(
    rs.map((r) => [r.line, r.row, r.fields[0]]),
    [
      [1, 1, 'Name'],
      [2, 2, 'Dahua'],
      [4, 3, 'Hikvision'],
    ],
  );
});

test('an unterminated quote and a wrong column count are BAD_INPUT naming file and line', async () => {
  await assert.rejects(
    records('Name,Country\nGood,US\n"Never closed,US\n'),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /^x\.csv, line 3: malformed CSV: unterminated quoted field/.test(e.message),
  );
  await assert.rejects(
    records('a,b\n1,2\n1\n'),
    (e: unknown) => e instanceof SightlineError && e.location.line === 3 && /wrong number of columns/.test(e.message),
  );
  assert.equal((await records('a,b\n1\n', { relaxColumnCount: true })).length, 2);
});
