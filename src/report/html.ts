/**
 * A self-contained HTML report shell: inline CSS only (no external assets, scripts or fonts), readable on
 * screen and in print. Callers escape their content with `escapeHtml` or build it with the `html` tag.
 */
import { escapeHtml } from './escape.ts';

/** Raw HTML that the `html` tag inserts without escaping (already built from escaped parts). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | undefined | null | false | Part[];

function render(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (p instanceof SafeHtml) return p.value;
  if (Array.isArray(p)) return p.map(render).join('');
  return escapeHtml(p);
}

/** Tagged template: interpolated values are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new SafeHtml(out);
}

export const REPORT_CSS = `
:root { --fg:#1b1f24; --muted:#5b6570; --line:#d7dce1; --hit:#b3261e; --review:#9a6700; --clear:#1a7f37; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: var(--fg); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.muted { color: var(--muted); } .small { font-size: .85em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8em; letter-spacing: .03em; }
.hit { color: var(--hit); } .review { color: var(--review); } .clear { color: var(--clear); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; page-break-inside: avoid; break-inside: avoid; }
.path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; background: #f6f8fa; padding: .35rem .5rem; border-radius: 4px; }
.certificate { border: 2px solid var(--fg); border-radius: 8px; padding: 1rem 1.25rem; }
.certificate dt { font-weight: 600; } .certificate dd { margin: 0 0 .4rem 0; word-break: break-all; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .certificate { page-break-before: always; break-before: page; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}`;

export function htmlDocument(opts: { title: string; body: SafeHtml; lang?: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(opts.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(opts.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${opts.body.value}
</body>
</html>
`;
}
