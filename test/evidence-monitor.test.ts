/**
 * A monitor's evidence pack end to end: the list-change scenario (version A, two monitors, a decision,
 * version B, delta re-screen), the pack downloaded over the API and written by the CLI, opened as a ZIP,
 * verified by `sightline audit verify`, and refused once its alert history or one audit entry is changed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { loadWorld } from '../src/graph/load.ts';
import { buildApp } from '../src/server/app.ts';
import { ReviewStore, serverDb } from '../src/review/index.ts';
import { readZip } from '../src/io/zip.ts';
import { writeZip } from './helpers/zip-writer.ts';
import { cliRunner } from './helpers/cli.ts';
import { importVersionB, monitorsOnVersionA } from './helpers/monitor-lists.ts';

let dir = '';
let monitorId = '';
let fileSha256 = '';
const db = () => join(dir, 'evidence-monitor.db');
const sightline = cliRunner(db);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-evidence-monitor-'));
  const store = await openStore(db());
  try {
    const service = await monitorsOnVersionA(store);
    const monitor = await service.monitors.require('all vendors');
    monitorId = monitor.id;
    fileSha256 = monitor.fileSha256!;
    // confirmed on version A's listing of Qorvane, which version B changes
    const qorvane = (await service.monitors.hits(monitor.id)).find((h) => h.caption.startsWith('Qorvane'))!;
    await new ReviewStore(serverDb(store)).decide({
      ...qorvane,
      decision: 'confirmed',
      reason: 'same firm: registry number matches',
      actor: 'ana',
      role: 'reviewer',
    });
    await service.rescreenAll(await importVersionB(store));

    const { world, versions } = await loadWorld(store);
    const app = await buildApp({ store, world, versions, rateLimit: false, host: '0.0.0.0' });
    try {
      const key = (await app.sightline.keys.create('vera', 'viewer')).key;
      const pack = await app.inject({ url: `/monitors/${encodeURIComponent('all vendors')}/evidence.zip`, headers: { authorization: `Bearer ${key}` } });
      assert.equal(pack.statusCode, 200, pack.body);
      assert.equal(pack.headers['content-type'], 'application/zip');
      writeFileSync(join(dir, 'api.zip'), pack.rawPayload);
      const missing = await app.inject({ url: '/monitors/no-such-monitor/evidence.zip', headers: { authorization: `Bearer ${key}` } });
      assert.equal(missing.statusCode, 404);
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function members(file: string): Promise<Map<string, Buffer>> {
  return new Map((await readZip(readFileSync(file), file)).map((m) => [m.name, m.data]));
}

const json = (files: Map<string, Buffer>, name: string) => JSON.parse(files.get(name)!.toString());

test("the monitor's pack holds its current state, alert history, list versions, decisions and audit slice", async () => {
  const files = await members(join(dir, 'api.zip'));
  const certificate = json(files, 'certificate.json');
  assert.equal(certificate.input.sha256, fileSha256);
  assert.deepEqual(
    certificate.sources.map((s: { source: string; version: number }) => `${s.source} ${s.version}`),
    ['pack 1', 'csl 2'],
    'the last screening used version B (and the knowledge pack)',
  );
  const alerts = json(files, 'alerts.json') as { kind: string; caption: string; cause: string }[];
  assert.deepEqual(alerts.map((a) => [a.kind, a.caption, a.cause]).sort(), [
    ['changed', 'Qorvane Optics Ltd.', 'csl version 2'],
    ['new', 'Tolvaro Imaging Co., Ltd.', 'csl version 2'],
    ['resolved', 'Brixtel Vision Co., Ltd.', 'csl version 2'],
  ]);
  const lists = json(files, 'lists.json') as { source: string; version: number; current: boolean; sha256: string }[];
  assert.deepEqual(
    lists.map((v) => [v.source, v.version, v.current]),
    [
      ['csl', 1, false],
      ['pack', 1, true],
      ['csl', 2, true],
    ],
    'the version before the re-screen and the one after',
  );
  for (const v of lists) assert.match(v.sha256, /^[0-9a-f]{64}$/);
  const { decisions } = json(files, 'decisions.json');
  assert.deepEqual(
    decisions.map((d: { actor: string; reason: string }) => [d.actor, d.reason]),
    [['ana', 'same firm: registry number matches']],
  );
  const csv = files.get('report.csv')!.toString();
  assert.match(csv, /Qorvane Optics Ltd\.,hit,.*,changed,ana,/, 'decided on the old listing: changed since');
  assert.equal(csv.trim().split('\n').length - 1, 3, 'one line per current hit');
  assert.match(files.get('report.html')!.toString(), /Alert history[\s\S]*resolved[\s\S]*Monitoring certificate: all vendors/);
  assert.doesNotMatch(files.get('monitor.json')!.toString(), /"secret": "(?!set")/);

  const entries = files
    .get('audit/entries.jsonl')!
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    entries.map((e) => e.action),
    ['monitor.created', 'monitor.created', 'decision.confirmed', 'monitor.rescreened', 'monitor.rescreened', 'evidence.exported'],
  );
  const rescreened = entries.find((e) => e.action === 'monitor.rescreened' && e.subject === monitorId);
  assert.deepEqual(JSON.parse(rescreened.detail).alerts, { changed: 1, new: 1, resolved: 1 });
});

test('`sightline audit verify` accepts the pack from the API and one written by `sightline evidence`', async () => {
  const api = await sightline('audit', 'verify', join(dir, 'api.zip'));
  assert.equal(api.code, 0, api.err);
  assert.match(api.out, /verified — audit entries 1–6 chain .* 9 files match/);
  const written = await sightline('evidence', 'all vendors', '--out', join(dir, 'cli.zip'));
  assert.equal(written.code, 0, written.err);
  assert.match(written.out, /evidence pack of monitor "all vendors"/);
  const cli = await sightline('audit', 'verify', join(dir, 'cli.zip'));
  assert.equal(cli.code, 0, cli.err);
  assert.match(cli.out, /audit entries 1–7/, 'the second export is the new head');
  const prefixed = await sightline('evidence', `monitor:${monitorId}`, '--out', join(dir, 'by-id.zip'));
  assert.equal(prefixed.code, 0, prefixed.err);
  const unknown = await sightline('evidence', 'no such thing', '--out', join(dir, 'none.zip'));
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no screening job or monitor "no such thing"/);
});

test("dropping an alert from the pack, or changing a re-screen's audit entry, makes `audit verify` fail and name it", async () => {
  const files = await members(join(dir, 'api.zip'));
  const rezip = (changed: Map<string, Buffer>, name: string) => {
    writeFileSync(join(dir, name), writeZip([...changed].map(([n, data]) => ({ name: n, data }))));
    return join(dir, name);
  };
  const alerts = json(files, 'alerts.json').filter((a: { kind: string }) => a.kind !== 'resolved');
  const dropped = await sightline('audit', 'verify', rezip(new Map([...files, ['alerts.json', Buffer.from(JSON.stringify(alerts, null, 2))]]), 'alerts.zip'));
  assert.equal(dropped.code, 1);
  assert.match(dropped.err, /alerts\.json was changed/);

  const lines = files.get('audit/entries.jsonl')!.toString().trim().split('\n');
  const at = lines.findIndex((l) => JSON.parse(l).action === 'monitor.rescreened');
  const entry = JSON.parse(lines[at]);
  lines[at] = JSON.stringify({ ...entry, detail: entry.detail.replace('"resolved":1', '"resolved":0') });
  assert.notEqual(lines[at], JSON.stringify(entry), 'the entry was changed');
  const tampered = await sightline('audit', 'verify', rezip(new Map([...files, ['audit/entries.jsonl', Buffer.from(`${lines.join('\n')}\n`)]]), 'entry.zip'));
  assert.equal(tampered.code, 1);
  assert.match(tampered.err, new RegExp(`audit entry ${entry.id} does not verify`));
});
