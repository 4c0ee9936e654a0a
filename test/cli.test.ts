// The CLI driven through its argument array, against a temp database holding a small hand-written CSL file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from './helpers/cli.ts';

let dir: string;
let db: string;

const run = cliRunner(() => db);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sl-cli-'));
  db = join(dir, 'sightline.db');
  const r = await run('lists', 'import', 'test/fixtures/lists/csl-current.csv');
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('lists import reports the version, and a second identical import is a no-op', async () => {
  const again = await run('lists', 'import', 'test/fixtures/lists/csl-current.csv');
  assert.equal(again.code, 0);
  assert.match(again.out, /csl: identical to version \d+/);
  const status = JSON.parse((await run('lists', 'status', '--json')).out);
  const csl = status.versions.find((v: { source: string }) => v.source === 'csl');
  assert.ok(csl.counts.byList.EL >= 1);
  assert.ok(
    status.versions.some((v: { source: string }) => v.source === 'pack'),
    'the knowledge pack is loaded by default',
  );
});

test('a missing file is an error naming it, with exit code 2', async () => {
  const r = await run('lists', 'import', 'no/such/file.csv');
  assert.equal(r.code, 2);
  assert.match(r.err, /no such file or directory: no\/such\/file\.csv/);
});

test('entity Hikvision --json shows listings with dates and citations, owner, brands, Chinese name, ISIN, and sources', async () => {
  const r = await run('entity', 'Hikvision', '--json');
  assert.equal(r.code, 0, r.err);
  const v = JSON.parse(r.out);
  const listing = (code: string) => v.listings.find((l: { listCode: string }) => l.listCode === code);
  assert.equal(listing('EL').since, '2019-10-09');
  assert.match(listing('EL').citation, /84 FR 54002/);
  assert.equal(listing('CMIC').since, '2021-06-03');
  assert.equal(listing('FCC').since, '2021-03-12');
  assert.ok(listing('NDAA889'));
  for (const l of v.listings) assert.ok(l.sources.length > 0, `listing ${l.listCode} has a source`);
  assert.ok(
    v.listings.find((l: { listCode: string }) => l.listCode === 'EL').sources.some((s: { kind: string }) => s.kind === 'list'),
    'the imported EL entry is merged in',
  );
  const cetc = v.owners.find((o: { caption: string }) => /China Electronics Technology Group Corporation$/.test(o.caption));
  assert.equal(cetc.percentage, 42);
  assert.ok(cetc.source.evidence.length > 0);
  assert.ok(v.subsidiaries.some((s: { caption: string }) => /EZVIZ/i.test(s.caption)));
  assert.ok(v.names.some((n: { value: string }) => n.value === '杭州海康威视数字技术股份有限公司'));
  assert.ok(v.identifiers.some((i: { type: string; value: string }) => i.type === 'isinCode' && i.value === 'CNE100000PM8'));
});

test('entity with an unknown name is a clear error', async () => {
  const r = await run('entity', 'Nonexistent Widgets Plc');
  assert.equal(r.code, 2);
  assert.match(r.err, /no entity named/);
});

test('devices attributes the example scan and exits 1 because covered equipment was found', async () => {
  const r = await run('devices', 'examples/devices/scan.xml', '--format', 'json');
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out);
  const amcrest = report.devices.find((d: { brand: string | null }) => d.brand === 'Amcrest');
  assert.equal(amcrest.manufacturer, 'Dahua');
  assert.equal(amcrest.verdict, 'covered');
  assert.ok(amcrest.path.some((p: string) => /FCC Covered List/.test(p)));
  const axis = report.devices.find((d: { manufacturer: string | null }) => /Axis/.test(d.manufacturer ?? ''));
  assert.equal(axis.verdict, 'not covered');
  assert.ok(report.certificate.sources.length >= 1);
});

test('devices on a scan plus its DHCP leases reports each device once and writes the §889 draft with the list versions', async () => {
  const out = join(dir, 'disclosure.html');
  const r = await run('devices', 'examples/devices/scan.xml', 'examples/devices/dhcpd.leases', '--format', 'json', '--disclosure', out);
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out);
  const ips = report.devices.map((d: { ip: string }) => d.ip);
  assert.equal(ips.length, 11);
  assert.equal(new Set(ips).size, 11);
  assert.match(r.err, /wrote .*disclosure\.html: draft §889 representation for counsel, 5 covered items/);
  const page = readFileSync(out, 'utf8');
  assert.match(page, /csl version \d+, imported/);
  assert.match(page, /data\/devices\/\*\.yml, data\/rules\.yml\): applied — sha256 [0-9a-f]{16}/);
  const bad = await run('devices', 'examples/devices/scan.xml', '--disclosure', join(dir, 'x.pdf'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--disclosure must name a \.docx or \.html file/);
});

