/**
 * Decompression-bomb guard for PDF: every FlateDecode stream is inflated once within the ZIP guard's
 * limits (ratio per stream over 1 MB, total bytes) before the PDF library sees the file, which would
 * otherwise inflate a 1 MB stream to 1 GB without a cap.
 */
import { constants, inflateSync } from 'node:zlib';
import { SightlineError } from '../errors.ts';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.ts';

const RATIO_FLOOR = 1024 * 1024;
/** How far back from `stream` to look for the stream dictionary's filter. */
const DICT_LOOKBACK = 2048;

export function checkPdfStreams(buf: Buffer, file?: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  let total = 0;
  let pos = 0;
  for (;;) {
    const at = buf.indexOf('stream', pos, 'latin1');
    if (at < 0) return;
    pos = at + 6;
    // The keyword `stream` follows a dictionary (">>") and is followed by an end of line.
    const before = buf.subarray(Math.max(0, at - DICT_LOOKBACK), at).toString('latin1');
    if (!/>>\s*$/.test(before) || buf[at - 1] === 0x64 /* "endstream" */) continue;
    const dict = before.slice(before.lastIndexOf('obj') + 1);
    if (!/\/FlateDecode|\/Fl\b/.test(dict)) continue;
    const start = at + 6 + (buf[at + 6] === 0x0d ? 2 : 1);
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) return;
    pos = end + 9;
    const data = buf.subarray(start, end);
    const cap = Math.min(limits.maxTotalBytes - total, Math.max(RATIO_FLOOR, data.length * limits.maxRatio));
    let out: Buffer;
    try {
      out = inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new SightlineError('UNSAFE_INPUT', `PDF stream at byte ${at} inflates past ${cap} bytes (decompression bomb?); refused`, { file });
      }
      continue; // A corrupt stream is the PDF reader's to report.
    }
    total += out.length;
  }
}
