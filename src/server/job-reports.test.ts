import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { packageRoot } from '../paths.ts';
import { fixturePath, multipartBody, packApp, testApp } from '../../test/helpers/server.ts';
import { defaultHandlers } from './jobs/handlers.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];
type Row = {
  row: number;
  label: string;
  recordKey: string;
  hits: { entityId: string; caption: string; severity: string; lists: string[]; paths: { text: string }[]; review: { status: string } }[];
};

async function screen(app: App, file: string, kind: string, data: Buffer = readFileSync(`${packageRoot}${file}`)): Promise<string> {
  const body = multipartBody({ name: file.split('/').pop()!, data }, { kind });
  const res = await app.inject({ method: 'POST', url: '/screen', payload: body.payload, headers: body.headers });
  assert.equal(res.statusCode, 202, res.body);
  await app.sightline.jobs.idle();
  const job = (await app.inject({ url: `/jobs/${res.json().id}` })).json();
  assert.equal(job.status, 'done', job.error);
  return job.id;
}

async function decide(app: App, jobId: string, row: Row, decision: string, reason: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/decisions',
    payload: { jobId, recordKey: row.recordKey, entityId: row.hits[0].entityId, decision, reason },
  });
  assert.equal(res.statusCode, 201, res.body);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a device scan uploaded as a devices job finds covered cameras by maker with their paths; its reports are the equipment report with certificate and decisions', async () => {
  const { app, close } = await packApp({ handlers: defaultHandlers() });
  try {
    const id = await screen(app, 'examples/devices/scan.xml', 'devices');
    const r = (await app.inject({ url: `/jobs/${id}/results` })).json();
    assert.equal(r.kind, 'devices');
    const byIp = (ip: string) => r.rows.find((x: Row) => x.label.startsWith(`${ip} `)) as Row;
    const hik = byIp('192.168.10.21').hits[0];
    assert.deepEqual([hik.entityId, hik.caption, hik.severity], ['pack-hikvision', 'Hikvision', 'hit']);
    assert.ok(hik.lists.includes('NDAA889') && hik.lists.includes('FCC'));
    assert.match(hik.paths[0].text, /Hikvision DS-2CD2143G2-I → Hikvision platform → NDAA §889/);
    const amcrest = byIp('192.168.10.23');
    assert.equal(amcrest.hits[0].entityId, 'pack-dahua');
    assert.match(amcrest.hits[0].paths[0].text, /^Amcrest .* → Dahua platform \(oem/);
    assert.equal(byIp('192.168.10.40').hits.length, 0, 'an Axis camera is not covered');
    assert.ok(r.extra.certificate, 'the certificate is kept with the job');
    assert.equal(r.native, undefined, 'the module data stays out of the results');

    await decide(app, id, amcrest, 'confirmed', 'Amcrest is a <i>Dahua OEM</i>: replace');
    const html = (await app.inject({ url: `/jobs/${id}/report.html` })).body;
    assert.match(html, /<h1>Equipment screening<\/h1>/);
    assert.match(html, /id="certificate"/);
    assert.ok(html.includes(sha256(readFileSync(`${packageRoot}examples/devices/scan.xml`))), 'the certificate hashes the upload');
    assert.match(html, /<h2>Review decisions<\/h2>/);
    assert.match(html, /Amcrest is a &lt;i&gt;Dahua OEM&lt;\/i&gt;: replace/);
    assert.doesNotMatch(html, /<i>Dahua/);
    assert.ok(html.indexOf('id="review-decisions"') < html.indexOf('id="certificate"'), 'decisions come before the certificate');
    assert.doesNotMatch(html, /sightline-job-/, 'no temporary path leaks');

    const csv = (await app.inject({ url: `/jobs/${id}/report.csv` })).body.trim().split('\r\n');
    assert.match(csv[0], /^input,ref,ip,mac,.*,review_status,decided_by,decided_at,decision_reason$/);
    assert.equal(csv.length, 11);
    assert.match(csv.find((l) => l.includes('192.168.10.23'))!, /confirmed,local user,\d{4}-.*,Amcrest is a <i>Dahua OEM<\/i>: replace$/);
    const json = (await app.inject({ url: `/jobs/${id}/report.json` })).json();
    assert.equal(json.devices.length, 10);
    assert.equal(json.certificate.input.name, 'scan.xml');
    assert.equal(json.certificate.runId, id);
    assert.deepEqual(
      json.review.hits.filter((h: { decidedBy?: string }) => h.decidedBy).map((h: { row: number; status: string }) => [h.row, h.status]),
      [[amcrest.row, 'confirmed']],
    );
    assert.equal((await app.inject({ url: `/jobs/${id}/report.xlsx` })).statusCode, 404);
  } finally {
    await close();
  }
});

