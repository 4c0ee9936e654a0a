import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseMac, isLocallyAdministered, findMacs } from './mac.ts';
import { lookupOui, classifyMac } from './oui.ts';

test('MACs in colon, dash, Cisco dot, bare and unpadded macOS forms normalise to one spelling', () => {
  for (const raw of ['04:ee:cd:3a:12:7f', '04-EE-CD-3A-12-7F', '04ee.cd3a.127f', '04EECD3A127F', '4:ee:cd:3a:12:7f']) {
    assert.equal(normaliseMac(raw), '04:EE:CD:3A:12:7F', raw);
  }
});

test('malformed MACs are rejected rather than guessed', () => {
  for (const raw of ['zz:zz:zz:zz:zz:zz', '04:ee:cd:3a:12', '04:ee:cd:3a:12:7f:01', '04ee.cd3a.12', '', '123:ee:cd:3a:12:7f']) {
    assert.equal(normaliseMac(raw), undefined, raw);
  }
});

test('findMacs picks every MAC style out of free text', () => {
  assert.deepEqual(findMacs('mac=9c-8e-cd-0b-55-21 and 1098.193e.5a02, not 10.0.0.1'), ['9C:8E:CD:0B:55:21', '10:98:19:3E:5A:02']);
});

test('the OUI lookup uses the IEEE registry from oui-data with the longest prefix first', () => {
  assert.equal(lookupOui('04:EE:CD:00:00:01')?.organisation, 'Hangzhou Hikvision Digital Technology Co.,Ltd.');
  assert.equal(lookupOui('04:EE:CD:00:00:01')?.registry, 'MA-L');
  // 40:2C:76:1x is an MA-M block of "Shanghai Dahua Scale Factory" inside an IEEE-RA MA-L.
  const scale = lookupOui('40:2C:76:10:00:01');
  assert.equal(scale?.registry, 'MA-M');
  assert.equal(scale?.organisation, 'Shanghai Dahua Scale Factory');
});

test('registry names are not brands: Dahua Scale Factory and Wi-Fi module makers are not covered makers', () => {
  assert.equal(classifyMac('40:2C:76:10:00:01').maker, undefined);
  const azure = classifyMac('10:68:38:00:00:01');
  assert.equal(azure.maker, undefined);
  assert.equal(azure.module, true);
  assert.equal(classifyMac('08:ED:ED:00:00:01').maker, 'Dahua');
  assert.equal(classifyMac('0C:A6:4C:00:00:01').brand, 'Ezviz');
});

test('locally administered MACs carry no vendor', () => {
  assert.equal(isLocallyAdministered('5A:1F:0B:22:9C:E4'), true);
  assert.equal(classifyMac('5A:1F:0B:22:9C:E4').reason, 'locally-administered');
  assert.equal(classifyMac('5A:1F:0B:22:9C:E4').hit, undefined);
});
