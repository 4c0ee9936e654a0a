/**
 * A small RFC 5322/MIME reader for .eml files: unfolded headers, RFC 2047 encoded words, multipart
 * bodies, base64 and quoted-printable, declared charsets. text/plain and text/html become text;
 * attachments are returned as bytes for the caller to extract (never opened by anything else).
 */
import iconv from 'iconv-lite';
import { decodeBytes } from '../../io/encoding.ts';
import { htmlToText } from './html.ts';

export interface EmlContent {
  texts: string[];
  attachments: { name: string; data: Buffer }[];
  warnings: string[];
}

interface Headers {
  [name: string]: string;
}

const MAX_DEPTH = 8;

export function looksLikeEml(buf: Buffer): boolean {
  const head = buf.subarray(0, 2048).toString('latin1');
  return /^(Received|From|Return-Path|MIME-Version|Message-ID|Delivered-To|Subject):/im.test(head) && /\r?\n\r?\n/.test(head);
}

export function parseEml(buf: Buffer, file?: string): EmlContent {
  const out: EmlContent = { texts: [], attachments: [], warnings: [] };
  const { headers, body } = splitEntity(buf);
  const lines = ['From', 'To', 'Date', 'Subject'].filter((h) => headers[h.toLowerCase()]).map((h) => `${h}: ${decodeWords(headers[h.toLowerCase()])}`);
  if (lines.length) out.texts.push(lines.join('\n'));
  walk(headers, body, out, 0, file);
  return out;
}

function splitEntity(buf: Buffer): { headers: Headers; body: Buffer } {
  const raw = buf.toString('latin1');
  const m = /\r?\n\r?\n/.exec(raw);
  const headEnd = m ? m.index : raw.length;
  const bodyStart = m ? m.index + m[0].length : raw.length;
  const headers: Headers = {};
  for (const line of raw
    .slice(0, headEnd)
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: buf.subarray(bodyStart) };
}

function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`(?:^|;)\\s*${name}\\*?\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  const v = m?.[1] ?? m?.[2];
  // RFC 2231 extended value: UTF-8''%E6%8B%9B%E6%A0%87.docx
  const ext = v && /^([\w-]+)'[\w-]*'(.*)$/.exec(v);
  if (ext) {
    try {
      return decodeURIComponent(ext[2]);
    } catch {
      return ext[2];
    }
  }
  return v;
}

function walk(headers: Headers, body: Buffer, out: EmlContent, depth: number, file?: string): void {
  if (depth > MAX_DEPTH) {
    out.warnings.push('MIME nesting too deep; rest skipped');
    return;
  }
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = param(headers['content-type'], 'boundary');
    if (!boundary) return;
    const raw = body.toString('latin1');
    const sep = `--${boundary}`;
    const chunks = raw.split(sep).slice(1);
    for (const chunk of chunks) {
      if (chunk.startsWith('--')) break;
      const part = Buffer.from(chunk.replace(/^\r?\n/, ''), 'latin1');
      const sub = splitEntity(part);
      walk(sub.headers, sub.body, out, depth + 1, file);
    }
    return;
  }
  const data = transferDecode(body, headers['content-transfer-encoding']);
  const disposition = headers['content-disposition'] ?? '';
  const filename = param(disposition, 'filename') ?? param(headers['content-type'], 'name');
  if (/^attachment/i.test(disposition) || (filename && !type.startsWith('text/'))) {
    out.attachments.push({ name: decodeWords(filename ?? 'attachment'), data });
    return;
  }
  if (type.startsWith('text/')) {
    const charset = param(headers['content-type'], 'charset');
    const text = charset && iconv.encodingExists(charset) ? iconv.decode(data, charset) : decodeBytes(data).text;
    out.texts.push(type.startsWith('text/html') ? htmlToText(text, file) : text);
  }
}

function transferDecode(body: Buffer, encoding = ''): Buffer {
  const enc = encoding.toLowerCase().trim();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body.toString('latin1'));
  return body;
}

export function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2047: =?charset?B|Q?text?= */
export function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset: string, kind: string, data: string) => {
    const bytes = kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
  });
}
