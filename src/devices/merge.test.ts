import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeDevices } from './merge.ts';
import { screenDevices } from './screen-devices.ts';
import { attribute } from './attribute.ts';
import type { DeviceInput, DeviceRecord, EvidenceItem } from './types.ts';

const device = (ref: string, ids: { ip?: string; mac?: string; hostname?: string }, ...items: EvidenceItem[]): DeviceInput => ({
  ref,
  ...ids,
  evidence: { items },
});
const item = (field: EvidenceItem['field'], value: string, source: string): EvidenceItem => ({ field, value, source });

test('the example scan and DHCP leases report each of the 11 devices once, with the evidence of both files', async () => {
  const records: DeviceRecord[] = [];
  for await (const r of screenDevices(['examples/devices/scan.xml', 'examples/devices/dhcpd.leases'], { asOf: '2025-06-01' })) records.push(r);
  assert.equal(records.length, 11);
  const ips = records.map((r) => r.ip);
  assert.equal(new Set(ips).size, ips.length, 'one address, one device, one verdict');
  const hik = records.find((r) => r.ip === '192.168.10.21')!;
  assert.deepEqual(hik.inputs, ['scan.xml', 'dhcpd.leases']);
  assert.deepEqual(hik.mergedBy, ['dhcpd.leases by MAC 04:EE:CD:3A:12:7F']);
  const sources = new Set(hik.attribution.signals.map((s) => s.source.split(' ')[0]));
  assert.deepEqual([...sources].sort(), ['dhcpd.leases', 'scan.xml']);
  assert.equal(hik.attribution.verdict, 'covered');
  const phone = records.find((r) => r.ip === '192.168.10.77')!;
  assert.deepEqual(phone.inputs, ['dhcpd.leases']);
  assert.equal(phone.attribution.verdict, 'not identified');
});

test('a lease for another MAC at the same IP is another device; a shared default hostname does not join two cameras', () => {
  const merged = mergeDevices([
    { input: 'scan.xml', device: device('a', { ip: '10.0.0.5', mac: '04:ee:cd:00:00:01', hostname: 'HIKVISION' }) },
    { input: 'dhcpd.leases', device: device('b', { ip: '10.0.0.5', mac: '04-EE-CD-00-00-02' }) },
    { input: 'dhcpd.leases', device: device('c', { ip: '10.0.0.9', hostname: 'hikvision' }) },
  ]);
  assert.equal(merged.length, 3);
});

test('records join by MAC across separator styles, then by IP, then by hostname, keeping every item once', () => {
  const seen = item('hostname', 'cam-lobby', 'inventory.csv row 2 hostname');
  const merged = mergeDevices([
    { input: 'scan.xml', device: device('10.0.0.5', { ip: '10.0.0.5', mac: '04:EE:CD:00:00:01' }, item('model', 'DS-2CD2143G2-I', 'scan.xml host 10.0.0.5')) },
    { input: 'inventory.csv', device: device('row 2', { mac: '04ee.cd00.0001', hostname: 'cam-lobby' }, seen, seen) },
    { input: 'arp.txt', device: device('10.0.0.5', { ip: '10.0.0.5' }) },
    { input: 'notes.csv', device: device('row 7', { hostname: 'CAM-LOBBY' }, item('text', 'lobby camera', 'notes.csv row 7')) },
  ]);
  assert.equal(merged.length, 1);
  const [d] = merged;
  assert.deepEqual(d.inputs, ['scan.xml', 'inventory.csv', 'arp.txt', 'notes.csv']);
  assert.deepEqual(d.mergedBy, ['inventory.csv by MAC 04:EE:CD:00:00:01', 'arp.txt by IP 10.0.0.5', 'notes.csv by hostname cam-lobby']);
  assert.equal(d.hostname, 'cam-lobby');
  assert.equal(d.evidence.items.length, 3);
});

test('the same MAC at a second address is one device, and the second address is noted', () => {
  const [d, ...rest] = mergeDevices([
    { input: 'scan.xml', device: device('x', { ip: '10.0.0.5', mac: '04:EE:CD:00:00:01' }) },
    { input: 'dhcpd.leases', device: device('y', { ip: '10.0.0.6', mac: '04:EE:CD:00:00:01' }) },
  ]);
  assert.equal(rest.length, 0);
  assert.equal(d.ip, '10.0.0.5');
  assert.deepEqual(d.evidence.notes, ['dhcpd.leases also places this device at 10.0.0.6']);
});

test('verdicts say what they mean: listed maker, not identified, not covered, each with its rule', () => {
  const uniview = attribute(
    { items: [item('model', 'IPC2122SR3-PF40', 'inventory.csv row 3 model'), item('manufacturer', 'Uniview', 'inventory.csv row 3')] },
    undefined,
    {
      asOf: '2025-06-01',
    },
  );
  assert.equal(uniview.verdict, 'listed maker');
  assert.match(uniview.rule, /made by a listed company, not §889-covered: made by Uniview, on BIS Entity List .*89 FR 99703/);
  const randomised = attribute({ items: [item('mac', '5A:1F:0B:22:9C:E4', 'dhcpd.leases line 56')] }, undefined, { asOf: '2025-06-01' });
  assert.equal(randomised.verdict, 'not identified');
  assert.match(randomised.rule, /randomised \(locally administered\) MAC 5A:1F:0B:22:9C:E4/);
  const axis = attribute({ items: [item('model', 'AXIS P3245-LV', 'scan.xml host 10.0.0.8')] }, undefined, { asOf: '2025-06-01' });
  assert.equal(axis.verdict, 'not covered');
  assert.match(axis.rule, /not covered: made by Axis Communications, tied to no listed party/);
  const dahua = attribute({ items: [item('model', 'IPC-HFW2431S-S-S2', 'scan.xml host 10.0.0.9')] }, undefined, { asOf: '2025-06-01' });
  assert.equal(dahua.verdict, 'covered');
  assert.match(dahua.rule, /^covered equipment under NDAA §889 .*FCC Covered List.*: made by Dahua$/);
  assert.doesNotMatch(dahua.rule, /Entity List/);
});
