/**
 * Refuses zip bombs before an XLSX reaches read-excel-file: reads the central directory with yauzl (without
 * inflating anything) and checks the declared uncompressed sizes against a total limit and a per-entry ratio.
 */
import { createRequire } from 'node:module';
import { SightlineError } from '../errors.ts';

interface ZipEntry { fileName: string; compressedSize: number; uncompressedSize: number }
interface ZipFile {
  entryCount: number;
  readEntry(): void;
  close(): void;
  on(event: 'entry', fn: (e: ZipEntry) => void): void;
  on(event: 'end', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
}
interface Yauzl { open(path: string, opts: { lazyEntries: boolean; autoClose?: boolean }, cb: (err: Error | null, zip?: ZipFile) => void): void }

const yauzl = createRequire(import.meta.url)('yauzl') as Yauzl;

export interface ZipLimits {
  /** Total declared uncompressed bytes. */
  maxTotal: number;
  /** Uncompressed / compressed, per entry (entries over 1 MB only: tiny XML files compress very well). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotal: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };

export function checkZip(path: string, name: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<{ entries: number; total: number }> {
  const refuse = (why: string) => new SightlineError('UNSAFE_INPUT', `refused: ${why}`, { file: name });
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(new SightlineError('BAD_INPUT', `not a valid XLSX (zip) file: ${err?.message ?? 'unreadable'}`, { file: name }));
      if (zip.entryCount > limits.maxEntries) { zip.close(); return reject(refuse(`${zip.entryCount} zip entries`)); }
      let total = 0, entries = 0;
      zip.on('entry', (e) => {
        entries++;
        total += e.uncompressedSize;
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
        if (total > limits.maxTotal) { zip.close(); return reject(refuse(`declared uncompressed size over ${Math.round(limits.maxTotal / 1048576)} MB (possible zip bomb)`)); }
        if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) { zip.close(); return reject(refuse(`entry ${e.fileName} expands ${Math.round(ratio)}× (possible zip bomb)`)); }
        zip.readEntry();
      });
      zip.on('end', () => resolve({ entries, total }));
      zip.on('error', (e) => reject(new SightlineError('BAD_INPUT', `not a valid XLSX (zip) file: ${e.message}`, { file: name })));
      zip.readEntry();
    });
  });
}
