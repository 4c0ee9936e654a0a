/**
 * One pack listing against the official entries it claims: the date it took effect (or its publication date,
 * which is what the Entity List cites), the end date, the Federal Register pages, every 1260H edition, and the
 * official name. Pure.
 */
import type { Entity } from '../model/entity.ts';
import { nameKey } from '../graph/world.ts';
import type { PackListing } from '../pack/index.ts';
import type { FindingKind } from './pack-verify.ts';

export interface OfficialEntry {
  entity: Entity;
  sanctions: Entity[];
}

export interface OfficialDates {
  /** Earliest start of the entries' Sanctions on the list. */
  start?: string;
  /** Latest end, when every Sanction on the list has ended. */
  end?: string;
  /** Start of each Sanction (one per 1260H edition). */
  editions: string[];
  /** "84 FR 29373" style citations found in the Sanctions. */
  citations: Set<string>;
}

const FR_CITE = /(\d{2,3})\s*FR\s*(\d{3,6})/g;

export function frCitations(text: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const m of (text ?? '').matchAll(FR_CITE)) out.add(`${m[1]} FR ${m[2]}`);
  return out;
}

export function officialDates(entries: OfficialEntry[], list: string): OfficialDates {
  const sanctions = entries.flatMap((e) => e.sanctions).filter((s) => s.properties.programId?.includes(list));
  const starts = sanctions.map((s) => s.properties.startDate?.[0]).filter((d): d is string => !!d);
  const ends = sanctions.map((s) => s.properties.endDate?.[0]);
  const citations = new Set<string>();
  for (const s of sanctions) for (const c of frCitations([...(s.properties.summary ?? []), ...(s.properties.description ?? [])].join('\n'))) citations.add(c);
  return {
    start: starts.sort()[0],
    end: ends.length && ends.every((d) => !!d) ? (ends as string[]).sort().at(-1) : undefined,
    editions: [...new Set(starts)].sort(),
    citations,
  };
}

/** A partial pack date (2019, 2019-06) agrees with the full official date it is a prefix of. */
const sameDate = (pack: string | undefined, official: string): boolean => !!pack && official.startsWith(pack);

type ListingFinding = { kind: FindingKind; message: string };

function dateFindings(listing: PackListing, dates: OfficialDates): ListingFinding[] {
  const out: ListingFinding[] = [];
  if (dates.start && !sameDate(listing.since, dates.start) && !sameDate(listing.published, dates.start))
    out.push({
      kind: 'date',
      message: `${listing.list}: the list dates the entry ${dates.start}; the pack says since ${listing.since ?? '(none)'}${listing.published ? `, published ${listing.published}` : ''}`,
    });
  if (dates.end && !sameDate(listing.end, dates.end))
    out.push({
      kind: 'end',
      message: `${listing.list}: the list ended the entry on ${dates.end}; the pack has ${listing.end ? `end ${listing.end}` : 'no end'}`,
    });
  if (!dates.end && listing.end && dates.start)
    out.push({ kind: 'end', message: `${listing.list}: the pack ends the listing on ${listing.end}, but the entry is on the current list` });
  return out;
}

export function checkListing(listing: PackListing, entries: OfficialEntry[], dates: OfficialDates, packNames: Set<string>): ListingFinding[] {
  const out = dateFindings(listing, dates);
  const packCites = frCitations(listing.citation);
  if (packCites.size && dates.citations.size && ![...packCites].some((c) => dates.citations.has(c)))
    out.push({
      kind: 'citation',
      message: `${listing.list}: the pack cites ${[...packCites].join(', ')}; the list entry cites ${[...dates.citations].join(', ')}`,
    });
  if (listing.list === '1260H' && dates.editions.length > 1) {
    const missing = dates.editions.filter((d) => !(listing.citation ?? '').includes(d.slice(0, 4)));
    if (missing.length) out.push({ kind: 'editions', message: `1260H: the citation does not name the edition(s) of ${missing.join(', ')}` });
  }
  const officialNames = entries.flatMap((e) => e.entity.properties.name ?? []);
  if (officialNames.length && !officialNames.some((n) => packNames.has(nameKey(n))))
    out.push({ kind: 'name', message: `${listing.list}: the list's name "${officialNames[0]}" is not among the pack's names` });
  return out;
}
