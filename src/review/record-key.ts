/**
 * Stable keys for review memory. A record key identifies an input row whatever its position in the
 * file or the spelling of its headers; a listing hash changes exactly when an entity's listing data does.
 */
import { createHash } from 'node:crypto';

function norm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** sha256 of the normalised row: header names and values case- and space-folded, empty cells and row-number columns ignored, keys sorted. */
export function recordKey(row: Record<string, string | undefined>): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(row)) {
    const key = norm(k);
    const value = norm(v ?? '');
    if (!value || key === '' || /^(#|row|line|no\.?|index)$/.test(key)) continue;
    pairs.push([key, value]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 32);
}

export interface ListingFacts {
  listCode: string;
  program?: string;
  since?: string;
  end?: string;
  citation?: string;
}

/** Hash of the listing facts a reviewer saw: list, program, dates, citation (order-independent). */
export function listingHash(listings: ListingFacts[]): string {
  const rows = listings.map((l) => [l.listCode, l.program ?? '', l.since ?? '', l.end ?? '', l.citation ?? ''].join('|')).sort();
  return createHash('sha256')
    .update(JSON.stringify([...new Set(rows)]))
    .digest('hex')
    .slice(0, 32);
}
