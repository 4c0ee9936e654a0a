/**
 * The scanner: compile the entity table and lexicon once, then scan texts, files, folders and
 * archives. Each file yields one DocumentResult; a bad file gets `error` and the batch goes on.
 * Nothing in a document is executed or fetched.
 */
import type { Stats } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SightlineError } from '../errors.ts';
import { extractBuffer } from './extract/extract.ts';
import { loadLexicon, loadNameGuards } from './lexicon.ts';
import { compilePatterns, type CompiledPatterns } from './patterns.ts';
import { INPUT_LIMITS } from '../io/limits.ts';
import { scanTextPart, scanTextPartCapped } from './scan-text.ts';
import { summarise } from './summary.ts';
import {
  DEFAULT_LIMITS,
  type DocumentHit,
  type DocumentResult,
  type ExtractedDocument,
  type Language,
  type ScanLimits,
  type Scanner,
  type ScannerOptions,
  type ScanProgress,
} from './types.ts';

export function createScanner(opts: ScannerOptions): Scanner & {
  readonly limits: ScanLimits;
  extractFile(path: string): Promise<ExtractedDocument>;
  scanDocument(doc: ExtractedDocument): DocumentResult;
  readonly patterns: CompiledPatterns;
} {
  const lexicon = loadLexicon();
  const patterns = compilePatterns(opts.entities, lexicon, loadNameGuards());
  const limits: ScanLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const snippetChars = opts.snippetChars ?? 30;

  async function extractFile(path: string): Promise<ExtractedDocument> {
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new SightlineError(e.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', e.code === 'ENOENT' ? 'no such file' : e.message, { file: path });
    });
    if (!info.isFile()) throw new SightlineError('USAGE', 'not a regular file', { file: path });
    if (info.size > limits.maxFileBytes) {
      throw new SightlineError(
        'UNSAFE_INPUT',
        `file is ${mb(info.size)}, over the ${mb(limits.maxFileBytes)} limit (raise maxFileBytes / SIGHTLINE_SCAN_MAX_BYTES to scan it)`,
        { file: path },
      );
    }
    const doc = await extractBuffer(await readFile(path), path, limits);
    return { ...doc, path };
  }

  function scanText(text: string, where: { page?: number; sheet?: string } = {}): DocumentHit[] {
    return scanTextPart(patterns, text, { ...where, snippetChars });
  }

  /** Scans text already extracted (the server extracts uploads in a separate process). */
  const scanDocument = (doc: ExtractedDocument): DocumentResult => scanExtracted(doc, patterns, lexicon, snippetChars);

  async function scanFile(path: string): Promise<DocumentResult> {
    try {
      return scanDocument(await extractFile(path));
    } catch (e) {
      let message = e instanceof SightlineError ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
      // Errors raised inside an archive name the member; say which file it is in.
      if (!message.startsWith(path)) message = `${path}: ${message}`;
      return { path, language: 'unknown', hits: [], summary: { entities: 0, capabilities: 0, high: 0, text: 'Not scanned.' }, warnings: [], error: message };
    }
  }

  async function* scanPaths(paths: string[], onProgress?: (p: ScanProgress) => void): AsyncIterable<DocumentResult> {
    let done = 0;
    for (const root of paths) {
      for await (const file of walk(root)) {
        const result = typeof file === 'string' ? await scanFile(file) : file;
        done++;
        onProgress?.({ done, path: result.path, hits: result.hits.length });
        yield result;
      }
    }
  }

  return { scanText, scanFile, scanDocument, scanPaths, extractFile, limits, patterns };
}

/**
 * The hits, language and summary of an extracted document. At most INPUT_LIMITS.listedFindings hits
 * are listed; the others are counted in the summary and in `unlistedHits`, so a document dense in
 * findings gives a report of bounded size.
 */
