import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSignals } from './signals.ts';
import { matchModel } from './rules.ts';
import type { EvidenceField } from './types.ts';

const one = (field: EvidenceField, value: string) => extractSignals({ items: [{ field, value, source: 'test' }] });
const makers = (field: EvidenceField, value: string) => [...new Set(one(field, value).map((s) => s.maker))];

test('Hikvision model families are recognised', () => {
  for (const m of [
    'DS-2CD2143G2-I',
    'DS-2DE4425IW-DE',
    'DS-7608NI-K2',
    'DS-7732NI-I4/16P',
    'DS-9632NI-I8',
    'IDS-2CD7A46G0-IZHS',
    'iDS-7208HUHI-M1/S',
    'DS-K1T341AMF',
    'DS-2TD2617-6/PA',
  ]) {
    assert.equal(matchModel(m)?.maker, 'Hikvision', m);
  }
});

test('HiLook, HiWatch and Ezviz models are Hikvision-made with the brand kept', () => {
  for (const [m, brand] of [
    ['IPC-B140H', 'HiLook'],
    ['IPC-T240H-M', 'HiLook'],
    ['THC-B120-PC', 'HiLook'],
    ['NVR-108MH-C/8P', 'HiLook'],
    ['HWI-B121H', 'HiWatch'],
    ['CS-C6N', 'Ezviz'],
  ]) {
    const r = matchModel(m);
    assert.equal(r?.maker, 'Hikvision', m);
    assert.equal(r?.brand, brand, m);
  }
});

test('Dahua model families and Dahua OEM models (Amcrest, Lorex) are recognised', () => {
  for (const m of [
    'DH-IPC-HFW2431SP-S-S2',
    'DHI-NVR4108HS-4KS2',
    'IPC-HFW2431S-S-S2',
    'IPC-HDW2431T-AS-S2',
    'IPC-HDBW5442R-ASE',
    'NVR5216-4KS2',
    'NVR4104-P-4KS2',
    'XVR5108HS-4KL-I3',
    'SD49225XA-HNR',
    'HAC-HFW1200R',
  ]) {
    assert.equal(matchModel(m)?.maker, 'Dahua', m);
  }
  assert.deepEqual([matchModel('IP2M-841')?.maker, matchModel('IP2M-841')?.brand], ['Dahua', 'Amcrest']);
  assert.deepEqual([matchModel('LNB2153B')?.maker, matchModel('LNB2153B')?.brand], ['Dahua', 'Lorex']);
});

test("other brands' models, including look-alike IPC- and NVR names, are never attributed to a covered maker", () => {
  const others = [
    'IPC2122SR3-PF40',
    'IPC3612ER3-PF28',
    'NVR301-04S', // Uniview
    'RLC-810A',
    'RLN8-410', // Reolink
    'IPC-HX2L',
    'IPG-50HV20PET-S',
    'NBD8904T-F', // Xiongmai-style names
    'AXIS P3245-LV',
    'P3245-LV',
    'M3106-L Mk II', // Axis
    'NDE-3502-AL',
    'FLEXIDOME IP 5000i', // Bosch
    'XNV-6080R',
    'QNO-8080R',
    'PNM-9000VQ', // Hanwha
    'LNB5100',
    'LND5100R', // LG (not Lorex)
    'SD4E29-HCPE0', // Pelco Spectra
    'HL-L2350DW',
    'OptiPlex 7090',
    'PowerEdge R740', // printer, PC, server
  ];
  for (const m of others) {
    const covered = one('model', m).filter((s) => ['Hikvision', 'Dahua', 'Huawei', 'ZTE', 'Hytera'].includes(s.maker ?? ''));
    assert.deepEqual(covered, [], m);
  }
});

test('Uniview, Reolink, Axis and Hanwha models are named as their own makers', () => {
  assert.deepEqual(makers('model', 'IPC2122SR3-PF40'), ['Uniview']);
  assert.deepEqual(makers('model', 'RLC-810A'), ['Reolink']);
  assert.deepEqual(makers('model', 'XNV-6080R'), ['Hanwha Vision']);
  assert.deepEqual(makers('service-product', 'AXIS P3245-LV Network Camera rtspd'), ['Axis Communications']);
});

test('vendor banners identify the maker', () => {
  assert.deepEqual(makers('http-server', 'App-webs/'), ['Hikvision']);
  assert.deepEqual(makers('http-server', 'Hikvision-Webs'), ['Hikvision']);
  assert.deepEqual(makers('http-server', 'DNVRS-Webs'), ['Hikvision']);
  assert.deepEqual(makers('http-server', 'DVRDVS-Webs'), ['Hikvision']);
  assert.deepEqual(makers('rtsp-server', 'Dahua Rtsp Server'), ['Dahua']);
  assert.deepEqual(makers('http-realm', 'Hikvision'), ['Hikvision']);
  assert.deepEqual(makers('http-body', '<script>var url = "/RPC2_Login";</script>'), ['Dahua']);
  assert.deepEqual(makers('http-body', 'version: "@WebVersion@"'), ['Dahua']);
  assert.deepEqual(makers('http-server', 'uc-httpd 1.0.0'), ['Xiongmai']);
  assert.deepEqual(makers('http-server', 'nginx/1.22.1'), []);
  assert.deepEqual(makers('http-server', 'Boa/0.94.14rc21'), []);
});

test('TLS subject and issuer, and SNMP enterprise OIDs identify the maker', () => {
  assert.deepEqual(makers('tls-subject', 'C=CN, ST=Zhejiang, O=HIKVISION, CN=10.0.0.64'), ['Hikvision']);
  assert.deepEqual(makers('tls-issuer', 'C=CN, O=Dahua Technology, CN=Dahua Device Root CA'), ['Dahua']);
  assert.deepEqual(makers('tls-subject', "CN=files01.corp.example, O=Let's Encrypt"), []);
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.39165.1.1'), ['Hikvision']);
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.50001.1'), ['Hikvision']);
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.1004849.2.1'), ['Dahua']);
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.2011.2.23'), ['Huawei']);
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.3902.1082'), ['ZTE']);
  // 39165 must not match a longer enterprise number that starts with it
  assert.deepEqual(makers('snmp-oid', '1.3.6.1.4.1.391650.1'), []);
});

test('manufacturer fields name makers, but "Shanghai Dahua Scale" and "compatible with Hikvision" do not', () => {
  assert.deepEqual(makers('manufacturer', 'HIKVISION'), ['Hikvision']);
  assert.deepEqual(makers('manufacturer', 'Zhejiang Dahua Technology Co., Ltd.'), ['Dahua']);
  assert.deepEqual(makers('manufacturer', 'Shanghai Dahua Scale Factory'), []);
  assert.deepEqual(makers('manufacturer', 'Generic NVR, Hikvision compatible'), []);
});

test('a brand in a manufacturer field keeps the brand and leaves the maker to the knowledge pack', () => {
  const [s] = one('manufacturer', 'Amcrest');
  assert.equal(s.brand, 'Amcrest');
  assert.equal(s.maker, undefined);
  assert.equal(s.strength, 'weak');
});

test('each signal carries its rule id, its source and where it was seen', () => {
  const [s] = one('http-server', 'App-webs/');
  assert.equal(s.rule, 'hik-server-app-webs');
  assert.match(s.ruleSource ?? '', /App-webs/);
  assert.equal(s.source, 'test');
  assert.equal(s.strength, 'strong');
});
