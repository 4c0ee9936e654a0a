/**
 * Text input for the importers: streams a file as decoded text chunks whatever its encoding (UTF-8 with or
 * without BOM, UTF-16 LE/BE by BOM or by NUL pattern, stray Windows-1252 bytes), drops OFAC's trailing 0x1A
 * end-of-file byte, and refuses binary files with a clear error naming the file. Memory stays flat.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { SightlineError } from '../errors.ts';
import type { ListFile } from './format.ts';

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export function listFile(path: string): ListFile {
  return { path, name: basename(path) };
}

/** Sniffs the encoding from the first bytes; returns it and the BOM length. Throws on binary content. */
export function sniffEncoding(head: Buffer, name: string): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  if (head[0] === 0x1f && head[1] === 0x8b) throw unsafe(name, 'is gzip-compressed; decompress it first');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) throw unsafe(name, 'is a ZIP archive; extract the list file first');
  const n = Math.min(head.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a && b !== 0x1b) || b === 0x7f) control++;
  }
  // UTF-16 without BOM: ASCII text has a NUL in every other byte.
  if (n >= 4 && oddNul > n * 0.3 && evenNul === 0) return { encoding: 'utf16le', bom: 0 };
  if (n >= 4 && evenNul > n * 0.3 && oddNul === 0) return { encoding: 'utf16be', bom: 0 };
  if (evenNul + oddNul > 0 || control > Math.max(2, n * 0.01)) throw unsafe(name, 'is binary, not a text list file');
  return { encoding: 'utf8', bom: 0 };
}

function unsafe(name: string, what: string): SightlineError {
  return new SightlineError('UNSAFE_INPUT', `file ${what}`, { file: name });
}

/** Decodes UTF-8, reading bytes that are not valid UTF-8 as Windows-1252 (old OFAC/BIS exports). */
class Utf8Decoder {
  private carry: Buffer = Buffer.alloc(0);
  private readonly strict = new TextDecoder('utf-8', { fatal: true });

  write(chunk: Buffer): string {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    return this.decode(buf.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return rest.length ? this.decode(rest) : '';
  }

  private decode(buf: Buffer): string {
    try {
      return this.strict.decode(buf);
    } catch {
      return mixedDecode(buf);
    }
  }
}

/** Length of the prefix that does not end inside a multi-byte UTF-8 sequence. */
function completeLength(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = buf[len - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte, look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

function mixedDecode(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    let ok = need > 0 && i + need <= buf.length;
    for (let k = 1; ok && k < need; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok) {
      out += buf.toString('utf8', i, i + need);
      i += need;
    } else {
      out += iconv.decode(buf.subarray(i, i + 1), 'win1252');
      i += 1;
    }
  }
  return out;
}

/** Reads the first `bytes` of a file, decoded (for format detection). */
export async function readHead(path: string, bytes = 4096): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    const head = buf.subarray(0, bytesRead);
    const { encoding, bom } = sniffEncoding(head, basename(path));
    const body = head.subarray(bom);
    if (encoding === 'utf8') return new Utf8Decoder().write(body);
    return iconv.decode(body, encoding === 'utf16le' ? 'utf16le' : 'utf16be');
  } finally {
    await fh.close();
  }
}

/** Streams a file as decoded text chunks. */
export async function* readText(file: ListFile, chunkSize = 256 * 1024): AsyncGenerator<string> {
  const stream = createReadStream(file.path, { highWaterMark: chunkSize });
  let decode: ((b: Buffer) => string) | undefined;
  let finish: () => string = () => '';
  try {
    for await (const raw of stream) {
      let chunk = raw as Buffer;
      if (!decode) {
        const { encoding, bom } = sniffEncoding(chunk, file.name);
        chunk = chunk.subarray(bom);
        if (encoding === 'utf8') {
          const d = new Utf8Decoder();
          decode = (b) => d.write(b);
          finish = () => d.end();
        } else {
          const d = iconv.getDecoder(encoding === 'utf16le' ? 'utf16le' : 'utf16be');
          decode = (b) => d.write(b);
          finish = () => d.end() ?? '';
        }
      }
      const text = decode(chunk);
      if (text) yield stripEof(text);
    }
    const tail = finish();
    if (tail) yield stripEof(tail);
  } catch (err) {
    if (err instanceof SightlineError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new SightlineError(e.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read file: ${e.message}`, { file: file.name });
  } finally {
    stream.destroy();
  }
}

/** OFAC legacy files end with a DOS end-of-file byte (0x1A); it is never content. */
function stripEof(text: string): string {
  return text.includes('\x1a') ? text.replace(/\x1a/g, '') : text;
}

/** Streams a file line by line (1-based line numbers), for JSON lines. */
export async function* readLines(file: ListFile): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  for await (const chunk of readText(file)) {
    rest += chunk;
    let start = 0;
    let idx: number;
    while ((idx = rest.indexOf('\n', start)) >= 0) {
      line++;
      yield { line, text: rest.slice(start, idx).replace(/\r$/, '') };
      start = idx + 1;
    }
    rest = rest.slice(start);
  }
  if (rest.length) yield { line: line + 1, text: rest.replace(/\r$/, '') };
}
