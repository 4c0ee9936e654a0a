/**
 * Document-scanning benchmark: writes a mixed Chinese/English corpus (default 200 MB, BENCH_SCAN_MB)
 * into a temp dir, loads a full entity table (~40k names from ../shared/data CSL if present, else
 * synthetic) and scans every file through the scanner (read, decode, normalise, detect, chunked).
 * Prints {mb, seconds, mb_per_s, hits, rss_mb_peak, ...}. Target: >= 20 MB/s with flat memory.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { createScanner, type EntityRow } from '../src/documents/index.ts';
import { sampleEntities } from '../test/fixtures/documents/sample-entities.ts';

const TARGET_MB = Number(process.env.BENCH_SCAN_MB ?? 200);
const FILE_MB = 10;
const MAX_NAMES = 40_000;
const CSL = new URL('../../shared/data/lists/csl/consolidated-rebuilt-2026.csv', import.meta.url);

async function loadEntities(): Promise<{ rows: EntityRow[]; names: number; source: string }> {
  const rows = sampleEntities();
  let names = rows.reduce((n, r) => n + r.names.length, 0);
  if (existsSync(CSL)) {
    const parser = createReadStream(CSL).pipe(parse({ columns: true, relax_column_count: true, relax_quotes: true, bom: true }));
    for await (const rec of parser as AsyncIterable<Record<string, string>>) {
      if (names >= MAX_NAMES) break;
      const list = [rec.name, ...(rec.alt_names ?? '').split('; ')].map((s) => s?.trim()).filter((s): s is string => !!s);
      rows.push({ id: rec._id, caption: rec.name, names: list, listings: [{ list: rec.source }] });
      names += list.length;
    }
    return { rows, names, source: 'csl' };
  }
  for (let i = 0; names < MAX_NAMES; i++, names++) rows.push({ id: `syn-${i}`, caption: `Synthetic Trading ${i} Co`, names: [`Synthetic Trading ${i} Co`] });
  return { rows, names, source: 'synthetic' };
}

// Deterministic generator (no Math.random: reproducible runs).
let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const ZH = [
  '本项目',
  '采购',
  '设备',
  '系统',
  '学校',
  '建设',
  '技术',
  '要求',
  '服务',
  '供应商',
  '投标',
  '合同',
  '网络',
  '交换机',
  '服务器',
  '存储',
  '教学',
  '实训',
  '软件',
  '平台',
  '管理',
  '数据',
  '安装',
  '调试',
  '培训',
  '质保',
  '验收',
  '标准',
  '规格',
  '参数',
];
const EN = [
  'the',
  'supplier',
  'shall',
  'provide',
  'network',
  'equipment',
  'for',
  'school',
  'training',
  'with',
  'warranty',
  'and',
  'installation',
  'of',
  'servers',
  'storage',
  'software',
  'project',
  'delivery',
  'contract',
  'technical',
  'specification',
  'bidders',
  'must',
  'comply',
];
const PLANTS = [
  '人脸识别',
  '黑名单布控',
  '兼容海康、大华',
  'Hikvision',
  '维吾尔族识别',
  'face recognition',
  '供应商黑名单',
  '华为技术有限公司',
  'Wi-Fi probe',
  '人臉識別',
  'gait recognition',
  '中兴路',
];

function paragraph(): string {
  if (rnd(2) === 0) {
    let s = '';
    for (let i = 0; i < 40; i++) s += ZH[rnd(ZH.length)] + (rnd(8) === 0 ? '，' : '');
    return `${s}。`;
  }
  const w: string[] = [];
  for (let i = 0; i < 40; i++) w.push(EN[rnd(EN.length)]);
  return `${w.join(' ')}.`;
}

async function writeCorpus(dir: string): Promise<{ files: string[]; bytes: number }> {
  const files: string[] = [];
  let bytes = 0;
  for (let f = 0; bytes < TARGET_MB * 1024 * 1024; f++) {
    const parts: string[] = [];
    let size = 0;
    while (size < FILE_MB * 1024 * 1024) {
      const p = rnd(40) === 0 ? `${paragraph()} ${PLANTS[rnd(PLANTS.length)]} ${paragraph()}` : paragraph();
      parts.push(p);
      size += Buffer.byteLength(p) + 1;
    }
    const path = join(dir, `corpus-${f}.txt`);
    const buf = Buffer.from(parts.join('\n'), 'utf8');
    await writeFile(path, buf);
    files.push(path);
    bytes += buf.length;
  }
  return { files, bytes };
}

const dir = await mkdtemp(join(tmpdir(), 'sightline-bench-scan-'));
try {
  const { rows, names, source } = await loadEntities();
  const t0 = performance.now();
  const scanner = createScanner({ entities: rows, limits: { maxFileBytes: 64 * 1024 * 1024 } });
  const compileSeconds = (performance.now() - t0) / 1000;
  const rssBaseline = process.memoryUsage().rss;
  const { files, bytes } = await writeCorpus(dir);
  let hits = 0;
  let errors = 0;
  const start = performance.now();
  for await (const r of scanner.scanPaths(files)) {
    hits += r.hits.length;
    if (r.error) errors++;
  }
  const seconds = (performance.now() - start) / 1000;
  const mb = bytes / 1024 / 1024;
  console.log(
    JSON.stringify({
      mb: Math.round(mb),
      seconds: Number(seconds.toFixed(2)),
      mb_per_s: Number((mb / seconds).toFixed(1)),
      hits,
      rss_mb_peak: Math.round(process.resourceUsage().maxRSS / 1024),
      rss_mb_after_load: Math.round(rssBaseline / 1024 / 1024),
      files: files.length,
      errors,
      names,
      name_source: source,
      patterns: scanner.patterns.patternCount,
      compile_seconds: Number(compileSeconds.toFixed(2)),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
