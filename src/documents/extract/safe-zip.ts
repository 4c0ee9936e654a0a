/**
 * Reads ZIP containers (archives, DOCX, XLSX) with hard limits: number of entries, total
 * uncompressed bytes (declared and actually inflated), compression ratio, and no path traversal.
 * Bombs and hostile names become UNSAFE_INPUT errors naming the file and entry.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SightlineError } from '../../errors.ts';
import type { ScanLimits } from '../types.ts';

export interface ZipMember {
  name: string;
  data: Buffer;
}

type ZipLimits = Pick<ScanLimits, 'maxZipEntries' | 'maxZipTotalBytes' | 'maxZipRatio'>;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05) ;
}

export function unsafeName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');
}

/** All file members (directories skipped), inflated in memory within the limits. */
export async function readZip(buf: Buffer, limits: ZipLimits, file?: string): Promise<ZipMember[]> {
  const unsafe = (message: string, record?: string) => new SightlineError('UNSAFE_INPUT', message, { file, record });
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    // strictFileNames rejects backslashes; we check traversal ourselves to name the entry in the message.
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (err, z) => (err ? reject(badZip(err, file)) : resolve(z!)));
  });
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw unsafe(`archive has ${zip.entryCount} entries, over the limit of ${limits.maxZipEntries}`);
  }
  const members: ZipMember[] = [];
  let total = 0;
  return new Promise<ZipMember[]>((resolve, reject) => {
    const fail = (e: unknown) => { try { zip.close(); } catch { /* already closed */ } reject(e instanceof SightlineError ? e : badZip(e as Error, file)); };
    zip.on('error', fail);
    zip.on('end', () => resolve(members));
    zip.on('entry', (entry: Entry) => {
      const name = Buffer.isBuffer(entry.fileName) ? entry.fileName.toString('utf8') : String(entry.fileName);
      if (unsafeName(name)) return fail(unsafe('unsafe path in archive (absolute or "..")', name));
      if (name.endsWith('/')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > limits.maxZipTotalBytes) return fail(unsafe(`archive expands to more than ${limits.maxZipTotalBytes} bytes (zip bomb?)`, name));
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxZipRatio) {
        return fail(unsafe(`compression ratio ${Math.round(ratio)}:1 over the limit of ${limits.maxZipRatio}:1 (zip bomb?)`, name));
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('cannot read entry'));
        const chunks: Buffer[] = [];
        let got = 0;
        stream.on('data', (c: Buffer) => {
          got += c.length;
          // Sizes are validated by yauzl, but stop early anyway if an entry inflates past its declared size.
          if (got > entry.uncompressedSize) { stream.destroy(); fail(unsafe('entry inflates past its declared size', name)); return; }
          chunks.push(c);
        });
        stream.on('error', fail);
        stream.on('end', () => { members.push({ name, data: Buffer.concat(chunks) }); zip.readEntry(); });
      });
    });
    zip.readEntry();
  });
}

function badZip(err: Error, file?: string): SightlineError {
  return new SightlineError('BAD_INPUT', `corrupt or unreadable ZIP container: ${err.message}`, { file });
}

/** Refuses XML parts that declare a DOCTYPE or entities (billion laughs, external entities). */
export function assertSafeXml(members: ZipMember[], file?: string): void {
  for (const m of members) {
    if (!/\.(xml|rels|vml)$/i.test(m.name)) continue;
    const head = m.data.subarray(0, 4096).toString('latin1');
    if (/<!DOCTYPE|<!ENTITY/i.test(head) || m.data.includes('<!ENTITY')) {
      throw new SightlineError('UNSAFE_INPUT', 'XML part declares a DOCTYPE or entities; refused', { file, record: m.name });
    }
  }
}
