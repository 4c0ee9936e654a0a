/**
 * Bytes → text for plain-text-like files: BOM first, then strict UTF-8, then chardet's guess
 * (GB18030/GBK, Big5, UTF-16, Shift_JIS…) decoded with iconv-lite. Binary content posing as text
 * (NUL bytes outside UTF-16, many control characters) is refused.
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { SightlineError } from '../../errors.ts';

export interface Decoded {
  text: string;
  encoding: string;
}


export function decodeBytes(buf: Buffer, file?: string, declared?: string): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'UTF-16LE' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'UTF-16BE' };
  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    return checked({ text: iconv.decode(buf, declared), encoding: declared.toUpperCase() }, file);
  }
  // Native validation then native decoding: several times faster than a fatal TextDecoder on big files.
  if (isUtf8(buf)) return checked({ text: buf.toString('utf8'), encoding: 'UTF-8' }, file);
  const sample = buf.subarray(0, 64 * 1024);
  const guess = chardet.analyse(sample).find((c) => iconv.encodingExists(c.name))?.name ?? 'GB18030';
  // GBK text is a subset of GB18030; chardet sometimes calls short Chinese samples EUC-JP/Shift_JIS.
  const name = /^(EUC-JP|Shift_JIS|GBK|GB2312)$/i.test(guess) && looksChinese(sample) ? 'GB18030' : guess;
  return checked({ text: iconv.decode(buf, name), encoding: name }, file);
}

function looksChinese(buf: Buffer): boolean {
  const text = iconv.decode(buf, 'gb18030');
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > 0 && !text.includes('\ufffd');
}

/** Refuses decoded text that is really binary (NUL or many C0 control characters). */
function checked(d: Decoded, file?: string): Decoded {
  const sample = d.text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw new SightlineError('UNSAFE_INPUT', 'binary content, not text (NUL bytes); not scanned', { file });
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
    if (c === 0xfffd) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    throw new SightlineError('UNSAFE_INPUT', 'binary content, not text (control characters); not scanned', { file });
  }
  return d;
}
