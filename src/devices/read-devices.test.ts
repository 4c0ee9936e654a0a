import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevices, detectFormat } from './read-devices.ts';
import { attribute } from './attribute.ts';
import { TruncatedInputError } from './nmap-xml.ts';
import { SightlineError } from '../errors.ts';
import type { DeviceInput } from './types.ts';

const fx = (name: string) => join('test/fixtures/devices', name);
async function all(paths: string[], opts = {}): Promise<DeviceInput[]> {
  const out: DeviceInput[] = [];
  for await (const d of readDevices(paths, opts)) out.push(d);
  return out;
}

test('the example nmap scan attributes every camera right, with evidence, and leaves ordinary hosts alone', async () => {
  const devices = await all(['examples/devices/scan.xml']);
  assert.equal(devices.length, 10, 'the down host is skipped');
  const by = new Map(devices.map((d) => [d.ip, attribute(d.evidence, undefined, { asOf: '2025-06-01' })]));
  const expect: [string, string | null, string | null, string][] = [
    ['192.168.10.21', 'Hikvision', 'Hikvision', 'covered'],
    ['192.168.10.22', 'Dahua', 'Dahua', 'covered'],
    ['192.168.10.23', 'Dahua', 'Amcrest', 'covered'],
    ['192.168.10.24', 'Hikvision', 'Ezviz', 'likely covered'],
    ['192.168.10.25', 'Hikvision', 'HiLook', 'covered'],
    ['192.168.10.30', 'Hikvision', 'Hikvision', 'covered'],
    ['192.168.10.40', 'Axis Communications', null, 'not covered'],
    ['192.168.10.50', 'Brother Industries, LTD.', null, 'not covered'],
    ['192.168.10.60', 'Dell Inc.', null, 'not covered'],
    ['192.168.10.70', 'Intel Corporate', null, 'not covered'],
  ];
  for (const [ip, maker, brand, verdict] of expect) {
    const a = by.get(ip)!;
    assert.deepEqual([a.manufacturer, a.brand, a.verdict], [maker, brand, verdict], ip);
  }
  assert.equal(by.get('192.168.10.21')!.model, 'DS-2CD2143G2-I');
  assert.equal(by.get('192.168.10.22')!.model, 'IPC-HFW2431S-S-S2');
  assert.equal(by.get('192.168.10.23')!.model, 'IP2M-841B');
  assert.equal(by.get('192.168.10.30')!.model, 'DS-7608NI-K2');
  const hik = by.get('192.168.10.21')!;
  const banner = hik.signals.find((s) => s.rule === 'hik-server-app-webs')!;
  assert.equal(banner.source, 'scan.xml host 192.168.10.21 port 80 http-server-header');
  assert.ok(hik.signals.some((s) => s.rule === 'hik-tls-subject'));
  assert.ok(hik.signals.some((s) => s.kind === 'mac-oui' && s.maker === 'Hikvision'));
});

test('a truncated nmap file yields its complete hosts, then says after how many it was cut', async () => {
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const d of readDevices([fx('truncated-scan.xml')])) seen.push(d.ref);
    })(),
    (e: unknown) => e instanceof TruncatedInputError && e.hosts === 1 && /truncated after 1 hosts/.test(e.message) && /truncated-scan\.xml/.test(e.message),
  );
  assert.deepEqual(seen, ['192.168.10.21']);
});

test('nmap XML with a DOCTYPE is refused as unsafe', async () => {
  await assert.rejects(all([fx('doctype-scan.xml')]), (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT');
});

test('malformed nmap XML is a BAD_INPUT error naming the file and line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-dev-'));
  const p = join(dir, 'bad.xml');
  writeFileSync(
    p,
    '<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/></host>\n<host><status state="up"></hostx>\n</nmaprun>\n',
  );
  await assert.rejects(all([p]), (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /bad\.xml, line 4/.test(e.message));
});

test('inventory CSV columns are detected, mixed MAC separators read, malformed MACs noted', async () => {
  const devices = await all(['examples/devices/inventory.csv']);
  assert.equal(devices.length, 11);
  assert.equal(devices[1].mac, '08:ED:ED:71:0C:44');
  assert.equal(devices[0].ip, '192.168.10.21');
  assert.equal(devices[0].hostname, 'cam-lobby-01');
  const verdicts = devices.map((d) => attribute(d.evidence, undefined, { asOf: '2025-06-01' }));
  assert.deepEqual(
    verdicts.map((v) => v.verdict),
    ['covered', 'covered', 'covered', 'covered', 'not covered', 'listed maker', 'not covered', 'covered', 'not covered', 'not covered', 'not identified'],
  );
  assert.deepEqual([verdicts[3].manufacturer, verdicts[3].brand], ['Dahua', 'Lorex']);
  assert.ok(devices[10].evidence.notes?.some((n) => /malformed MAC/.test(n)));
});

