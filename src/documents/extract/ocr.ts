/**
 * OCR of scanned PDF pages with Tesseract, run as a child process (never in-process: a crash or a runaway page
 * costs one page, not the scan). Optional: without the binary a page is reported "image only, not read".
 * Bounded: one thread per run (OMP_THREAD_LIMIT=1), a time limit per page, a pixel budget per page image,
 * a cap on output size and on pages per document.
 */
import { spawn } from 'node:child_process';

export interface OcrSettings {
  /** Tesseract executable; null turns OCR off. SIGHTLINE_TESSERACT sets it ("off" = null). */
  binary: string | null;
  /** Tesseract languages (chi_sim, chi_tra, eng: the Debian packages tesseract-ocr-chi-sim/-chi-tra). */
  languages: string;
  /** Time limit per page; the process is killed after it. */
  timeoutMs: number;
  /** Pages read by OCR per document; further image-only pages are reported unread. */
  maxPages: number;
  /** Longest side of the rendered page image, in pixels (about 300 dpi on A4). */
  maxSidePx: number;
}

export function ocrSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OcrSettings {
  const raw = env.SIGHTLINE_TESSERACT?.trim();
  return {
    binary: raw === 'off' ? null : raw || 'tesseract',
    languages: env.SIGHTLINE_OCR_LANGUAGES?.trim() || 'chi_sim+chi_tra+eng',
    timeoutMs: positive(env.SIGHTLINE_OCR_TIMEOUT_MS, 60_000),
    maxPages: positive(env.SIGHTLINE_OCR_MAX_PAGES, 200),
    maxSidePx: 3000,
  };
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Output beyond this is cut (a page of text is a few KB). */
const MAX_OUTPUT = 1 << 20;

const available = new Map<string, Promise<string | null>>();

/** The Tesseract version line, or null when the binary cannot be run (checked once per binary). */
export function ocrVersion(binary: string): Promise<string | null> {
  let p = available.get(binary);
  if (!p) {
    p = run(binary, ['--version'], undefined, 10_000).then(
      (out) => out.split('\n')[0].trim() || 'tesseract',
      () => null,
    );
    available.set(binary, p);
  }
  return p;
}

/** Text of one page image (PNG); rejects with a plain message on failure or timeout. */
export function ocrImage(png: Uint8Array, s: OcrSettings & { binary: string }): Promise<string> {
  return run(s.binary, ['stdin', 'stdout', '-l', s.languages, '--psm', '3'], png, s.timeoutMs);
}

function run(binary: string, args: string[], input: Uint8Array | undefined, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`OCR timed out after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_OUTPUT) chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 2000) stderr += c.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`tesseract exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
    });
    child.stdin.on('error', () => {}); // a binary that exits early closes the pipe; 'close' reports it
    child.stdin.end(input);
  });
}
