/**
 * The one text sniffer and decoder for user files: BOM, UTF-16 without BOM (NUL pattern), strict
 * UTF-8, then chardet's guess (GB18030/GBK, Big5, Shift_JIS, Windows-1252…) decoded with iconv-lite.
 * UTF-8 and Windows-1252 are decoded leniently: valid UTF-8 sequences as UTF-8, stray bytes as
 * Windows-1252 (old OFAC/BIS exports mix both). One rule decides "this is a binary file".
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { SightlineError } from '../errors.ts';

/** Bytes read to decide the encoding. */
export const SNIFF_BYTES = 64 * 1024;
/** Bytes checked for binary content, and the share of control bytes that makes a file binary. */
const BINARY_SAMPLE = 8192;
const BINARY_CONTROL_SHARE = 0.01;
/** Share of NUL bytes on one parity that marks BOM-less UTF-16 (Latin text: every other byte). */
const UTF16_NUL_SHARE = 0.2;

export interface Detected {
  /** iconv-lite encoding name, lower case: utf8, utf16le, utf16be, gb18030, big5, windows-1252… */
  encoding: string;
  /** Length of the byte-order mark to skip. */
  bom: number;
}

/** Compressed containers that pose as text files. */
export function containerKind(head: Buffer): 'zip' | 'gzip' | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return 'zip';
  return undefined;
}

/** An Office Open XML file (a ZIP whose first entries name its parts), said as a user knows it. */
export function officeKind(head: Buffer): string | undefined {
  const names = head.subarray(0, SNIFF_BYTES).toString('latin1');
  if (names.includes('word/')) return 'a Word document (DOCX)';
  if (names.includes('xl/')) return 'an Excel workbook (XLSX)';
  if (names.includes('ppt/')) return 'a PowerPoint presentation (PPTX)';
  return undefined;
}

function binary(file?: string, why = 'control characters'): SightlineError {
  return new SightlineError('UNSAFE_INPUT', `binary content, not text (${why}); refused`, { file });
}

/** Decides the encoding from the first bytes. Throws UNSAFE_INPUT on binary content (archives included). */
export function detectEncoding(head: Buffer, file?: string): Detected {
  const container = containerKind(head);
  if (container === 'gzip') throw new SightlineError('UNSAFE_INPUT', 'file is gzip-compressed, not text; decompress it first', { file });
  if (container === 'zip') {
    const office = officeKind(head);
    if (office) throw new SightlineError('UNSAFE_INPUT', `file is ${office}, not a text file; documents are read by \`sightline scan\``, { file });
    throw new SightlineError('UNSAFE_INPUT', 'file is a ZIP archive, not text; extract it first', { file });
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  const n = Math.min(head.length, BINARY_SAMPLE);
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) i % 2 === 0 ? evenNul++ : oddNul++;
    // Tab, CR, LF, FF, SUB (OFAC's end-of-file byte) and ESC occur in real text files.
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a && b !== 0x1b) || b === 0x7f) control++;
  }
  if (n >= 4 && oddNul > n * UTF16_NUL_SHARE && evenNul === 0) return { encoding: 'utf16le', bom: 0 };
  if (n >= 4 && evenNul > n * UTF16_NUL_SHARE && oddNul === 0) return { encoding: 'utf16be', bom: 0 };
  if (evenNul + oddNul > 0) throw binary(file, 'NUL bytes');
  if (control > Math.max(2, n * BINARY_CONTROL_SHARE)) throw binary(file);
  if (isUtf8(head.subarray(0, completeLength(head)))) return { encoding: 'utf8', bom: 0 };
  return { encoding: guessLegacy(head.subarray(0, SNIFF_BYTES)), bom: 0 };
}

/** chardet's best guess that iconv-lite can decode. GBK/GB2312 are decoded as their superset GB18030. */
function guessLegacy(sample: Buffer): string {
  const guess = (chardet.analyse(sample).find((c) => iconv.encodingExists(c.name))?.name ?? 'windows-1252').toLowerCase();
  // chardet sometimes calls short Chinese samples EUC-JP or Shift_JIS.
  if (/^(gbk|gb2312|gb18030)$/.test(guess) || (/^(euc-jp|shift_jis)$/.test(guess) && looksChinese(sample))) return 'gb18030';
  if (guess === 'utf-8') return 'utf8';
  if (guess.startsWith('iso-8859-1') || guess === 'ascii' || guess === 'windows-1252') return 'windows-1252';
  return guess;
}

function looksChinese(buf: Buffer): boolean {
  const text = iconv.decode(buf, 'gb18030');
  return /\p{Script=Han}/u.test(text) && !text.includes('\ufffd');
}

