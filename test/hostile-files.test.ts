// The hostile reproducers (test/fixtures/hostile and test/fixtures/io, copied from the files that crashed,
// hung or exhausted memory in Sightline's readers) through the readers behind `screen`, `devices` and
// `scan`: each gives a result or the project's own error naming the file, never another exception; and
// the CLI exits 2 with the reason when nothing could be read. Memory and time are measured by
// `npm run bench:hostile`, not here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SightlineError } from '../src/errors.ts';
import { openTable } from '../src/screen/read-table.ts';
import { readDevices } from '../src/devices/read-devices.ts';
import { readList } from '../src/lists/index.ts';
import { createScanner } from '../src/documents/scanner.ts';
import { main } from '../src/cli/main.ts';
import { bufferIO } from '../src/cli/io.ts';
import { sampleEntities } from './fixtures/documents/sample-entities.ts';
import { xlsxBomb } from './helpers/zip-writer.ts';
import { gibibyteBombs } from './helpers/bombs.ts';

const hostile = (name: string) => new URL(`fixtures/hostile/${name}`, import.meta.url).pathname;
const io = (name: string) => new URL(`fixtures/io/${name}`, import.meta.url).pathname;
const scanner = createScanner({ entities: sampleEntities() });

type Outcome = { read: number } | { code: string; message: string };
type Reader = 'screen' | 'devices' | 'scan';

/** What one reader makes of a file: how many records it read, or its error; any other exception fails the test. */
async function outcome(reader: Reader, path: string): Promise<Outcome> {
  try {
    let read = 0;
    if (reader === 'screen') for await (const _ of (await openTable(path)).rows) read++;
    else if (reader === 'devices') for await (const _ of readDevices([path])) read++;
    else read = scanner.scanDocument(await scanner.extractFile(path)).hits.length;
    return { read };
  } catch (e) {
    if (!(e instanceof SightlineError)) throw new Error(`${reader} ${basename(path)}: not the project's input error: ${(e as Error)?.stack ?? e}`);
    return { code: e.code, message: e.message };
  }
}

async function refusedByAll(path: string, code: string, pattern: RegExp): Promise<void> {
  for (const reader of ['screen', 'devices', 'scan'] as const) {
    const o = await outcome(reader, path);
    assert.ok('code' in o, `${reader} ${basename(path)} should be refused, read ${JSON.stringify(o)}`);
    assert.equal(o.code, code, `${reader}: ${o.message}`);
    assert.ok(o.message.includes(basename(path)), `${reader}: the message names the file: ${o.message}`);
    assert.match(o.message, pattern, reader);
  }
}

test('a cell reference beyond the Excel grid (colref.xlsx) is refused by every reader, naming the reference', async () => {
  await refusedByAll(io('colref.xlsx'), 'BAD_INPUT', /record xl\/worksheets\/sheet1\.xml: cell reference r="ZZZZZZZZ2" is outside the Excel grid/);
});

test('a cell at the far corner, a far row or column, and huge dimensions are read as the one cell they hold', async () => {
  for (const path of [io('farcell.xlsx'), hostile('farcol.xlsx'), hostile('farrow.xlsx'), hostile('dim.xlsx'), hostile('dim-only.xlsx')]) {
    const table = await outcome('screen', path);
    assert.deepEqual(table, { read: 1 }, basename(path));
    const devices = await outcome('devices', path);
    assert.ok('read' in devices && devices.read <= 1, `${basename(path)}: ${JSON.stringify(devices)}`);
    assert.ok('read' in (await outcome('scan', path)), basename(path));
  }
});

test('bytes after the end of a workbook (trailing-garbage.xlsx) are a corrupt ZIP for every reader', async () => {
  await refusedByAll(io('trailing-garbage.xlsx'), 'BAD_INPUT', /corrupt or unreadable ZIP container/);
});

test('every fuzz reproducer (crashes/) gives a result or an input error naming the file, in every reader', async () => {
  const dir = hostile('crashes');
  const files = readdirSync(dir);
  assert.ok(files.length >= 17);
  let refused = 0;
  for (const name of files) {
    for (const reader of ['screen', 'devices', 'scan'] as const) {
      const o = await outcome(reader, join(dir, name));
      if ('code' in o) {
        refused++;
        assert.match(
          o.message,
          new RegExp(`${name.replace(/\./g, '\\.')}.*: (cannot read workbook|corrupt|unrecognised device input|binary content|a PDF document, not a table)`),
          reader,
        );
      }
    }
  }
  assert.ok(refused > 0);
});

test('truncated PDFs are corrupt documents to scan and not tables or device lists to the others', async () => {
  for (const name of ['header-only.pdf', 'trunc10.pdf', 'trunc50.pdf']) {
    const scan = await outcome('scan', hostile(name));
    assert.ok('code' in scan && /corrupt PDF/.test(scan.message), JSON.stringify(scan));
    const table = await outcome('screen', hostile(name));
    assert.ok('code' in table && table.code === 'UNKNOWN_FORMAT' && /a PDF document, not a table/.test(table.message), JSON.stringify(table));
    assert.ok('code' in (await outcome('devices', hostile(name))));
  }
});

