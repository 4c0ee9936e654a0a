/** Date and Federal Register citation parsing for list files: everything comes out as ISO `YYYY[-MM[-DD]]`. */

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  sept: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

const pad = (n: string | number): string => String(n).padStart(2, '0');

/** Two-digit years: up to next year's two digits is 20xx, else 19xx (lists start in the 1980s). */
function fullYear(y: string): string {
  if (y.length === 4) return y;
  const pivot = (new Date().getUTCFullYear() + 1) % 100;
  return Number(y) <= pivot ? `20${pad(y)}` : `19${pad(y)}`;
}

function valid(y: string, m?: string, d?: string): boolean {
  const yi = Number(y);
  if (yi < 1800 || yi > 2200) return false;
  if (m !== undefined && (Number(m) < 1 || Number(m) > 12)) return false;
  if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return false;
  return true;
}

/**
 * Parses the date shapes the US lists use: `2019-10-09`, `03 Jun 2021`, `Jun 2021`, `1955`, `circa 1960`,
 * `10/9/19` and `12/23/2020` (US month/day order), `2019/10/09`. Returns the first date found, or undefined.
 */
export function parseDate(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  let m = /(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m && valid(m[1]!, m[2], m[3])) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(t);
  if (m && valid(m[1]!, m[2], m[3])) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(t);
  if (m) {
    const y = fullYear(m[3]!);
    if (valid(y, m[1], m[2])) return `${y}-${pad(m[1]!)}-${pad(m[2]!)}`;
  }
  m = /\b(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]+(\d{4})\b/.exec(t);
  if (m) {
    const mon = MONTHS[m[2]!.slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()];
    if (mon && valid(m[3]!, mon, m[1])) return `${m[3]}-${mon}-${pad(m[1]!)}`;
  }
  m = /\b([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})\b/.exec(t);
  if (m) {
    const mon = MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    if (mon && valid(m[3]!, mon, m[2])) return `${m[3]}-${mon}-${pad(m[2]!)}`;
  }
  m = /\b([A-Za-z]{3,9})\.? (\d{4})\b/.exec(t);
  if (m) {
    const mon = MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    if (mon && valid(m[2]!, mon)) return `${m[2]}-${mon}`;
  }
  m = /\b(\d{4})\b/.exec(t);
  if (m && valid(m[1]!)) return m[1];
  return undefined;
}

export interface Citation {
  /** Normalised citation, e.g. `84 FR 54004`. */
  citation: string;
  /** Publication/effective date written next to it, if any (ISO). */
  date?: string;
}

/**
 * Federal Register citations in a notice field, in order: "84 FR 54004, 10/9/19. 85 FR 44161, 7/22/20" or
 * DPL's "46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81".
 */
export function parseCitations(text: string | undefined | null): Citation[] {
  if (!text) return [];
  const out: Citation[] = [];
  const re = /(\d{1,3})\s*F\.?\s?R\.?\s+(\d[\d,]*)(?:[,;]?\s*(?:\([^)]*\)\s*)?(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}))?/g;
  for (const m of text.matchAll(re)) {
    const c: Citation = { citation: `${m[1]} FR ${m[2]!.replace(/,/g, '')}` };
    const d = m[3] ? parseDate(m[3]) : undefined;
    if (d) c.date = d;
    out.push(c);
  }
  return out;
}
