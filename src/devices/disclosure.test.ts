import { test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { buildCertificate } from '../report/index.ts';
import { screenDevices } from './screen-devices.ts';
import { buildDisclosure, disclosureHtml, DRAFT_LABEL } from './disclosure.ts';
import { disclosureDocx } from './disclosure-docx.ts';
import type { DeviceRecord } from './types.ts';

async function exampleDraft() {
  const records: DeviceRecord[] = [];
  for await (const r of screenDevices(['examples/devices/scan.xml', 'examples/devices/dhcpd.leases'], { asOf: '2025-06-01' })) records.push(r);
  const certificate = buildCertificate({
    title: 'Equipment screening certificate',
    asOf: '2025-06-01',
    now: new Date('2025-06-02T09:30:00Z'),
    input: { name: 'scan.xml, dhcpd.leases', sha256: 'ab'.repeat(32) },
    versions: [],
    rules: [{ id: 'ndaa889', name: 'NDAA FY2019 §889', status: 'applied', citation: 'Pub. L. 115-232 §889' }],
  });
  return buildDisclosure(records, certificate);
}

/** The five cameras and recorders of the example scan whose maker is covered on strong signals. */
const COVERED_MODELS = ['DS-2CD2143G2-I', 'DS-7608NI-K2', 'IP2M-841B', 'IPC-B140H', 'IPC-HFW2431S-S-S2'];

test('the disclosure draft lists exactly the covered devices of the example scan, with entity, brand and model', async () => {
  const d = await exampleDraft();
  assert.deepEqual(d.covered.map((i) => i.model).sort(), COVERED_MODELS);
  const amcrest = d.covered.find((i) => i.brand === 'Amcrest')!;
  assert.equal(amcrest.entity, 'Zhejiang Dahua Technology Co., Ltd.');
  assert.match(amcrest.device, /192\.168\.10\.23, MAC 9C:8E:CD:0B:55:21/);
  assert.deepEqual(
    d.toConfirm.map((i) => i.brand),
    ['Ezviz'],
  );
  assert.equal(d.inquiry.devicesExamined, 11);
  assert.equal(d.inquiry.asOf, '2025-06-01');
});

test('the DOCX opens and reads back as the labelled draft with one item per covered device and the inquiry record', async () => {
  const d = await exampleDraft();
  const { value: text } = await mammoth.extractRawText({ buffer: await disclosureDocx(d) });
  assert.ok(text.startsWith(DRAFT_LABEL));
  const items = [...text.matchAll(/^Item \d+: (.+)$/gm)].map((m) => m[1].split(' ').at(-1)).sort();
  assert.deepEqual(items, COVERED_MODELS);
  assert.ok(!/AXIS|Dell|Brother/.test(text), 'not-covered devices are not in the disclosure');
  assert.match(text, /\[x\] does \[ \] not use covered telecommunications equipment/);
  assert.match(text, /Record of the reasonable inquiry[\s\S]*scan\.xml, dhcpd\.leases \(sha256 abab/);
  assert.equal(text.match(/Plan to phase out or replace/g)?.length, 5);
});

test('the HTML draft carries the same items and says it is a draft for counsel', async () => {
  const d = await exampleDraft();
  const page = disclosureHtml(d);
  assert.ok(page.includes('DRAFT FOR COUNSEL'));
  const models = [...page.matchAll(/<td class="model">([^<]+)<\/td>/g)].map((m) => m[1]).sort();
  assert.deepEqual(models, COVERED_MODELS);
});

test('with nothing covered, the draft suggests "does not use" and lists no item', () => {
  const certificate = buildCertificate({ versions: [], input: { name: 'empty.csv', sha256: '00' } });
  const d = buildDisclosure([], certificate);
  assert.equal(d.covered.length, 0);
  assert.match(disclosureHtml(d), /\[ \] does \[x\] not use/);
});
