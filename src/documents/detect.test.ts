import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from './scanner.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';

const scanner = createScanner({ entities: sampleEntities() });
const scan = (text: string) => scanner.scanText(text);
const entityIds = (text: string) =>
  scan(text)
    .filter((h) => h.type === 'entity')
    .map((h) => h.entity!.id);
const categories = (text: string) =>
  scan(text)
    .filter((h) => h.type === 'capability')
    .map((h) => h.category);

test('every hit points at its original text by offsets', () => {
  const src = '要求：人臉 識別，兼容ＨＩＫＶＩＳＩＯＮ設備，少数民(mín)族识别，ren脸识别。';
  const hits = scan(src);
  assert.ok(hits.length >= 4);
  for (const h of hits) assert.equal(src.slice(h.start, h.end), h.text);
});

test('finds firm names in every script and links them to the entity and its listings', () => {
  const hits = scan('Cameras by Hikvision; 浙江大华技术股份有限公司; 商湯; 科大讯飞 and ZTE.').filter((h) => h.type === 'entity');
  assert.deepEqual(
    hits.map((h) => h.entity!.id),
    ['hikvision', 'dahua', 'sensetime', 'iflytek', 'zte'],
  );
  assert.equal(hits[0].category, 'listed firm');
  assert.equal(hits[0].listings![0].since, '2019-10-09');
  assert.match(hits[0].gloss, /BIS Entity List since 2019-10-09/);
});

test('Latin names match whole words only, case-insensitively; acronyms only in capitals', () => {
  assert.deepEqual(entityIds('HIKVISION and hikvision'), ['hikvision', 'hikvision']);
  assert.deepEqual(entityIds('Hikvisionary products'), []);
  assert.deepEqual(entityIds('ZTE phones'), ['zte']);
  assert.deepEqual(entityIds('the zte in lower case is no acronym'), []);
});

test('a longer name wins over the short names inside it', () => {
  const hits = scan('杭州海康威视数字技术股份有限公司').filter((h) => h.type === 'entity');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].text, '杭州海康威视数字技术股份有限公司');
});

test('two-character Chinese names are guarded against ordinary words and street names', () => {
  assert.deepEqual(entityIds('为了振兴中华为人民服务'), []);
  assert.deepEqual(entityIds('广大华人华侨'), []);
  assert.deepEqual(entityIds('地址：中兴路88号'), []);
  assert.deepEqual(entityIds('施工单位应依图纸施工'), []);
  assert.deepEqual(entityIds('云从龙，风从虎'), []);
  assert.deepEqual(entityIds('采用华为交换机和中兴设备'), ['huawei', 'zte']);
  assert.deepEqual(entityIds('兼容海康、大华'), ['hikvision', 'dahua']);
});

test('finds the capabilities of the World Bank school tender in Chinese', () => {
  const cats = categories(
    '视频管理平台须具备人脸比对功能，可设置黑名单人脸库并布控，黑名单报警；性别识别准确率不低于97%；民族属性分析；步态识别；虹膜采集；声纹采集；DNA采集；WiFi探针；电子围栏；便民警务站；雪亮工程；一体化联合作战平台。',
  );
  for (const c of [
    'face recognition',
    'watch-list alarm',
    'gender recognition',
    'ethnic classification',
    'gait recognition',
    'iris recognition',
    'voiceprint',
    'DNA collection',
    'Wi-Fi probe',
    'electronic fence',
    'checkpoint',
    'surveillance programme',
  ]) {
    assert.ok(cats.includes(c), `missing ${c}`);
  }
});

test('finds English capability phrases, including plurals', () => {
  const cats = categories(
    'The system should support facial recognition to identify Uighur/non-Uighur attributes, with iris scanners and Wi-Fi sniffers at checkpoints.',
  );
  assert.deepEqual([...new Set(cats)].sort(), ['checkpoint', 'ethnic classification', 'face recognition', 'iris recognition', 'Wi-Fi probe'].sort());
});

