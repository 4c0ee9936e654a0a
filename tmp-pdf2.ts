import { readFileSync } from 'node:fs';
import { extractBuffer } from './src/documents/extract/extract.ts';
import { DEFAULT_LIMITS } from './src/documents/types.ts';
const orig = readFileSync('/work/shared/data/hostile/crashes/documents-death-15394.pdf', 'latin1');
const fuzz = readFileSync('fuzz-out/doc-pdf-hang-177-documents-death-15394.pdf', 'latin1');
// variant A: many well-formed redefinitions of object 2 inserted after the first object
const dupA = '2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>\nendobj\n'.repeat(3377);
const A = orig.replace('3 0 obj', dupA + '3 0 obj');
// variant B: one unterminated Kids array with thousands of refs to 2 0 R and dicts
const B = orig.replace('/Kids [4 0 R 6 0 R]', '/Kids [4 0 R' + ' /Catalog << /Pages 2 0 R >>'.repeat(3377));
const C = orig.replace('3 0 obj', '2 0 obj\n<< /Type /Pages /Kids [4 0 Rpe /Catalog /Pages 2 0 R >>\nendobj\n'.repeat(1500) + '3 0 obj');
let d = '';
for (let i = 0; i < 1500; i++) d += `${100 + i} 0 obj\n<< /Type /Pages /Kids [4 0 Rpe /Catalog /Pages 2 0 R >>\nendobj\n`;
const D = orig.replace('3 0 obj', d + '3 0 obj');
for (const [n, s] of [['C', C], ['D', D]] as const) {
  const t = process.cpuUsage();
  try { await extractBuffer(Buffer.from(s, 'latin1'), n, { ...DEFAULT_LIMITS, ocr: undefined }); console.log(n, 'ok'); } catch (e) { console.log(n, 'err', (e as Error).message.slice(0, 100)); }
  const u = process.cpuUsage(t); console.log(n, 'cpu ms', Math.round((u.user + u.system) / 1000), s.length);
}
