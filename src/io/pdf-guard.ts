/**
 * Decompression-bomb guard for PDF: every FlateDecode stream is inflated once within the named limits
 * (INPUT_LIMITS.pdfStreamRatio per stream over 1 MB, INPUT_LIMITS.pdfInflatedBytes for all streams)
 * before the PDF library sees the file, which would otherwise inflate a 1 MB stream to 1 GB without a
 * cap. ASCII-hex and ASCII-85 layers in front of the Flate layer are decoded first, so wrapping a bomb
 * in them does not hide it; other filters in front of FlateDecode cannot be sized and are refused.
 */
import { constants, inflateSync } from 'node:zlib';
import { SightlineError } from '../errors.ts';
import { INPUT_LIMITS, megabytes, type InputLimits } from './limits.ts';

const RATIO_FLOOR = 1024 * 1024;
/** How far back from `stream` to look for the stream dictionary's filter. */
const DICT_LOOKBACK = 2048;

type PdfLimits = Pick<InputLimits, 'pdfInflatedBytes' | 'pdfStreamRatio'>;

/** The stream's filters in order (abbreviations expanded), from its dictionary. */
function filters(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m) return [];
  const long: Record<string, string> = { Fl: 'FlateDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode', LZW: 'LZWDecode', RL: 'RunLengthDecode' };
  return [...m[1]!.matchAll(/\/([A-Za-z0-9]+)/g)].map((f) => long[f[1]!] ?? f[1]!);
}

function asciiHex(data: Buffer): Buffer {
  const hex = data
    .toString('latin1')
    .replace(/>.*$/s, '')
    .replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/~>.*$/s, '').replace(/^<~/, '').replace(/\s+/g, '').replace(/z/g, '!!!!!');
  const out = Buffer.alloc(Math.ceil(text.length / 5) * 4);
  let len = 0;
  for (let i = 0; i < text.length; i += 5) {
    const group = text.slice(i, i + 5);
    let n = 0;
    // A short last group is padded with 'u' and gives one byte fewer than its characters.
    for (let j = 0; j < 5; j++) n = n * 85 + ((group.charCodeAt(j) || 117) - 33);
    for (let k = 0; k < group.length - 1; k++) out[len++] = (n / 256 ** (3 - k)) & 255;
  }
  return out.subarray(0, len);
}

/** The bytes the Flate layer sees, or undefined when no Flate layer is present. */
function flateInput(data: Buffer, chain: string[], at: number, file?: string): Buffer | undefined {
  const flate = chain.indexOf('FlateDecode');
  if (flate < 0) return undefined;
  let bytes = data;
  for (const f of chain.slice(0, flate)) {
    if (f === 'ASCIIHexDecode') bytes = asciiHex(bytes);
    else if (f === 'ASCII85Decode') bytes = ascii85(bytes);
    else
      throw new SightlineError('UNSAFE_INPUT', `PDF stream at byte ${at} applies ${f} before FlateDecode, which cannot be checked for size; refused`, { file });
  }
  return bytes;
}

/**
 * Whether the readable start of a corrupt stream inflates past the ratio: prefixes of doubling length
 * are inflated (each capped), as a lenient PDF reader inflates up to the damage.
 */
function prefixOverRatio(data: Buffer, ratio: number): boolean {
  for (let length = 4096; length < data.length * 2; length *= 2) {
    try {
      inflateSync(data.subarray(0, length), { maxOutputLength: Math.max(RATIO_FLOOR, length * ratio), finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    }
  }
  return false;
}

export function checkPdfStreams(buf: Buffer, file?: string, limits: PdfLimits = INPUT_LIMITS): void {
  let total = 0;
  let pos = 0;
  for (;;) {
    const at = buf.indexOf('stream', pos, 'latin1');
    if (at < 0) return;
    pos = at + 6;
    // The keyword `stream` follows a dictionary (">>") and is followed by an end of line.
    const before = buf.subarray(Math.max(0, at - DICT_LOOKBACK), at).toString('latin1');
    if (!/>>\s*$/.test(before) || buf[at - 1] === 0x64 /* "endstream" */) continue;
    const chain = filters(before.slice(before.lastIndexOf('obj') + 1));
    if (!chain.includes('FlateDecode')) continue;
    const start = at + 6 + (buf[at + 6] === 0x0d ? 2 : 1);
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    pos = end + 9;
    const data = flateInput(buf.subarray(start, end), chain, at, file)!;
    const streamCap = Math.max(RATIO_FLOOR, data.length * limits.pdfStreamRatio);
    const cap = Math.min(limits.pdfInflatedBytes - total, streamCap);
    let out: Buffer;
    try {
      out = inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      // A corrupt stream is the PDF reader's to report, but it still inflates what comes before the damage.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE' && !prefixOverRatio(data, limits.pdfStreamRatio)) continue;
      const why =
        cap < streamCap
          ? `the PDF's streams inflate to more than ${megabytes(limits.pdfInflatedBytes)} together (pdfInflatedBytes limit)`
          : `PDF stream at byte ${at} inflates more than ${limits.pdfStreamRatio}:1 past ${megabytes(RATIO_FLOOR)} (pdfStreamRatio limit)`;
      throw new SightlineError('UNSAFE_INPUT', `${why}; decompression bomb? refused`, { file });
    }
    total += out.length;
  }
}

/** "12 0 obj": an object's definition (its number, its generation, the keyword). */
const OBJECT_HEADER = /(?<![0-9])([0-9]{1,10})[ \t\r\n\f\0]+[0-9]{1,5}[ \t\r\n\f\0]+obj(?![A-Za-z])/g;

/**
 * Refuses a PDF that defines one object number more than `pdfObjectDefinitions` times. An incremental
 * update redefines the objects it changes, a few times over; thousands of definitions of one number are
 * damage or an attack: pdfjs, rebuilding a broken cross-reference table, tries them in turn, each parse
 * running on through the file (fuzz: 3,377 definitions of object 2 in 241 KB took 26 s of CPU).
 */
export function checkPdfObjectDefinitions(buf: Buffer, file?: string, limit = INPUT_LIMITS.pdfObjectDefinitions): void {
  const counts = new Map<string, number>();
  for (const m of buf.toString('latin1').matchAll(OBJECT_HEADER)) {
    const n = (counts.get(m[1]!) ?? 0) + 1;
    if (n > limit) {
      throw new SightlineError(
        'UNSAFE_INPUT',
        `PDF object ${m[1]} is defined more than ${limit} times (pdfObjectDefinitions limit); damaged or hostile? refused`,
        {
          file,
        },
      );
    }
    counts.set(m[1]!, n);
  }
}