test('the map option overrides inventory column detection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-dev-'));
  const p = join(dir, 'assets.csv');
  writeFileSync(p, 'Tag;NIC;Part;Maker\nX1;04eecd3a127f;DS-2CD2143G2-I;HIK\n');
  const [d] = await all([p], { format: 'inventory', map: { mac: 'NIC', model: 'Part', manufacturer: 'Maker' } });
  assert.equal(d.mac, '04:EE:CD:3A:12:7F');
  assert.equal(attribute(d.evidence).manufacturer, 'Hikvision');
  await assert.rejects(all([p], { format: 'inventory', map: { model: 'Nope' } }), /mapped column "Nope" not found/);
});

test('dhcpd leases, dnsmasq leases and ARP tables in every dialect are read', async () => {
  const leases = await all(['examples/devices/dhcpd.leases']);
  assert.deepEqual(
    leases.map((d) => d.ip),
    ['192.168.10.21', '192.168.10.23', '192.168.10.24', '192.168.10.50', '192.168.10.77'],
  );
  assert.equal(leases[2].hostname, 'EZVIZ-CS-C6N');
  assert.equal(attribute(leases[4].evidence).manufacturer, null, 'a randomised (locally administered) MAC has no vendor');
  const dns = await all([fx('dnsmasq.leases')]);
  assert.deepEqual(
    dns.map((d) => [d.ip, d.hostname]),
    [
      ['192.168.10.22', undefined],
      ['192.168.10.40', 'axis-accc8ea1223b'],
    ],
  );
  const arp = await all([fx('arp-tables.txt')]);
  assert.deepEqual(
    arp.map((d) => d.mac),
    ['04:EE:CD:3A:12:7F', '08:ED:ED:71:0C:44', '9C:8E:CD:0B:55:21', '3C:2A:F4:7E:90:11', '10:98:19:3E:5A:02'],
  );
  assert.equal(arp[1].hostname, 'cam2.lan');
});

test('ONVIF WS-Discovery replies give one device per ProbeMatch; raw HTTP headers one device', async () => {
  const onvif = await all([fx('ws-discovery.xml')]);
  assert.deepEqual(
    onvif.map((d) => d.ip),
    ['192.168.10.21', '192.168.10.40'],
  );
  assert.equal(attribute(onvif[0].evidence).manufacturer, 'Hikvision');
  assert.equal(attribute(onvif[0].evidence).model, 'DS-2CD2143G2-I');
  assert.equal(attribute(onvif[1].evidence).verdict, 'not covered');
  const [http] = await all([fx('hikvision-401.http')]);
  const a = attribute(http.evidence);
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.verdict, 'covered');
});

test('formats are detected from content', async () => {
  assert.equal(await detectFormat('examples/devices/scan.xml'), 'nmap');
  assert.equal(await detectFormat('examples/devices/inventory.csv'), 'inventory');
  assert.equal(await detectFormat('examples/devices/dhcpd.leases'), 'dhcpd');
  assert.equal(await detectFormat(fx('dnsmasq.leases')), 'dnsmasq');
  assert.equal(await detectFormat(fx('arp-tables.txt')), 'arp');
  assert.equal(await detectFormat(fx('ws-discovery.xml')), 'onvif');
  assert.equal(await detectFormat(fx('hikvision-401.http')), 'http');
});

test('XLSX inventories are read with the same column detection', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Assets');
  ws.addRow(['Device Name', 'MAC', 'Vendor', 'Model Number']);
  ws.addRow(['cam-1', '04:EE:CD:3A:12:7F', 'Hikvision', 'DS-2CD2143G2-I']);
  ws.addRow(['cam-2', 'B8-A4-4F-10-20-30', 'Axis', 'P3245-LV']);
  const dir = mkdtempSync(join(tmpdir(), 'sl-dev-'));
  const p = join(dir, 'assets.xlsx');
  await wb.xlsx.writeFile(p);
  const devices = await all([p]);
  assert.deepEqual(
    devices.map((d) => [d.ref, d.hostname, d.mac]),
    [
      ['line 2', 'cam-1', '04:EE:CD:3A:12:7F'],
      ['line 3', 'cam-2', 'B8:A4:4F:10:20:30'],
    ],
  );
  assert.deepEqual(
    devices.map((d) => attribute(d.evidence).verdict),
    ['covered', 'not covered'],
  );
});