test('NUL bytes are refused as binary; invalid UTF-8 is read (decoded), not refused', async () => {
  await refusedByAll(io('nul.csv'), 'UNSAFE_INPUT', /binary content, not text \(NUL bytes\)/);
  await refusedByAll(io('mixed-enc.csv'), 'UNSAFE_INPUT', /binary content/);
  assert.deepEqual(await outcome('screen', io('invalid-utf8.csv')), { read: 4 });
});

test('DOCTYPE and entities, also after a long comment, are refused by the XML readers; XML is not a table', async () => {
  for (const name of ['nmap-billion.xml', 'nmap-xxe-late.xml']) {
    const o = await outcome('devices', io(name));
    assert.ok('code' in o && o.code === 'UNSAFE_INPUT' && /DOCTYPE or entities is refused/.test(o.message), JSON.stringify(o));
  }
  for (const name of ['sdn-billion.xml', 'sdn-xxe-late.xml']) {
    await assert.rejects(
      (async () => {
        for await (const _ of readList([io(name)], 'ofac-advanced'));
      })(),
      (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /DOCTYPE or entities/.test(e.message),
    );
    const table = await outcome('screen', io(name));
    assert.ok('code' in table && /XML or HTML, not a table/.test(table.message), JSON.stringify(table));
  }
});

test('archives with "../" names or nested too deep are refused by the scanner', async () => {
  const traversal = await outcome('scan', io('traversal.zip'));
  assert.ok('code' in traversal && /record \.\.\/\.\.\/etc\/evil\.txt: unsafe path/.test(traversal.message), JSON.stringify(traversal));
  const nested = await outcome('scan', io('nested.zip'));
  assert.ok('code' in nested && /nested deeper than 3 levels/.test(nested.message), JSON.stringify(nested));
});

test('an archive whose 2,000 entries overlap (overlap.zip, 120 KB claiming 20 GB) is refused by the scanner as a zip bomb', async () => {
  const o = await outcome('scan', hostile('overlap.zip'));
  assert.ok('code' in o && o.code === 'UNSAFE_INPUT' && /overlap\.zip, record k0000\.txt: .*zip bomb/.test(o.message), JSON.stringify(o));
});

test('the 1 MB → 1 GiB bombs (honest and lying XLSX, DOCX, PDF stream) are refused by every reader, as bombs by those that open them', async () => {
  const bombDir = mkdtempSync(join(tmpdir(), 'sl-bombs-'));
  try {
    for (const b of gibibyteBombs()) {
      const path = join(bombDir, b.name);
      writeFileSync(path, b.data);
      for (const reader of ['screen', 'devices', 'scan'] as const) {
        const o = await outcome(reader, path);
        assert.ok('code' in o, `${reader} ${b.name} should be refused, read ${JSON.stringify(o)}`);
        assert.ok(o.message.includes(b.name), `${reader}: the message names the file: ${o.message}`);
        // A PDF is not a table or a device list, a DOCX not a device list; to the readers that open them, bombs.
        const unopened = b.name.endsWith('.pdf') ? reader !== 'scan' : b.name.endsWith('.docx') && reader === 'devices';
        const why = unopened ? /not a table|unrecognised device input|ZIP archive, not text|not a text file/ : /(zip|decompression) bomb\?/;
        assert.match(o.message, why, `${reader} ${b.name}`);
      }
    }
  } finally {
    rmSync(bombDir, { recursive: true, force: true });
  }
});

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sl-hostile-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out = bufferIO();
  const code = await main(['--db', join(dir, 'sightline.db'), ...args], out);
  return { code, err: out.stderr.join('\n') };
}

test('the CLI exits 2 and says why when a hostile file cannot be read: screen, devices and scan', async () => {
  const bomb = join(dir, 'bomb.xlsx');
  writeFileSync(bomb, xlsxBomb(8));
  for (const [command, path, reason] of [
    ['screen', io('colref.xlsx'), /outside the Excel grid/],
    ['devices', io('trailing-garbage.xlsx'), /corrupt or unreadable ZIP/],
    ['scan', hostile('trunc10.pdf'), /corrupt PDF/],
    ['screen', bomb, /zip bomb/],
    ['devices', io('nmap-xxe-late.xml'), /DOCTYPE/],
    ['scan', io('traversal.zip'), /unsafe path/],
  ] as const) {
    const r = await cli(command, path);
    assert.equal(r.code, 2, `${command} ${basename(path)}: ${r.err}`);
    assert.match(r.err, reason, `${command} ${basename(path)}`);
    assert.ok(r.err.includes(basename(path)), r.err);
    assert.doesNotMatch(r.err, /^\s+at /m, 'no stack trace');
  }
});
