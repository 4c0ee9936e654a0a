import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { identify } from './identify.ts';
import { SightlineError } from '../errors.ts';

const fx = (name: string) => readFileSync(`test/fixtures/devices/${name}`, 'utf8');

test('a pasted Hikvision ISAPI deviceInfo reply names Hikvision, the model and the MAC vendor', () => {
  const a = identify(fx('hikvision-isapi-deviceinfo.xml'));
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.model, 'DS-2CD2043G2-IU');
  assert.equal(a.verdict, 'covered');
  assert.ok(a.signals.some((s) => s.rule === 'hik-isapi-schema'));
  assert.ok(a.signals.some((s) => s.rule === 'hik-ds-camera' && s.source.includes('<model>')));
});

test('a pasted Dahua magicBox.cgi reply names Dahua from deviceType and vendor=General', () => {
  const a = identify(fx('dahua-magicbox.txt'));
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.model, 'IPC-HDW2431T-AS-S2');
  assert.equal(a.verdict, 'covered');
  assert.ok(a.signals.some((s) => s.rule === 'dahua-vendor-general'));
});

test('an SNMP walk of a Dahua NVR names Dahua from the enterprise OID and the model', () => {
  const a = identify(fx('dahua-nvr-snmpwalk.txt'));
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.verdict, 'covered');
  const oid = a.signals.find((s) => s.rule === 'dahua-snmp-1004849');
  assert.equal(oid?.value, '1.3.6.1.4.1.1004849.2.1');
  assert.ok(a.signals.some((s) => s.rule === 'dahua-nvr'));
});

test('an openssl x509 dump with O = HIKVISION names Hikvision', () => {
  const a = identify(fx('hikvision-cert.txt'));
  assert.equal(a.manufacturer, 'Hikvision');
  assert.ok(a.signals.some((s) => s.rule === 'hik-tls-subject'));
});

test('an ONVIF GetDeviceInformation reply gives manufacturer and model', () => {
  const a = identify(fx('onvif-device-information.xml'));
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.model, 'IPC-HFW5442E-ZE');
});

test('an RTSP exchange with a Dahua server header names Dahua', () => {
  const a = identify(
    'OPTIONS rtsp://10.1.1.5:554/cam/realmonitor RTSP/1.0\r\nCSeq: 1\r\n\r\nRTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\nPublic: OPTIONS, DESCRIBE\r\n\r\nRTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Login to 4K0A1B2PAZ11111", nonce="abc"\r\n',
  );
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.verdict, 'likely covered', 'a digest realm alone is a weak signal');
});

test('nmap -oN output is read: service rows, script lines and the MAC line', () => {
  const a = identify(`Nmap scan report for 10.0.0.5
Host is up (0.0010s latency).
PORT    STATE SERVICE VERSION
80/tcp  open  http    Hikvision IP camera httpd
|_http-server-header: App-webs/
554/tcp open  rtsp    Hikvision 7513 POE IP camera rtspd
MAC Address: 04:EE:CD:3A:12:7F (Hangzhou Hikvision Digital Technology)`);
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.verdict, 'covered');
  assert.ok(a.signals.some((s) => s.kind === 'mac-oui'));
});

test('a truncated ISAPI paste still gives the partial answer and says it was truncated', () => {
  const cut = fx('hikvision-isapi-deviceinfo.xml').split('<serialNumber>')[0];
  const a = identify(cut);
  assert.equal(a.manufacturer, 'Hikvision');
  assert.equal(a.model, 'DS-2CD2043G2-IU');
  assert.ok(a.notes?.some((n) => /not well formed/.test(n)));
});

test('a monitoring log line with a model number is enough for an answer', () => {
  const a = identify('2025-03-01T10:00:01Z WARN camera 10.2.3.4 (IPC-HDBW2431E-S-S2) offline');
  assert.equal(a.manufacturer, 'Dahua');
  assert.equal(a.model, 'IPC-HDBW2431E-S-S2');
});

test('XML pastes with a DOCTYPE are refused', () => {
  assert.throws(
    () => identify('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><DeviceInfo><model>&a;</model></DeviceInfo>'),
    (e: unknown) => e instanceof SightlineError && e.code === 'UNSAFE_INPUT',
  );
});

test('text that mentions nothing recognisable gives an honest empty answer', () => {
  const a = identify('printer on 2nd floor is jammed again');
  assert.equal(a.manufacturer, null);
  assert.equal(a.verdict, 'not identified');
});

test('HTTP headers with a flood of carriage returns are read, not backtracked over (fuzz: 18 KB hung identify)', () => {
  const text = `HTTP/1.1 401 Unauthorized\r\nServer: lighttpd\r\nWWW-Authenticate: Digest realm="x"${'\r'.repeat(200_000)}\r\n\r\nvendor=General\r\n`;
  const r = identify(text);
  assert.equal(r.manufacturer, 'Dahua');
});
