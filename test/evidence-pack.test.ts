/**
 * The evidence pack end to end: a screening with a four-eyes decision, its pack downloaded over the API
 * and written by the CLI, opened as a ZIP, verified by `sightline audit verify`, and refused once one
 * audit entry or one file in it is changed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { loadWorld } from '../src/graph/load.ts';
import { buildApp } from '../src/server/app.ts';
import { readZip } from '../src/io/zip.ts';
import { fixturePath, multipartBody } from './helpers/server.ts';
import { writeZip } from './helpers/zip-writer.ts';
import { cliRunner } from './helpers/cli.ts';

let dir = '';
let jobId = '';
const db = () => join(dir, 'evidence.db');
const sightline = cliRunner(db);
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-evidence-'));
  const store = await openStore(db());
  const { world, versions } = await loadWorld(store);
  const app = await buildApp({ store, world, versions, rateLimit: false, host: '0.0.0.0', fourEyes: true });
  try {
    const analyst = (await app.sightline.keys.create('ann', 'analyst')).key;
    const reviewer = (await app.sightline.keys.create('rex', 'reviewer')).key;
    const approver = (await app.sightline.keys.create('apollonia', 'approver')).key;
    const upload = multipartBody({ name: 'vendors.csv', data: readFileSync(fixturePath('vendors.csv')) }, { kind: 'vendors' });
    jobId = (await app.inject({ method: 'POST', url: '/screen', payload: upload.payload, headers: { ...upload.headers, ...auth(analyst) } })).json().id;
    await app.sightline.jobs.idle();
    const results = (await app.inject({ url: `/jobs/${jobId}/results`, headers: auth(analyst) })).json();
    const row = results.rows.find((r: { hits: unknown[] }) => r.hits.length);
    const decision = {
      jobId,
      recordKey: row.recordKey,
      entityId: row.hits[0].entityId,
      decision: 'confirmed',
      reason: 'same company: registry number matches',
    };
    const { proposal } = (await app.inject({ method: 'POST', url: '/decisions', payload: decision, headers: auth(reviewer) })).json();
    const approved = await app.inject({
      method: 'POST',
      url: `/proposals/${proposal.id}/approve`,
      payload: { reasonCode: 'independently-verified' },
      headers: auth(approver),
    });
    assert.equal(approved.statusCode, 200);
    const pack = await app.inject({ url: `/jobs/${jobId}/evidence.zip`, headers: auth(analyst) });
    assert.equal(pack.statusCode, 200);
    assert.equal(pack.headers['content-type'], 'application/zip');
    writeFileSync(join(dir, 'api.zip'), pack.rawPayload);
  } finally {
    await app.close();
    await store.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function members(file: string): Promise<Map<string, Buffer>> {
  return new Map((await readZip(readFileSync(file), file)).map((m) => [m.name, m.data]));
}

test('the pack from the API opens as a ZIP with the certificate, reports, list versions, decisions and audit slice', async () => {
  const files = await members(join(dir, 'api.zip'));
  for (const name of [
    'certificate.json',
    'report.html',
    'report.csv',
    'lists.json',
    'decisions.json',
    'decisions.csv',
    'audit/entries.jsonl',
    'audit/proof.json',
  ])
    assert.ok(files.has(name), `${name} is in the pack`);
  const lists = JSON.parse(files.get('lists.json')!.toString());
  assert.ok(lists.length > 0);
  for (const v of lists) assert.match(`${v.source} ${v.sha256} ${v.importedAt}`, /^\S+ [0-9a-f]{64} \d{4}-\d\d-\d\dT/);
  const { decisions, proposals } = JSON.parse(files.get('decisions.json')!.toString());
  assert.deepEqual(
    decisions.map((d: { actor: string; approvedBy: string; reason: string }) => [d.actor, d.approvedBy, d.reason]),
    [['rex', 'apollonia', 'same company: registry number matches']],
  );
  assert.equal(proposals[0].resolution.reasonCode, 'independently-verified');
  const actions = files
    .get('audit/entries.jsonl')!
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).action);
  assert.deepEqual(actions, ['job.created', 'decision.proposed', 'decision.approved', 'evidence.exported']);
  assert.match(files.get('report.html')!.toString(), /same company: registry number matches/);
});

test('`sightline audit verify` accepts the pack from the API and one written by `sightline evidence`', async () => {
  const api = await sightline('audit', 'verify', join(dir, 'api.zip'));
  assert.equal(api.code, 0, api.err);
  assert.match(api.out, /verified — audit entries 1–4 chain .* 6 files match/);
  const written = await sightline('evidence', jobId, '--out', join(dir, 'cli.zip'));
  assert.equal(written.code, 0, written.err);
  const cli = await sightline('audit', 'verify', join(dir, 'cli.zip'));
  assert.equal(cli.code, 0, cli.err);
  assert.match(cli.out, /audit entries 1–5/, 'the second export is the new head; the first stays in the slice');
  assert.equal((await sightline('audit', 'verify')).code, 0, "the database's own chain is intact");
});

test('changing one audit entry, or one file, makes `audit verify` fail and name it', async () => {
  const files = await members(join(dir, 'api.zip'));
  const lines = files.get('audit/entries.jsonl')!.toString().trim().split('\n');
  const entry = JSON.parse(lines[2]);
  lines[2] = JSON.stringify({ ...entry, detail: entry.detail.replace('independently-verified', 'evidence-sufficient') });
  const rezip = (changed: Map<string, Buffer>, name: string) => {
    writeFileSync(join(dir, name), writeZip([...changed].map(([n, data]) => ({ name: n, data }))));
    return join(dir, name);
  };
  const tampered = await sightline('audit', 'verify', rezip(new Map([...files, ['audit/entries.jsonl', Buffer.from(`${lines.join('\n')}\n`)]]), 'entry.zip'));
  assert.equal(tampered.code, 1);
  assert.match(tampered.err, new RegExp(`audit entry ${entry.id} does not verify: its content does not match its hash`));

  const csv = files.get('report.csv')!.toString().replace('Hikvision', 'Hikvisión');
  const edited = await sightline('audit', 'verify', rezip(new Map([...files, ['report.csv', Buffer.from(csv)]]), 'file.zip'));
  assert.equal(edited.code, 1);
  assert.match(edited.err, /report\.csv was changed/);

  const untouched = await sightline('audit', 'verify', rezip(files, 'same.zip'));
  assert.equal(untouched.code, 0, 'the same files in another ZIP still verify');
  assert.equal((await sightline('audit', 'verify', join(dir, 'missing.zip'))).code, 2);
});
