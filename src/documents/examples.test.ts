import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createScanner } from './scanner.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';
import type { DocumentHit, DocumentResult, TextPart } from './types.ts';

const examples = fileURLToPath(new URL('../../examples/documents/', import.meta.url));
const scanner = createScanner({ entities: sampleEntities() });

/** What we planted in each example: [text as written, category, page]. */
const PLANTED: Record<string, [string, string, number | null][]> = {
  'xinjiang-school-security-tender.txt': [
    ['人脸识别', 'face recognition', null],
    ['兼容海康、大华', 'vendor compatibility', null],
    ['海康', 'listed firm', null],
    ['大华', 'listed firm', null],
    ['支持海康协议', 'vendor compatibility', null],
    ['人脸比对', 'face recognition', null],
    ['黑名单人脸库', 'watch-list alarm', null],
    ['布控', 'watch-list alarm', null],
    ['黑名单人员', 'watch-list alarm', null],
    ['黑名单报警', 'watch-list alarm', null],
    ['性别识别', 'gender recognition', null],
    ['民族属性', 'ethnic classification', null],
    ['维/非维', 'ethnic classification', null],
    ['人证核验', 'face recognition', null],
    ['电子围栏', 'electronic fence', null],
  ],
  'city-camera-upgrade-notice.html': [
    ['facial recognition', 'face recognition', null],
    ['watch list', 'watch-list alarm', null],
    ['blacklist alarms', 'watch-list alarm', null],
    ['Hikvision', 'listed firm', null],
    ['compatible with Hikvision', 'vendor compatibility', null],
    ['ISAPI', 'vendor SDK/protocol', null],
    ['Hik-Connect', 'vendor SDK/protocol', null],
    ['checkpoints', 'checkpoint', null],
  ],
  'campus-cctv-rfq.pdf': [
    ['face recognition', 'face recognition', 2],
    ['gait recognition', 'gait recognition', 2],
    ['Dahua', 'listed firm', 2],
    ['Huawei', 'listed firm', 2],
  ],
  'police-video-analytics-tender.docx': [
    ['卡口', 'checkpoint', null],
    ['动态人臉識別', 'face recognition', null],
    ['WiFi探针', 'Wi-Fi probe', null],
    ['维吾尔族识别', 'ethnic classification', null],
    ['少数民(mín)族识别', 'ethnic classification', null],
    ['步态识别', 'gait recognition', null],
    ['ren脸 比对', 'face recognition', null],
    ['雪亮工程', 'surveillance programme', null],
    ['天网工程', 'surveillance programme', null],
    ['兼容大华', 'vendor compatibility', null],
    ['大华', 'listed firm', null],
    ['商汤', 'listed firm', null],
  ],
  'equipment-list.xlsx': [
    ['人脸抓拍', 'face recognition', null],
    ['性别识别', 'gender recognition', null],
    ['兼容海康威视', 'vendor compatibility', null],
    ['海康威视', 'listed firm', null],
    ['SmartPSS', 'vendor SDK/protocol', null],
  ],
};

async function scanAll(): Promise<Map<string, DocumentResult>> {
  const out = new Map<string, DocumentResult>();
  for await (const r of scanner.scanPaths([examples])) out.set(r.path.slice(examples.length).replace(/^\//, ''), r);
  return out;
}

test('scanning examples/documents finds every planted firm and capability at the right place', async () => {
  const results = await scanAll();
  for (const [name, planted] of Object.entries(PLANTED)) {
    const r = results.get(name);
    assert.ok(r, `${name} scanned`);
    assert.equal(r.error, undefined, name);
    const doc = await scanner.extractFile(join(examples, name));
    for (const [text, category, page] of planted) {
      const hit: DocumentHit | undefined = r.hits.find((h) => h.text === text && h.category === category);
      assert.ok(hit, `${name}: ${text} (${category}) found`);
      assert.equal(hit.page, page, `${name}: ${text} page`);
      const part: TextPart = doc.parts.find((p) => (p.page ?? null) === hit.page && p.sheet === hit.sheet)!;
      assert.equal(part.text.slice(hit.start, hit.end), hit.text, `${name}: ${text} offsets`);
    }
  }
});

test('the benign clauses of the examples raise nothing', async () => {
  const results = await scanAll();
  const all = [...results.values()].flatMap((r) => r.hits.map((h) => h.text));
  for (const benign of ['供应商黑名单', '黑名单', '失信被执行人', 'blacklist', 'debarred', '中兴', '依图']) assert.ok(!all.includes(benign), benign);
});

test('the Xinjiang school tender gets the risk summary a reviewer needs', async () => {
  const r = (await scanAll()).get('xinjiang-school-security-tender.txt')!;
  assert.equal(r.language, 'zh');
  assert.match(r.summary.text, /^Names 2 listed firms \(Hikvision: BIS Entity List since 2019-10-09.*Dahua: BIS Entity List since 2019-10-09/);
  assert.match(r.summary.text, /asks for 3 high-severity capabilities: face recognition, watch-list alarm, ethnic classification\./);
  assert.match(r.summary.text, /gender recognition \(stated accuracy 97%\)/);
  assert.equal(r.summary.entities, 3);
});
