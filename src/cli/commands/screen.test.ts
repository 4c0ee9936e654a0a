import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIO } from '../io.ts';
import { main } from '../main.ts';
import { openStore } from '../../store/index.ts';
import { loadWorld } from '../../graph/load.ts';
import { buildApp } from '../../server/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-screen-'));
const db = join(dir, 'test.db');
const examples = new URL('../../../examples/', import.meta.url).pathname;

/** Runs `sightline screen …` through main's argument array against a database holding only the knowledge pack. */
async function run(args: string[]): Promise<{ exit: number; out: string; err: string }> {
  const io = bufferIO();
  const exit = await main(['--db', db, 'screen', ...args], io);
  return { exit, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('screen examples/vendors.csv --format json finds Hikvision (Chinese name), Dahua, Ezviz through Hikvision, Lorex, and exits 1', async () => {
  const { exit, out } = await run([join(examples, 'vendors.csv'), '--format', 'json', '--as-of', '2021-06-01']);
  assert.equal(exit, 1);
  const report = JSON.parse(out);
  const row = (id: string) => report.results.find((r: { input: { id: string } }) => r.input.id === id);
  assert.equal(row('V-10004').status, 'hit');
  assert.equal(row('V-10004').match.id, 'pack-hikvision');
  assert.equal(row('V-10007').status, 'hit');
  const ezviz = row('V-10010');
  assert.equal(ezviz.status, 'hit');
  assert.deepEqual(
    ezviz.paths[0].steps.map((s: { id: string }) => s.id),
    ['pack-ezviz', 'pack-hikvision'],
  );
  assert.ok(ezviz.paths[0].steps[1].listings.some((l: { list: string; since: string }) => l.list === 'EL' && l.since === '2019-10-09'));
  assert.equal(row('V-10012').status, 'hit');
  // The ordinary vendors produce nothing.
  const ordinary = report.results.filter((r: { input: { id: string } }) => !['V-10004', 'V-10007', 'V-10010', 'V-10012', 'V-10015'].includes(r.input.id));
  assert.deepEqual(
    ordinary.filter((r: { status: string }) => r.status !== 'clear').map((r: { input: { name: string } }) => r.input.name),
    [],
  );
  assert.equal(report.certificate.asOf, '2021-06-01');
  assert.ok(report.certificate.sources.some((s: { source: string; sha256: string }) => s.source === 'pack' && s.sha256.length === 64));
});

test('Lorex is not a hit as of 2024-06-01 (Dahua owned it until 2022-11-24)', async () => {
  const { out } = await run([join(examples, 'vendors.csv'), '--format', 'json', '--as-of', '2024-06-01', '--no-save']);
  const lorex = JSON.parse(out).results.find((r: { input: { id: string } }) => r.input.id === 'V-10012');
  assert.notEqual(lorex.status, 'hit');
});

test('holdings example: CNE100000PM8 is flagged NS-CMIC with its listing date; exposure shares add up', async () => {
  const { out, exit } = await run([join(examples, 'holdings.csv'), '--format', 'json', '--index', join(examples, 'index-msci-em-sample.csv'), '--no-save']);
  assert.equal(exit, 1);
  const report = JSON.parse(out);
  assert.equal(report.kind, 'holdings');
  const hik = report.results.find((r: { input: { isin: string } }) => r.input.isin === 'CNE100000PM8');
  assert.equal(hik.status, 'hit');
  assert.equal(hik.listings.find((l: { list: string }) => l.list === 'CMIC').since, '2021-06-03');
  const s = report.summary.exposure.byStatus;
  assert.ok(Math.abs(s.hit + s.review + s.clear - 1) < 1e-6);
  const eem = report.results.find((r: { input: { isin: string } }) => r.input.isin === 'US4642872349');
  assert.ok(
    eem.lookThrough.some((t: { constituent: string; exposure: number }) => /Hikvision/.test(t.constituent) && Math.abs(t.exposure - 0.06 * 0.0006) < 1e-9),
  );
});

test('the HTML report holds the certificate, escapes names, and the run is recorded as a job the server serves', async () => {
  const input = join(dir, 'vendors-html.csv');
  writeFileSync(input, 'Vendor Name,Country\n"<img src=x onerror=alert(1)> Trading",US\n杭州海康威视数字技术股份有限公司,CN\n');
  const outFile = join(dir, 'report.html');
  const { exit, err } = await run([input, '--format', 'html', '--out', outFile]);
  assert.equal(exit, 1);
  assert.match(err, /1 hit/);
  const page = readFileSync(outFile, 'utf8');
  assert.match(page, /id="certificate"/);
  assert.match(page, /vendors-html\.csv/);
  assert.doesNotMatch(page, /<img/);
  const store = await openStore(db);
  const { world, versions } = await loadWorld(store);
  const app = await buildApp({ store, world, versions, rateLimit: false });
  try {
    const latest = (await app.inject({ url: '/jobs' })).json().jobs[0];
    assert.deepEqual([latest.fileName, latest.kind, latest.status, latest.summary.hits], ['vendors-html.csv', 'vendors', 'done', 1]);
    assert.match(latest.actor, /^cli:/);
    const results = (await app.inject({ url: `/jobs/${latest.id}/results` })).json();
    assert.equal(results.rows.find((r: { hits: unknown[] }) => r.hits.length).hits[0].entityId, 'pack-hikvision');
    const html = (await app.inject({ url: `/jobs/${latest.id}/report.html` })).body;
    assert.ok(html.includes(`<code>${latest.id}</code>`), 'the certificate run id is the job id');
    assert.doesNotMatch(html, /<img/);
    const audit = (await app.inject({ url: '/audit' })).json();
    const entries = audit.entries as { action: string; subject: string }[];
    assert.equal(audit.chain, 'intact');
    assert.ok(
      entries.some((e) => e.action === 'job.recorded' && e.subject === latest.id),
      'the audit trail holds the run',
    );
    // The server can re-screen the CLI run from its stored input.
    const again = await app.inject({ method: 'POST', url: `/jobs/${latest.id}/rescreen` });
    assert.equal(again.statusCode, 202, again.body);
    await app.sightline.jobs.idle();
    assert.equal((await app.inject({ url: `/jobs/${again.json().id}` })).json().summary.hits, 1);
  } finally {
    await app.close();
    await store.close();
  }
});

test('CSV export neutralises a formula-looking vendor name', async () => {
  const input = join(dir, 'formula.csv');
  writeFileSync(input, 'Vendor Name\n=HYPERLINK("http://evil";"Hikvision")\n');
  const { out } = await run([input, '--format', 'csv', '--no-save']);
  assert.match(out, /'=HYPERLINK/);
  assert.doesNotMatch(out, /(^|,)"?=HYPERLINK/m);
});

test('a clean file exits 0; --format xlsx without --out is a usage error', async () => {
  const input = join(dir, 'clean.csv');
  writeFileSync(input, 'Vendor Name\nMaple Leaf Printing Co\n');
  const { exit, out } = await run([input, '--no-save']);
  assert.equal(exit, 0);
  assert.match(out, /0 hit, 0 review, 1 clear/);
  const bad = await run([input, '--format', 'xlsx']);
  assert.equal(bad.exit, 2);
  assert.match(bad.err, /needs --out/);
  const missing = await run([join(dir, 'nope.csv')]);
  assert.equal(missing.exit, 2);
  assert.match(missing.err, /nope\.csv: no such file/);
});

test('a file with nothing to screen exits 2 and says why: header only, or every row skipped', async () => {
  const headerOnly = join(dir, 'header-only.csv');
  writeFileSync(headerOnly, 'Vendor Name,Country\n');
  const empty = await run([headerOnly, '--no-save']);
  assert.equal(empty.exit, 2, empty.err);
  assert.match(empty.err, /header-only\.csv: nothing screened: the file has no data rows/);
  const junk = join(dir, 'all-skipped.csv');
  writeFileSync(junk, 'Vendor Name,Country\n12345,CN\n,US\n');
  const skipped = await run([junk, '--no-save']);
  assert.equal(skipped.exit, 2, skipped.err);
  assert.match(skipped.err, /all-skipped\.csv: nothing screened: all 2 rows were skipped \(row 2: name "12345" has no letters\)/);
});

test('a CSV report written to a file starts with the UTF-8 BOM (Excel reads Chinese names right); standard output has none', async () => {
  const input = join(dir, 'chinese.csv');
  writeFileSync(input, 'Vendor Name\n杭州海康威视数字技术股份有限公司\n');
  const out = join(dir, 'report.csv');
  const written = await run([input, '--format', 'csv', '--out', out, '--no-save']);
  assert.equal(written.exit, 1, written.err);
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bytes.toString('utf8'), /海康威视/);
  const printed = await run([input, '--format', 'csv', '--no-save']);
  assert.ok(!printed.out.startsWith('\uFEFF'));
});