test('a tender uploaded as a documents job finds surveillance capabilities and listed firms; its HTML report is the scan report with certificate', async () => {
  const { app, close } = await packApp({ handlers: defaultHandlers() });
  try {
    const file = 'examples/documents/xinjiang-school-security-tender.txt';
    const id = await screen(app, file, 'documents');
    const r = (await app.inject({ url: `/jobs/${id}/results` })).json();
    const hits = r.rows.flatMap((x: Row) => x.hits);
    const ethnic = hits.find((h: Row['hits'][number]) => h.entityId === 'capability:民族属性');
    assert.ok(ethnic, 'ethnic classification is found');
    assert.equal(ethnic.severity, 'hit');
    assert.ok(
      hits.some((h: Row['hits'][number]) => h.entityId.startsWith('capability:人脸')),
      'face recognition is found',
    );
    const hik = hits.find((h: Row['hits'][number]) => h.entityId === 'pack-hikvision');
    assert.ok(hik, 'Hikvision (海康) is named');
    assert.ok(hik.lists.includes('EL'), `list codes, got ${hik.lists}`);
    assert.ok(hits.some((h: Row['hits'][number]) => h.entityId === 'pack-dahua'));

    const row = r.rows.find((x: Row) => x.hits[0].entityId === 'capability:民族属性') as Row;
    await decide(app, id, row, 'escalated', 'Ethnic classification in a school tender');
    const html = (await app.inject({ url: `/jobs/${id}/report.html` })).body;
    assert.match(html, /<h1>Document scan<\/h1>/);
    assert.match(html, /id="certificate"/);
    assert.match(html, /Document scan certificate/);
    assert.match(html, /<mark>民族属性<\/mark>|民族属性/);
    assert.match(html, /<h2>Review decisions<\/h2>[\s\S]*Escalated[\s\S]*Ethnic classification in a school tender/);
    assert.doesNotMatch(html, /sightline-job-/);
    const json = (await app.inject({ url: `/jobs/${id}/report.json` })).json();
    assert.equal(json.documents[0].path, 'xinjiang-school-security-tender.txt');
    assert.equal(json.certificate.input.sha256, sha256(readFileSync(`${packageRoot}${file}`)));
    const csv = (await app.inject({ url: `/jobs/${id}/report.csv` })).body;
    assert.match(csv, /escalated,local user,[^,]+,Ethnic classification in a school tender/);
  } finally {
    await close();
  }
});