function scanExtracted(doc: ExtractedDocument, patterns: CompiledPatterns, lexicon: ReturnType<typeof loadLexicon>, snippetChars: number): DocumentResult {
  const hits: DocumentHit[] = [];
  const representatives: DocumentHit[] = [];
  const more = { count: 0, entities: 0, capabilities: 0, high: 0 };
  for (const part of doc.parts) {
    const where = { page: part.page, sheet: part.sheet, cells: part.cells, paragraphs: part.paragraphs, snippetChars };
    const found = scanTextPartCapped(patterns, part.text, where, INPUT_LIMITS.listedFindings - hits.length);
    const inMember = (h: DocumentHit) => {
      const hit = part.member ? { ...h, member: part.member } : { ...h };
      if (part.ocr) hit.notes = [...(hit.notes ?? []), 'read by OCR from a page image'];
      return hit;
    };
    hits.push(...found.hits.map(inMember));
    representatives.push(...found.unlisted.representatives.map(inMember));
    more.count += found.unlisted.count;
    more.entities += found.unlisted.entities;
    more.capabilities += found.unlisted.capabilities;
    more.high += found.unlisted.high;
  }
  const warnings = [...doc.warnings];
  if (!doc.parts.some((p) => p.text.trim()) && !warnings.some((w) => /no text|image only/.test(w))) warnings.push('no text found');
  const summary = summarise([...hits, ...representatives], lexicon);
  if (more.count) {
    summary.entities = hits.filter((h) => h.type === 'entity').length + more.entities;
    summary.capabilities = hits.filter((h) => h.type === 'capability').length + more.capabilities;
    summary.high = hits.filter((h) => h.severity === 'high').length + more.high;
  }
  return {
    path: doc.path,
    language: detectLanguage(doc.parts.map((p) => p.text)),
    ...(doc.pages ? { pages: doc.pages } : {}),
    hits,
    ...(more.count ? { unlistedHits: more.count } : {}),
    summary,
    warnings,
  };
}

/** Files under a path, sorted; directories recursively; symlinked directories not followed (no loops). */
async function* walk(path: string): AsyncIterable<string | DocumentResult> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (e) {
    yield {
      path,
      language: 'unknown',
      hits: [],
      summary: { entities: 0, capabilities: 0, high: 0, text: 'Not scanned.' },
      warnings: [],
      error: `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
    };
    return;
  }
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
    for (const n of names) yield* walk(join(path, n));
  } else if (info.isFile() || info.isSymbolicLink()) {
    if (
      info.isSymbolicLink() &&
      !(await stat(path).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      return;
    yield path;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** 'zh' / 'en' / 'mixed' from the share of Hanzi against Latin words in the first 200k characters. */
export function detectLanguage(texts: string[]): Language {
  let han = 0,
    latinWords = 0,
    budget = 200_000;
  for (const t of texts) {
    const s = t.slice(0, budget);
    budget -= s.length;
    const counts = countHanAndLatinWords(s);
    han += counts.han;
    latinWords += counts.latinWords;
    if (budget <= 0) break;
  }
  // A Chinese word is about two Hanzi.
  const zh = han / 2;
  const total = zh + latinWords;
  if (total < 3) return 'unknown';
  if (zh / total > 0.85) return 'zh';
  if (latinWords / total > 0.85) return 'en';
  return 'mixed';
}

const HAN = /^\p{Script=Han}$/u;
let hanUnits: Uint8Array | undefined;

/**
 * What s.match(/\p{Script=Han}/gu) and s.match(/[A-Za-z]{2,}/g) would count, without building their arrays (a
 * string per Hanzi): code units looked up in a table of the Han script, surrogate pairs tested as one character.
 */
export function countHanAndLatinWords(s: string): { han: number; latinWords: number } {
  hanUnits ??= Uint8Array.from({ length: 65536 }, (_, c) => (c >= 0xd800 && c < 0xe000 ? 0 : Number(HAN.test(String.fromCharCode(c)))));
  let han = 0,
    latinWords = 0,
    run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      run++;
      continue;
    }
    if (run >= 2) latinWords++;
    run = 0;
    if (hanUnits[c]) han++;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        if (HAN.test(s.slice(i, i + 2))) han++;
        i++;
      }
    }
  }
  if (run >= 2) latinWords++;
  return { han, latinWords };
}
