/**
 * Text decoding for screened files: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or NUL pattern) and legacy
 * encodings detected with chardet (GBK/GB18030 from Chinese ERP exports, Big5, Shift_JIS, Windows-1252).
 * Binary content is refused before parsing.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { SightlineError } from '../errors.ts';

const SNIFF_BYTES = 64 * 1024;

export interface Detected {
  /** iconv-lite encoding name. */
  encoding: string;
  bom: boolean;
}

/** Decides the encoding from the first bytes. Throws UNSAFE_INPUT on binary content. */
export function detectEncoding(head: Buffer, name: string): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: true };
  const n = Math.min(head.length, 8192);
  let evenNul = 0, oddNul = 0, control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a && b !== 0x1b) || b === 0x7f) control++;
  }
  // UTF-16 without BOM: Latin text has a NUL in every other byte.
  if (n >= 4 && oddNul > n * 0.2 && evenNul === 0) return { encoding: 'utf16le', bom: false };
  if (n >= 4 && evenNul > n * 0.2 && oddNul === 0) return { encoding: 'utf16be', bom: false };
  if (evenNul + oddNul > 0 || control > Math.max(2, n * 0.01)) throw new SightlineError('UNSAFE_INPUT', 'file is binary, not text', { file: name });
  if (isUtf8(head)) return { encoding: 'utf8', bom: false };
  const guess = chardet.detect(head);
  const encoding = normaliseEncoding(guess);
  return { encoding, bom: false };
}

/** Strict UTF-8 check that tolerates a multi-byte sequence cut at the end of the sample. */
function isUtf8(buf: Buffer): boolean {
  let end = buf.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** GB2312 and GBK are subsets of GB18030: decode them all as GB18030. Unknown guesses fall back to Windows-1252. */
function normaliseEncoding(guess: string | null): string {
  if (!guess) return 'windows-1252';
  const g = guess.toLowerCase();
  if (g === 'gb2312' || g === 'gbk' || g === 'gb18030') return 'gb18030';
  if (g.startsWith('iso-8859-1') || g === 'ascii') return 'windows-1252';
  if (g === 'utf-8') return 'utf8';
  return iconv.encodingExists(g) ? g : 'windows-1252';
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

/** A stream of decoded text (BOM stripped) for a file in the detected encoding. */
export function decodedStream(path: string, detected: Detected): Readable {
  return createReadStream(path).pipe(iconv.decodeStream(detected.encoding, { stripBOM: true })) as unknown as Readable;
}

export function decodeBuffer(buf: Buffer, detected: Detected): string {
  return iconv.decode(buf, detected.encoding, { stripBOM: true });
}