test('a debarred-supplier blacklist is not a face blacklist', () => {
  assert.deepEqual(categories('投标人不得被列入失信被执行人名单或供应商黑名单。'), []);
  assert.deepEqual(categories('列入黑名单的供应商不得参加本次采购。'), []);
  assert.deepEqual(categories('Bidders that are debarred or on a blacklist are ineligible.'), []);
});

test('a blacklist next to face recognition raises a watch-list alarm', () => {
  assert.deepEqual(categories('系统支持黑名单，抓拍后自动比对'), ['watch-list alarm']);
  assert.deepEqual(categories('cameras shall alarm when a face on the blacklist is seen'), ['watch-list alarm']);
});

test('a benign sense nearer than the face context wins', () => {
  const cats = categories('供应商不得列入失信被执行人名单或黑名单。投标产品须具备人脸识别功能');
  assert.deepEqual(cats, ['face recognition']);
});

test('Uighur named without recognition context is kept at low severity', () => {
  const [hit] = scan('学校开设维吾尔语课程').filter((h) => h.type === 'capability');
  assert.equal(hit.severity, 'low');
  const [high] = scan('支持维吾尔族人员自动识别').filter((h) => h.type === 'capability');
  assert.equal(high.severity, 'high');
});

test('mixed Latin/Hanzi spellings are found and noted as evasion', () => {
  const [hit] = scan('支持ren脸识别功能').filter((h) => h.type === 'capability');
  assert.equal(hit.term, '人脸识别');
  assert.equal(hit.text, 'ren脸识别');
  assert.ok(hit.notes?.includes('evasion: mixed Latin/Hanzi'));
  const [firm] = scan('采用hai康设备').filter((h) => h.type === 'entity');
  assert.equal(firm.entity!.id, 'hikvision');
});

test('traditional characters and inline pinyin are noted', () => {
  const [t] = scan('人臉識別');
  assert.ok(t.notes?.includes('traditional characters'));
  const [p] = scan('少数民(mín)族识别');
  assert.equal(p.category, 'ethnic classification');
  assert.ok(p.notes?.includes('evasion: inline pinyin annotation'));
});

test('"compatible with" a listed firm raises a vendor-compatibility hit covering all the firms named', () => {
  const hit = scan('设备须兼容海康、大华等主流品牌').find((h) => h.category === 'vendor compatibility')!;
  assert.equal(hit.text, '兼容海康、大华');
  assert.match(hit.gloss, /Hikvision \(listed: BIS Entity List, FCC Covered List\) \/ Dahua \(listed: /);
  const en = scan('The platform must be compatible with Hikvision and Dahua devices.').find((h) => h.category === 'vendor compatibility')!;
  assert.equal(en.text, 'compatible with Hikvision and Dahua');
  assert.equal(scan('支持人脸抓拍，兼容海康').find((h) => h.category === 'vendor compatibility')!.text, '兼容海康');
});

test('vendor SDK and protocol names are found; case-sensitive ones only in capitals', () => {
  const hits = scan('Integration via ISAPI, Hik-Connect and iVMS-4200; DSS platform for video alarms.');
  assert.deepEqual(
    hits.map((h) => h.text),
    ['ISAPI', 'Hik-Connect', 'iVMS', 'DSS'],
  );
  assert.deepEqual(scan('isapi is mentioned in lower case'), []);
});

test('a stated accuracy is noted on gender recognition', () => {
  const [hit] = scan('性别识别准确率不低于97%');
  assert.ok(hit.notes?.includes('stated accuracy 97%'));
});

test('hits across chunk boundaries are found exactly once', async () => {
  const { scanTextPart } = await import('./scan-text.ts');
  const filler = '本项目采购网络设备。'.repeat(200);
  const text = `${filler}人脸识别${filler}Hikvision${filler}`;
  for (const chunk of [997, 1000, 2003, 2008]) {
    const hits = scanTextPart(scanner.patterns, text, { chunkChars: chunk });
    assert.deepEqual(
      hits.map((h) => h.text),
      ['人脸识别', 'Hikvision'],
      `chunk ${chunk}`,
    );
    for (const h of hits) assert.equal(text.slice(h.start, h.end), h.text);
  }
});