test("vendor job reports are the screening module's (HTML, CSV, JSON and XLSX) with the certificate and each hit's decision", async () => {
  const { app, close } = await testApp({ handlers: defaultHandlers() });
  try {
    const data = Buffer.concat([readFileSync(fixturePath('vendors.csv')), Buffer.from('"<img src=x onerror=alert(1)> Trading Company",IR,x\n')]);
    const id = await screen(app, 'vendors.csv', 'vendors', data);
    const r = (await app.inject({ url: `/jobs/${id}/results` })).json();
    assert.deepEqual(r.reports, ['html', 'csv', 'json', 'xlsx']);
    const hik = r.rows.find((x: Row) => x.label.startsWith('Hikvision')) as Row;
    await decide(app, id, hik, 'dismissed', 'Our "Hikvision" is a local reseller, checked <b>registry</b>');

    const html = (await app.inject({ url: `/jobs/${id}/report.html` })).body;
    assert.match(html, /<h1>Screening report<\/h1>/);
    assert.match(html, /id="certificate"/);
    assert.ok(html.includes(`<code>${id}</code>`), 'the certificate run id is the job id');
    assert.match(html, /Dismissed[\s\S]*local user[\s\S]*Our &quot;Hikvision&quot; is a local reseller, checked &lt;b&gt;registry&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<img|<b>registry/);
    assert.match(html, /&lt;img src=x/);

    const csv = (await app.inject({ url: `/jobs/${id}/report.csv` })).body.trim().split('\r\n');
    assert.match(csv[0], /^row,status,name,country,.*,note,review_status,decided_by,decided_at,decision_reason$/);
    const hikLine = csv.find((l) => l.startsWith(`${hik.row},hit,Hikvision,`))!;
    assert.match(hikLine, /,dismissed,local user,[^,]+,"Our ""Hikvision"" is a local reseller, checked <b>registry<\/b>"$/);
    assert.match(csv.find((l) => l.includes('Northwind'))!, /,,,,$/, 'a clear row has empty review cells');

    const json = (await app.inject({ url: `/jobs/${id}/report.json` })).json();
    assert.equal(json.certificate.runId, id);
    assert.equal(json.certificate.input.name, 'vendors.csv');
    assert.equal(json.results.length, 6);
    assert.equal(json.review.hits.find((h: { recordKey: string }) => h.recordKey === hik.recordKey).status, 'dismissed');

    const xlsx = await app.inject({ url: `/jobs/${id}/report.xlsx` });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-disposition']), /filename="sightline-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Results', 'Skipped', 'Certificate', 'Review decisions'],
    );
    const sheet = wb.getWorksheet('Review decisions')!;
    const values = sheet
      .getSheetValues()
      .slice(2)
      .map((v) => (v as unknown[]).slice(1));
    const dismissed = values.find((v) => v[5] === 'dismissed')!;
    assert.equal(dismissed[7], 'local user');
    assert.match(String(dismissed[9]), /local reseller/);
  } finally {
    await close();
  }
});

test('a job without module data (stored by an older version) still downloads its review as HTML and CSV, escaped', async () => {
  const hit = {
    entityId: 'e1',
    caption: '<b>Bad</b> Co',
    schema: 'Company',
    score: 0.9,
    severity: 'hit' as const,
    via: 'name',
    lists: ['EL'],
    listings: [{ list: 'EL' }],
    paths: [],
    explanation: {},
    listingHash: 'h',
  };
  const handlers = {
    vendors: async () => ({
      kind: 'vendors',
      rows: [{ row: 2, recordKey: 'k', label: '=cmd() Ltd', input: {}, hits: [hit] }],
      summary: { rows: 1, screened: 1, skipped: 0, hits: 1, reviews: 0, clear: 0 },
      versions: [],
    }),
  };
  const { app, close } = await testApp({ handlers });
  try {
    const id = await screen(app, 'v.csv', 'vendors', Buffer.from('name\nx\n'));
    assert.deepEqual((await app.inject({ url: `/jobs/${id}/results` })).json().reports, ['html', 'csv', 'json']);
    const html = (await app.inject({ url: `/jobs/${id}/report.html` })).body;
    assert.match(html, /<h2>Review decisions<\/h2>/);
    assert.match(html, /&lt;b&gt;Bad&lt;\/b&gt; Co/);
    assert.doesNotMatch(html, /<b>Bad/);
    const csv = (await app.inject({ url: `/jobs/${id}/report.csv` })).body.trim().split('\r\n');
    assert.equal(csv[0], 'row,input,result,matched_entity,entity_id,review_status,note,decided_by,decided_at,decision_reason');
    assert.match(csv[1], /^2,'=cmd\(\) Ltd,hit,<b>Bad<\/b> Co,e1,new,/);
  } finally {
    await close();
  }
});
