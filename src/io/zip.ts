/**
 * The one ZIP guard (archives, DOCX, XLSX), with one set of limits: number of entries, total
 * uncompressed bytes (declared, and actually inflated), compression ratio, nesting depth, and no
 * path traversal. Bombs, lying sizes and hostile names are UNSAFE_INPUT naming the file and entry.
 */
import { readFile, stat } from 'node:fs/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SightlineError } from '../errors.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry over 1 MB (small XML parts compress very well). */
  maxRatio: number;
  /** Archives inside archives: deeper levels are refused by the caller that recurses. */
  maxDepth: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100, maxDepth: 3 };

/** Compressed containers above this size are refused before they are opened. */
const MAX_ZIP_FILE_BYTES = 256 * 1024 * 1024;
const RATIO_FLOOR = 1024 * 1024;

export interface ZipMember {
  name: string;
  data: Buffer;
}

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05);
}

export function unsafeName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');
}

const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;

/** Refuses an archive found `depth` levels inside other archives when that is over the limit. */
export function checkDepth(depth: number, file: string | undefined, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (depth > limits.maxDepth) throw new SightlineError('UNSAFE_INPUT', `archives nested deeper than ${limits.maxDepth} levels; refused`, { file });
}

/** Reads a ZIP file from disk (size-checked) into memory for readZip. */
export async function readZipFile(path: string, file: string): Promise<Buffer> {
  const size = (await stat(path)).size;
  if (size > MAX_ZIP_FILE_BYTES) throw new SightlineError('UNSAFE_INPUT', `ZIP container of ${mb(size)} is over the ${mb(MAX_ZIP_FILE_BYTES)} limit`, { file });
  return readFile(path);
}

/**
 * All file members (directories skipped), inflated in memory within the limits. Sizes are checked
 * from the central directory before inflating, and again while inflating (a lying directory).
 */
export async function readZip(buf: Buffer, file: string | undefined, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipMember[]> {
  const members: ZipMember[] = [];
  await walkZip(buf, file, limits, (name, data) => members.push({ name, data }));
  return members;
}

/** Checks the limits, inflating every entry but keeping none of it (for readers that re-open the ZIP). */
export async function checkZip(buf: Buffer, file: string | undefined, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<{ entries: number; total: number }> {
  let entries = 0;
  let total = 0;
  await walkZip(buf, file, limits, (_n, data) => {
    entries++;
    total += data.length;
  });
  return { entries, total };
}

async function walkZip(buf: Buffer, file: string | undefined, limits: ZipLimits, onMember: (name: string, data: Buffer) => void): Promise<void> {
  const unsafe = (message: string, record?: string) => new SightlineError('UNSAFE_INPUT', message, { file, record });
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    // strictFileNames would reject backslashes; traversal is checked below to name the entry.
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (err, z) => (err ? reject(badZip(err, file)) : resolve(z!)));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw unsafe(`archive has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}`);
  }
  let total = 0;
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const fail = (e: unknown) => {
      if (done) return;
      done = true;
      try {
        zip.close();
      } catch {
        /* already closed */
      }
      reject(e instanceof SightlineError ? e : badZip(e as Error, file));
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!done) (done = true), resolve();
    });
    zip.on('entry', (entry: Entry) => {
      const name = Buffer.isBuffer(entry.fileName) ? entry.fileName.toString('utf8') : String(entry.fileName);
      if (unsafeName(name)) return fail(unsafe('unsafe path in archive (absolute or "..")', name));
      if (name.endsWith('/')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return fail(unsafe(`archive expands to more than ${mb(limits.maxTotalBytes)} (zip bomb?)`, name));
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio) {
        return fail(unsafe(`compression ratio ${Math.round(ratio)}:1 over the limit of ${limits.maxRatio}:1 (zip bomb?)`, name));
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('cannot read entry'));
        const chunks: Buffer[] = [];
        let got = 0;
        stream.on('data', (c: Buffer) => {
          got += c.length;
          // yauzl validates sizes at the end; stop as soon as an entry inflates past its declared size.
          if (got > entry.uncompressedSize) {
            stream.destroy();
            fail(unsafe('entry inflates past its declared size (lying ZIP directory, zip bomb?)', name));
            return;
          }
          chunks.push(c);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          if (done) return;
          onMember(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

function badZip(err: Error, file?: string): SightlineError {
  // yauzl's own size validation: the directory declared fewer bytes than the entry inflates to.
  if (/too (many|few) bytes in the stream/.test(err.message)) {
    return new SightlineError('UNSAFE_INPUT', `entry inflates past its declared size (lying ZIP directory, zip bomb?): ${err.message}`, { file });
  }
  return new SightlineError('BAD_INPUT', `corrupt or unreadable ZIP container: ${err.message}`, { file });
}
