import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createScanner } from './scanner.ts';
import { ocrSettingsFromEnv } from './extract/ocr.ts';
import { sentenceJpeg, writeScannedPdf } from '../../test/helpers/scanned-pdf.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';

const tesseract = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
const hasChinese = tesseract.status === 0 && /chi_sim/.test(tesseract.stdout);

async function scannedTender(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-ocr-'));
  const image = await sentenceJpeg(['三、技术要求', '系统须支持人脸识别及黑名单布控报警功能。']);
  const path = join(dir, 'scanned-tender.pdf');
  writeFileSync(path, writeScannedPdf([{ text: ['Tender for the campus camera upgrade'] }, { image }]));
  return path;
}

test('an image-only PDF page is read by Tesseract and its finding cites that page', {
  skip: !hasChinese && 'tesseract with chi_sim is not installed',
}, async () => {
  const path = await scannedTender();
  try {
    const scanner = createScanner({ entities: sampleEntities(), limits: { ocr: { ...ocrSettingsFromEnv({}), timeoutMs: 120_000 } } });
    const r = await scanner.scanFile(path);
    const face = r.hits.find((h) => h.category === 'face recognition');
    assert.ok(face, JSON.stringify(r.hits.map((h) => h.text)));
    assert.equal(face.page, 2);
    assert.ok(face.notes?.includes('read by OCR from a page image'));
    assert.ok(
      r.warnings.some((w) => /^page 2: no text layer, read by OCR \(tesseract 5/.test(w)),
      r.warnings.join('; '),
    );
    assert.ok(!r.hits.some((h) => h.page === 1));
  } finally {
    rmSync(join(path, '..'), { recursive: true, force: true });
  }
});

test('without Tesseract the page is reported as image only, not read — never skipped in silence', async () => {
  const path = await scannedTender();
  try {
    const missing = { ...ocrSettingsFromEnv({ SIGHTLINE_TESSERACT: '/nonexistent/tesseract' }) };
    const r = await createScanner({ entities: sampleEntities(), limits: { ocr: missing } }).scanFile(path);
    assert.deepEqual(r.hits, []);
    assert.deepEqual(r.warnings, [
      'page 2: image only, not read (OCR unavailable: /nonexistent/tesseract not found; install tesseract-ocr with tesseract-ocr-chi-sim and tesseract-ocr-chi-tra)',
    ]);
    const off = await createScanner({ entities: [], limits: { ocr: ocrSettingsFromEnv({ SIGHTLINE_TESSERACT: 'off' }) } }).scanFile(path);
    assert.deepEqual(off.warnings, ['page 2: image only, not read (OCR turned off: SIGHTLINE_TESSERACT=off)']);
  } finally {
    rmSync(join(path, '..'), { recursive: true, force: true });
  }
});
