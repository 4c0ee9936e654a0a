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

test('ragged rows in a relaxed table are read with their own lengths and lines, no error built per row (fuzz: 1 MB of them took over 2 s)', async () => {
  const text = `Name,Country\n${'Hikvision\nDahua,CN,extra\n'.repeat(500)}`;
  const captured = Error.captureStackTrace;
  let errorsBuilt = 0;
  Error.captureStackTrace = (target: object, ctor?: (...args: never[]) => unknown) => {
    if (ctor?.name === 'CsvError') errorsBuilt++;
    captured(target, ctor);
  };
  let rs: CsvRecord[];
  try {
    rs = await records(text, { relaxColumnCount: true });
  } finally {
    Error.captureStackTrace = captured;
  }
  assert.equal(rs.length, 1001);
  assert.deepEqual(
    rs.slice(0, 3).map((r) => [r.line, r.fields]),
    [
      [1, ['Name', 'Country']],
      [2, ['Hikvision']],
      [3, ['Dahua', 'CN', 'extra']],
    ],
  );
  assert.equal(rs[1000]!.line, 1001);
  assert.equal(errorsBuilt, 0);
  // Without relaxing, the first ragged row is still an error naming its line.
  await assert.rejects(records(text), (e: unknown) => e instanceof SightlineError && e.location.line === 2);
});

test('a CSV file that fails, or whose reader stops early, leaves no file open (the fuzz found descriptors of deleted inputs held)', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readText } = await import('./encoding.ts');
  const { openFilesUnderSettled } = await import('../../test/helpers/open-files.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sightline-csv-fd-'));
  try {
    // larger than one read (256 KB), so the file is still open when the parser stops
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},Northwind Office Supplies ${i},GB`).join('\n');
    const malformed = join(dir, 'malformed.csv');
    writeFileSync(malformed, `id,name,country\n1,"unterminated,GB\n${rows}\n`);
    const good = join(dir, 'good.csv');
    writeFileSync(good, `id,name,country\n${rows}\n`);
    for (let k = 0; k < 5; k++) {
      await assert.rejects(async () => {
        for await (const _ of csvRecords(readText(malformed, 'malformed.csv'), 'malformed.csv')) {
        }
      }, /malformed CSV/);
      for await (const _ of csvRecords(readText(good, 'good.csv'), 'good.csv')) break;
    }
    assert.deepEqual(await openFilesUnderSettled(dir), [], 'every read stream closed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
