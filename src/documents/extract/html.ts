/** HTML → text (html-to-text): scripts and styles dropped, link targets and images not rendered or fetched. */
import { convert } from 'html-to-text';
import { Parser } from 'htmlparser2';
import { SightlineError } from '../../errors.ts';
import { INPUT_LIMITS } from '../../io/limits.ts';

export function htmlToText(html: string, file?: string, maxDepth = INPUT_LIMITS.htmlDepth): string {
  checkNesting(html, maxDepth, file);
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

/**
 * Refuses HTML nested deeper than `maxDepth` before html-to-text reads it. Its parser (htmlparser2) keeps
 * open elements with Array.unshift, quadratic in depth (60,000 unclosed tags: 41 s), and its tree walk
 * recurses (about 2,500 levels overflow the stack; fuzz: 42 inputs). The same parser, stopped at the
 * limit, counts depth as html-to-text will see it (implied closes of <p>, <li>… included) at linear cost.
 */
function checkNesting(html: string, maxDepth: number, file?: string): void {
  let depth = 0;
  const parser = new Parser({
    onopentag: () => {
      depth++;
      if (depth <= maxDepth) return;
      const line = 1 + countNewlines(html, parser.startIndex);
      throw new SightlineError('UNSAFE_INPUT', `HTML nested more than ${maxDepth} elements deep (limit htmlDepth)`, {
        file,
        line,
      });
    },
    onclosetag: () => {
      depth--;
    },
  });
  parser.end(html);
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
