/** Rows that cannot be screened (no name or identifier, garbage, unreadable record) are skipped with a reason. */
import type { RowFields } from './types.ts';

const MAX_NAME = 400;

/** The reason a row cannot be screened, or undefined when it can. */
export function rowProblem(f: RowFields): string | undefined {
  const hasId = Boolean(f.isin || f.lei || f.registration || f.ticker);
  const name = f.name ?? '';
  if (!name && !hasId && !f.brand) return 'no name or identifier';
  if (name) {
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(name)) return 'name contains control characters or undecodable bytes';
    if (name.length > MAX_NAME) return `name longer than ${MAX_NAME} characters`;
    if (!/\p{L}/u.test(name) && !hasId) return `name "${name.slice(0, 40)}" has no letters`;
  }
  if (f.isin && !/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(f.isin.replace(/\s+/g, '').toUpperCase())) return `malformed ISIN "${f.isin.slice(0, 30)}"`;
  if (f.lei && !/^[A-Z0-9]{18}[0-9]{2}$/.test(f.lei.replace(/\s+/g, '').toUpperCase())) return `malformed LEI "${f.lei.slice(0, 30)}"`;
  return undefined;
}

/** "1,234.50", "$ 1 234", "12.5%" → number; undefined when not a number. */
export function parseAmount(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v
    .trim()
    .replace(/[\s$€£¥,_]|USD|EUR|CNY|RMB/gi, '')
    .replace(/%$/, '');
  if (!s || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
