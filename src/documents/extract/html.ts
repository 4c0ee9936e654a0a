/** HTML → text (html-to-text): scripts and styles dropped, link targets and images not rendered or fetched. */
import { convert } from 'html-to-text';

export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'iframe', format: 'skip' },
      { selector: 'object', format: 'skip' },
    ],
  });
}

/** The charset an HTML file declares in a <meta> tag, if any. */
export function declaredHtmlCharset(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

export function looksLikeHtml(buf: Buffer): boolean {
  const head = buf.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head);
}
