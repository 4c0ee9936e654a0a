/**
 * Maps one trade.gov Consolidated Screening List record (CSV row or JSON object) to a ListRecord.
 * CSV joins arrays with "; "; JSON has real arrays and objects for addresses and ids.
 */
import { listFromCslSource } from '../../model/lists.ts';
import { parseDate } from '../dates.ts';
import type { ListRecord, PartyKind } from '../builder.ts';

export type CslValue = string | null | undefined | (string | Record<string, unknown> | null)[] | Record<string, unknown>;
export type CslRow = Record<string, CslValue>;

/** Current layout (29 columns) and the older 2019 layout without `_id` — fields are looked up by name. */
export const CSL_COLUMNS = [
  '_id',
  'source',
  'entity_number',
  'type',
  'programs',
  'name',
  'title',
  'addresses',
  'federal_register_notice',
  'start_date',
  'end_date',
  'standard_order',
  'license_requirement',
  'license_policy',
  'call_sign',
  'vessel_type',
  'gross_tonnage',
  'gross_registered_tonnage',
  'vessel_flag',
  'vessel_owner',
  'remarks',
  'source_list_url',
  'alt_names',
  'citizenships',
  'dates_of_birth',
  'nationalities',
  'places_of_birth',
  'source_information_url',
  'ids',
];

function str(v: CslValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v))
    return (
      v
        .filter((x) => typeof x === 'string')
        .join('; ')
        .trim() || undefined
    );
  return undefined;
}

/** "a; b; and c" -> [a, b, c]; arrays pass through. */
function list(v: CslValue): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v))
    return v
      .filter((x): x is string => typeof x === 'string')
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof v !== 'string') return [];
  return v
    .split(/;\s*(?:and\s+)?/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function kindOf(type: string | undefined): PartyKind {
  switch ((type ?? '').toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'entity';
  }
}

function addresses(v: CslValue): { full: string[]; countries: string[] } {
  const full: string[] = [];
  const countries: string[] = [];
  if (Array.isArray(v)) {
    for (const a of v) {
      if (typeof a === 'string') full.push(a);
      else if (a && typeof a === 'object') {
        const o = a as Record<string, unknown>;
        const parts = ['address', 'city', 'state', 'postal_code', 'country']
          .map((k) => (typeof o[k] === 'string' ? (o[k] as string).trim() : ''))
          .filter(Boolean);
        if (parts.length) full.push(parts.join(', '));
        if (typeof o.country === 'string' && o.country) countries.push(o.country);
      }
    }
  } else full.push(...list(v));
  return { full, countries };
}

/** `ids`: JSON objects, current CSV "type, number, country", or 2019 CSV "country, number, type". */
function ids(v: CslValue): { type: string; number: string; country?: string }[] {
  const out: { type: string; number: string; country?: string }[] = [];
  if (Array.isArray(v)) {
    for (const x of v) {
      if (!x || typeof x !== 'object') continue;
      const o = x as Record<string, unknown>;
      if (typeof o.type === 'string' && typeof o.number === 'string')
        out.push({ type: o.type, number: o.number, country: typeof o.country === 'string' ? o.country : undefined });
    }
    return out;
  }
  for (const item of list(v)) {
    const parts = item.split(/,\s*/);
    if (parts.length < 2) continue;
    const first = parts[0]!;
    const last = parts.at(-1)!;
    if (/^[A-Z]{2}$/.test(first) && !/^[A-Z]{2}$/.test(last) && parts.length === 3) out.push({ country: first, number: parts[1]!, type: last });
    else if (parts.length >= 3 && /^[A-Z]{2}$/.test(last)) out.push({ type: first, number: parts.slice(1, -1).join(', '), country: last });
    else out.push({ type: first, number: parts.slice(1).join(', ') });
  }
  return out;
}

export function cslRecord(row: CslRow, record: number): ListRecord | undefined {
  const source = str(row.source);
  const name = str(row.name);
  if (!source || !name) return undefined;
  const info = listFromCslSource(source);
  const num = str(row.entity_number);
  const treasury = /Treasury/i.test(source);
  const addr = addresses(row.addresses);
  const provisions = [str(row.license_requirement), str(row.license_policy), str(row.standard_order) === 'Y' ? 'Standard order' : str(row.standard_order)];
  const notices = str(row.federal_register_notice);
  return {
    record,
    listCode: info.code,
    ofacId: treasury && num && /^\d+$/.test(num) ? num : undefined,
    listId: str(row._id) ?? (num ? `${info.code}:${num}` : undefined),
    kind: kindOf(str(row.type)),
    name,
    aliases: list(row.alt_names),
    titles: list(row.title),
    addresses: addr.full,
    countries: addr.countries,
    nationalities: list(row.nationalities),
    citizenships: list(row.citizenships),
    birthDates: list(row.dates_of_birth)
      .map((d) => parseDate(d) ?? '')
      .filter(Boolean),
    birthPlaces: list(row.places_of_birth),
    idRemarks: ids(row.ids).map((i) => `${i.type.replace(/[:,]\s*$/, '')} ${i.number}${i.country ? ` (${i.country})` : ''}`),
    remarks: str(row.remarks),
    vessel: {
      callSign: str(row.call_sign),
      type: str(row.vessel_type),
      tonnage: str(row.gross_tonnage),
      grt: str(row.gross_registered_tonnage),
      flag: str(row.vessel_flag),
      owner: str(row.vessel_owner),
    },
    programs: list(row.programs),
    sanction: {
      authority: info.authority || undefined,
      startDate: parseDate(str(row.start_date)),
      endDate: parseDate(str(row.end_date)),
      notices,
      provisions: provisions.filter((x): x is string => !!x),
      sourceUrls: [str(row.source_list_url), str(row.source_information_url)].filter((x): x is string => !!x && /^https?:/i.test(x)),
    },
  };
}