test('identify names the maker from a Dahua magicBox reply', async () => {
  const r = await run('identify', 'test/fixtures/devices/dahua-magicbox.txt', '--json');
  assert.equal(r.code, 1);
  const a = JSON.parse(r.out);
  assert.equal(a.manufacturer, 'Dahua');
  assert.ok(a.signals.length > 0);
});

test('scan finds firms and capabilities in the example documents', async () => {
  const r = await run('scan', 'examples/documents', '--format', 'json');
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out);
  const tender = report.documents.find((d: { path: string }) => d.path.endsWith('xinjiang-school-security-tender.txt'));
  const categories = new Set(tender.hits.map((h: { category: string }) => h.category));
  assert.ok(categories.has('face recognition'));
  assert.ok(categories.has('watch-list alarm'));
  assert.ok(tender.hits.some((h: { type: string; entity: { caption: string } | null }) => h.type === 'entity' && /Hikvision/.test(h.entity?.caption ?? '')));
});

test('lists diff reports entries added, removed and changed between two versions of a list', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const lines = readFileSync('test/fixtures/lists/csl-current.csv', 'utf8').split('\n');
  const header = lines[0];
  const rows = lines.slice(1).filter(Boolean);
  // v1: every row but the vessel; v2: the vessel added, Al Zawahiri removed, Hikvision's address changed.
  const v1 = `${[header, ...rows.filter((r) => !r.includes('EBANO'))].join('\n')}\n`;
  const v2 = `${[header, ...rows.filter((r) => !r.includes('AL ZAWAHIRI')).map((r) => r.replace('No. 555 Qianmo Road', 'No. 700 Dongliu Road'))].join('\n')}\n`;
  const f1 = join(dir, 'csl-v1.csv');
  const f2 = join(dir, 'csl-v2.csv');
  writeFileSync(f1, v1);
  writeFileSync(f2, v2);
  assert.equal((await run('lists', 'import', f1, '--source', 'csl-diff')).code, 0);
  assert.equal((await run('lists', 'import', f2, '--source', 'csl-diff')).code, 0);
  const r = await run('lists', 'diff', '--source', 'csl-diff', '--json');
  assert.equal(r.code, 0, r.err);
  const diff = JSON.parse(r.out);
  const ids = (xs: { id: string; schema: string }[]) =>
    xs
      .filter((x) => x.schema !== 'Sanction' && x.schema !== 'UnknownLink')
      .map((x) => x.id)
      .sort();
  assert.deepEqual(ids(diff.added), ['ofac-4243']);
  assert.deepEqual(ids(diff.removed), ['ofac-2676']);
  const changed = diff.changed.find((c: { id: string }) => c.id.startsWith('el-hangzhou-hikvision'));
  assert.deepEqual(changed.properties, ['address']);
});

test('a file that cannot be read is a message naming it, with exit code 2, not a stack trace', async () => {
  const r = await run('identify', join(dir, 'nonexistent.txt'));
  assert.equal(r.code, 2);
  assert.equal(r.err, `sightline: ${join(dir, 'nonexistent.txt')}: no such file or directory`);
});

test('unexpected errors print their message without a stack (SIGHTLINE_DEBUG=1 shows it); a locked database says an import is running', async () => {
  const { describe } = await import('../src/cli/main.ts');
  const err = new TypeError('x is not a function');
  assert.equal(describe(err), 'unexpected error: x is not a function (set SIGHTLINE_DEBUG=1 for the stack trace)');
  assert.match(describe(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), /another import is running/);
  assert.match(describe(Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/root/x.csv' })), /^\/root\/x\.csv: permission denied$/);
});

test('output into a closed pipe (`sightline … | head`) ends quietly, without an EPIPE trace', { timeout: 60_000 }, async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['bin/sightline.js', '--db', db, 'entity', 'Hikvision'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIGHTLINE_FROM_SOURCE: '1' },
  });
  // The reader goes away before the first line is written, as `head` does after its lines.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('lists import counts list entries apart from all entities, and says which version of the source it is', async () => {
  const first = await run('lists', 'import', 'test/fixtures/lists/csl-current.csv', '--source', 'csl-count');
  assert.equal(first.code, 0, first.err);
  assert.match(
    first.out,
    /^csl-count: imported version 1 \(id \d+\) — 8 list entries \(EL 3, CMIC 3, SDN 2\); 19 entities incl\. sanctions and addresses \(\d+\.\d s\)$/,
  );
});

test('devices on an inventory with a header and no rows exits 2: nothing checked is not "nothing covered"', async () => {
  const { writeFileSync } = await import('node:fs');
  const empty = join(dir, 'empty-inventory.csv');
  writeFileSync(empty, 'ip,mac,vendor,model\n');
  const r = await run('devices', empty);
  assert.equal(r.code, 2);
  assert.match(r.err, /no devices found in empty-inventory\.csv: nothing checked/);
});
