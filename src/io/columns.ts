/**
 * Which column holds which field, from the header names (English, Chinese, any synonyms the caller
 * brings), overridable with `--map field="Column Name",other=Col`. The synonym tables belong to the
 * capabilities; matching, the override syntax and its errors live here once.
 */
import { SightlineError } from '../errors.ts';

/** Header key: NFKC, lower case, letters, digits, CJK and % only ("MAC-Address" → "macaddress"). */
export function headerKey(h: string): string {
  return words(h).join('');
}

function words(h: string): string[] {
  return String(h ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}%/]+/u)
    .map((w) => w.replace(/\//g, ''))
    .filter(Boolean);
}

/** `field="Column Name",other=Col` → {field: 'Column Name', other: 'Col'}; fields checked against `allowed`. */
export function parseFieldMap(spec: string | undefined, allowed: readonly string[], alias: (field: string) => string = (f) => f): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  const re = /\s*([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^,]*))\s*(?:,|$)/y;
  let pos = 0;
  while (pos < spec.length) {
    re.lastIndex = pos;
    const m = re.exec(spec);
    if (!m || m[0] === '') throw new SightlineError('USAGE', `cannot read --map at "${spec.slice(pos)}" (expected field=Column,…)`);
    const field = alias(m[1].toLowerCase());
    if (!allowed.includes(field)) throw new SightlineError('USAGE', `--map: unknown field ${m[1]} (fields: ${allowed.join(', ')})`);
    out[field] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    pos = re.lastIndex;
  }
  return out;
}

export interface DetectOptions {
  /** Second pass: a header whose words contain a synonym's words ("Camera MAC address" → mac). */
  contains?: boolean;
  file?: string;
}

/**
 * Field → column index. `--map` overrides first (they must name an existing header), then headers
 * equal to a synonym, then (optionally) headers containing one. A column serves one field only.
 */
export function detectColumns<F extends string>(
  headers: readonly string[],
  synonyms: Readonly<Record<F, readonly string[]>>,
  overrides: Partial<Record<F, string>> = {},
  opts: DetectOptions = {},
): Partial<Record<F, number>> {
  const keys = headers.map(headerKey);
  const out: Partial<Record<F, number>> = {};
  const taken = new Set<number>();
  for (const [field, header] of Object.entries(overrides) as [F, string][]) {
    if (!(field in synonyms))
      throw new SightlineError('USAGE', `--map: unknown field ${field} (fields: ${Object.keys(synonyms).join(', ')})`, { file: opts.file });
    let i = headers.indexOf(header);
    if (i < 0) i = keys.indexOf(headerKey(header));
    if (i < 0)
      throw new SightlineError(
        'USAGE',
        `mapped column "${header}" not found (--map ${field}): no such column in the header row (columns: ${headers.join(', ')})`,
        { file: opts.file, line: 1 },
      );
    out[field] = i;
    taken.add(i);
  }
  const fields = Object.keys(synonyms) as F[];
  const synKeys = new Map(fields.map((f) => [f, synonyms[f].map(headerKey)]));
  const claim = (field: F, test: (key: string, idx: number) => boolean) => {
    if (out[field] !== undefined) return;
    const i = keys.findIndex((k, idx) => !taken.has(idx) && test(k, idx));
    if (i >= 0) {
      out[field] = i;
      taken.add(i);
    }
  };
  for (const f of fields) claim(f, (k) => synKeys.get(f)!.includes(k));
  if (opts.contains) {
    const headerWords = headers.map(words);
    for (const f of fields) {
      const syns = synonyms[f].map(words).filter((w) => w.length);
      claim(f, (_k, idx) => syns.some((w) => containsRun(headerWords[idx]!, w)));
    }
  }
  return out;
}

/** True when `run` occurs as consecutive whole words in `ws`. */
function containsRun(ws: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= ws.length; i++) if (run.every((w, k) => ws[i + k] === w)) return true;
  return false;
}