/** Length of the prefix that does not end inside a multi-byte UTF-8 sequence. */
function completeLength(buf: Buffer): number {
  const len = buf.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = buf[len - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

/** A chunk decoder: write() may keep an incomplete sequence for the next chunk; end() flushes it. */
export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/** UTF-8 where valid, Windows-1252 byte by byte where not. */
class LenientUtf8Decoder implements TextDecoderLike {
  private carry: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): string {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    return lenientUtf8(buf.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return rest.length ? lenientUtf8(rest) : '';
  }
}

/** Below this size the decoder choice does not matter. */
const JS_DECODE_MIN_BYTES = 64 * 1024;
const MULTI_BYTE_SAMPLE = 4096;

/**
 * True for large text whose sampled bytes are mostly non-ASCII (Chinese: three bytes a character). Node 20 decodes
 * such UTF-8 at about 200 MB/s, decodeValidUtf8 at about 450; ASCII-heavy text stays with Node, which copies it.
 */
function mostlyMultiByte(buf: Buffer): boolean {
  if (buf.length < JS_DECODE_MIN_BYTES) return false;
  const n = Math.min(buf.length, MULTI_BYTE_SAMPLE);
  let high = 0;
  for (let i = 0; i < n; i++) if (buf[i]! >= 0x80) high++;
  return high * 2 > n;
}

/** Decodes bytes already checked by isUtf8 (no overlong forms, surrogates or truncated sequences to handle). */
export function decodeValidUtf8(buf: Uint8Array): string {
  const units = new Uint16Array(buf.length);
  const n = buf.length;
  let k = 0;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      units[k++] = b;
      i++;
    } else if (b >= 0xe0 && b < 0xf0) {
      units[k++] = ((b & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f);
      i += 3;
    } else if (b < 0xe0) {
      units[k++] = ((b & 0x1f) << 6) | (buf[i + 1]! & 0x3f);
      i += 2;
    } else {
      const above = (((b & 0x07) << 18) | ((buf[i + 1]! & 0x3f) << 12) | ((buf[i + 2]! & 0x3f) << 6) | (buf[i + 3]! & 0x3f)) - 0x10000;
      units[k++] = 0xd800 | (above >> 10);
      units[k++] = 0xdc00 | (above & 0x3ff);
      i += 4;
    }
  }
  // Copied at once: a TextDecoder took longer to convert the units than the loop above to make them.
  return Buffer.from(units.buffer, 0, k * 2).toString('utf16le');
}

/** Windows-1252 reading of each byte, for the stray bytes among UTF-8. */
const WIN1252_BYTE = Array.from({ length: 256 }, (_, b) => iconv.decode(Buffer.from([b]), 'win1252'));

export function lenientUtf8(buf: Buffer): string {
  if (isUtf8(buf)) return mostlyMultiByte(buf) ? decodeValidUtf8(buf) : buf.toString('utf8');
  // Runs of valid UTF-8 are decoded at once; a string per character made a 1 MB file of mixed bytes take 0.5 s.
  const parts: string[] = [];
  let run = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let ok = need > 0 && i + need <= buf.length;
    for (let k = 1; ok && k < need; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok && !isUtf8(buf.subarray(i, i + need))) ok = false;
    if (ok) {
      i += need;
      continue;
    }
    if (i > run) parts.push(buf.toString('utf8', run, i));
    parts.push(WIN1252_BYTE[b]!);
    run = ++i;
  }
  if (run < buf.length) parts.push(buf.toString('utf8', run));
  return parts.join('');
}

export function createDecoder(detected: Detected): TextDecoderLike {
  if (detected.encoding === 'utf8' || detected.encoding === 'windows-1252') return new LenientUtf8Decoder();
  const d = iconv.getDecoder(detected.encoding, { stripBOM: false });
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** A whole buffer as text (BOM dropped). `declared` (an HTML meta charset, a MIME charset) wins over sniffing. */
export function decodeBytes(buf: Buffer, file?: string, declared?: string): { text: string; encoding: string } {
  let detected = detectEncoding(buf.subarray(0, SNIFF_BYTES), file);
  if (detected.bom === 0 && declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    detected = { encoding: declared.toLowerCase(), bom: 0 };
  }
  const body = buf.subarray(detected.bom);
  const d = createDecoder(detected);
  return { text: d.write(body) + d.end(), encoding: detected.encoding };
}

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decodes a stream of byte chunks; the encoding is sniffed from the first chunk. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, file?: string): AsyncGenerator<string> {
  let decoder: TextDecoderLike | undefined;
  for await (const raw of chunks) {
    let chunk = raw;
    if (!decoder) {
      const detected = detectEncoding(chunk, file);
      decoder = createDecoder(detected);
      chunk = chunk.subarray(detected.bom);
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder?.end();
  if (tail) yield tail;
}

/** Streams a file as decoded text chunks; memory stays flat. I/O errors name the file. */
export async function* readText(path: string, file: string, chunkSize = 256 * 1024): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: Math.max(chunkSize, SNIFF_BYTES) });
  try {
    yield* decodeChunks(stream as AsyncIterable<Buffer>, file);
  } catch (err) {
    if (err instanceof SightlineError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new SightlineError(e.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read file: ${e.message}`, { file });
  } finally {
    stream.destroy();
  }
}