// Hostile inputs reach the shared input layer (src/io); its own tests cover each attack in depth.
const ioFixture = (name: string) => join('test/fixtures/io', name);

test('an inventory XLSX zip bomb, a lying XLSX and an off-grid cell reference are refused by the shared XLSX reader', async () => {
  const { xlsxBomb } = await import('../../test/helpers/zip-writer.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sl-dev-'));
  writeFileSync(join(dir, 'bomb.xlsx'), xlsxBomb(8));
  writeFileSync(join(dir, 'lying.xlsx'), xlsxBomb(3, 200));
  await assert.rejects(
    all([join(dir, 'bomb.xlsx')]),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /^bomb\.xlsx, record xl\/worksheets\/sheet1\.xml: .*zip bomb/.test(e.message),
  );
  await assert.rejects(
    all([join(dir, 'lying.xlsx')]),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /lying\.xlsx.*declared size/.test(e.message),
  );
  await assert.rejects(
    all([ioFixture('colref.xlsx')]),
    (e: unknown) => e instanceof SightlineError && e.code === 'BAD_INPUT' && /colref\.xlsx.*outside the Excel grid/.test(e.message),
  );
});

test('nmap XML with a DOCTYPE after a long comment is recognised as nmap and refused; billion laughs too', async () => {
  assert.equal(await detectFormat(ioFixture('nmap-xxe-late.xml')), 'nmap');
  for (const f of ['nmap-xxe-late.xml', 'nmap-billion.xml']) {
    await assert.rejects(
      all([ioFixture(f)]),
      (e: unknown) =>
        e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && new RegExp(`^${f.replace('.', '\\.')}, line \\d+: XML declaring a DOCTYPE`).test(e.message),
    );
  }
});

test('inventory CSV: quoted delimiters, GBK with Chinese headers, binary content refused', async () => {
  const iconv = (await import('iconv-lite')).default;
  const dir = mkdtempSync(join(tmpdir(), 'sl-dev-'));
  writeFileSync(join(dir, 'quoted.csv'), 'Name;MAC;Vendor\n"cam, lobby; east";04:EE:CD:3A:12:7F;Hikvision\n');
  const [q] = await all([join(dir, 'quoted.csv')], { format: 'inventory' });
  assert.deepEqual([q.hostname, q.mac], ['cam, lobby; east', '04:EE:CD:3A:12:7F']);
  writeFileSync(join(dir, 'gbk.csv'), iconv.encode('设备名称,MAC地址,厂商,型号\n大厅摄像机,04eecd3a127f,海康威视,DS-2CD2143G2-I\n', 'gbk'));
  const [g] = await all([join(dir, 'gbk.csv')], { format: 'inventory' });
  assert.deepEqual([g.hostname, g.mac], ['大厅摄像机', '04:EE:CD:3A:12:7F']);
  await assert.rejects(
    all([ioFixture('nul.csv')], { format: 'inventory' }),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT' && /^nul\.csv: binary content/.test(e.message),
  );
});

test('a flood of blank lines or carriage returns after a line start is detected and read, not backtracked over (fuzz: each hung a reader)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-flood-'));
  const flood = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  // A dnsmasq line, 200,000 blank lines, nothing else known: the detector's patterns once ran on over them from every line.
  const blank = flood('dnsmasq.leases', `174122310910.40 axis-accc8ea1\n${'\n'.repeat(200_000)}223b *\n`);
  await assert.rejects(all([blank]), (e: unknown) => e instanceof SightlineError && e.code === 'UNKNOWN_FORMAT');
  const leases = flood(
    'dhcpd.leases',
    `${'\n'.repeat(100_000)}lease 10.0.0.7 {\n  hardware ethernet 04:ee:cd:3a:12:7f;\n${'\n'.repeat(100_000)}}\n${'lease 10.0.0.8 {\n'.repeat(20_000)}`,
  );
  const read = await all([leases]);
  assert.deepEqual(
    read.map((d) => [d.ip, d.mac, d.ref]),
    [['10.0.0.7', '04:EE:CD:3A:12:7F', 'line 100001']],
  );
  const arp = flood('neighbours.txt', `${'\r'.repeat(40_000)}Internet  10.0.0.9  5  04ee.cd3a.1280  ARPA\n`);
  assert.equal(await detectFormat(arp), 'arp');
  const inventory = flood('inv.txt', `${'mac'.repeat(20_000)}\n`);
  await assert.rejects(detectFormat(inventory), (e: unknown) => e instanceof SightlineError && e.code === 'UNKNOWN_FORMAT');
  assert.equal(await detectFormat(flood('inv2.txt', 'Hostname;MAC address\ncam;04:ee:cd:3a:12:7f\n')), 'inventory');
});
