/**
 * CBP withhold-release orders and findings, as a list table (`{"list_id": "cbp-wro", "entities": [{name,
 * aliases, country, status, effective_date, notes}]}`; notes "WRO; Industry: …; Merchandise: …; Remarks: …").
 * An order names a producer, the goods it covers and sometimes a whole region ("Xinjiang Uyghur Autonomous
 * Region (XUAR)", "All Turkmenistan Cotton …"): the Sanction keeps all three (program WRO or Finding, `reason`
 * = the goods, a `Region:` provision), with the order's date and status. Each order is its own Sanction, so a
 * producer with a WRO and a later Finding keeps both dates.
 */
import { readFile, stat } from 'node:fs/promises';
import { badInput } from '../../errors.ts';
import { addValues, type Entity } from '../../model/entity.ts';
import { ListBuilder } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { parseDate } from '../dates.ts';
import { looksLikeCompany } from '../tables.ts';
import { MAX_JSON_BYTES, parseJsonText } from './csl-json.ts';

type Row = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export const cbpWro: ListFormat = {
  id: 'cbp-wro',
  description: 'CBP withhold-release orders and findings ({"list_id": "cbp-wro", "entities": [{name, notes: "WRO; Merchandise: …"}]})',
  detect(files) {
    return files.length > 0 && files.every((f) => /^\s*\{[\s\S]*"list_id"\s*:\s*"cbp-wro"/.test(f.head.replace(/^\uFEFF/, '')));
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readOrders(file);
  },
};

export interface WroNotes {
  /** "WRO" or "Finding". */
  kind?: string;
  industry?: string;
  goods?: string;
  remarks?: string;
}

/** "WRO; Industry: Base Metals; Merchandise: Galvanized Pipe; Remarks: See China Finding." → its parts. */
export function parseWroNotes(notes: string | undefined): WroNotes {
  const out: WroNotes = {};
  if (!notes) return out;
  const parts = notes.split(/;\s*(?=(?:Industry|Merchandise|Remarks):)/);
  const head = parts[0]!.trim();
  if (/^(WRO|Finding)\b/i.test(head)) out.kind = /^wro/i.test(head) ? 'WRO' : 'Finding';
  for (const part of parts) {
    const m = /^(?:(?:WRO|Finding);\s*)?(Industry|Merchandise|Remarks):\s*([\s\S]*)$/.exec(part.trim());
    if (!m) continue;
    const value = m[2]!.trim().replace(/;$/, '');
    if (m[1] === 'Industry') out.industry = value;
    else if (m[1] === 'Merchandise') out.goods = value;
    else out.remarks = value;
  }
  return out;
}

const REGION_WORDS = /\b(Autonomous Region|Region|Province|produced in|All [A-Z][a-z]+ )\b/;

/** The region an order covers when its "producer" is a place rather than a firm; else undefined. */
export function wroRegion(name: string, country: string | undefined): string | undefined {
  if (!REGION_WORDS.test(name)) return undefined;
  const produced = /produced in ([A-Z][\w ]+?)(?: and|$|\.)/.exec(name);
  if (produced) return produced[1]!.trim();
  const all = /^All ([A-Z][a-z]+) /.exec(name);
  if (all) return all[1];
  return name.replace(/\s*\([^)]*\)\s*$/, '') || country;
}

/** Producers named together ("A Co., Ltd. and B Co., Ltd.") and "… and its subsidiaries" as aliases to match on. */
export function producerAliases(name: string): string[] {
  const out: string[] = [];
  const bare = name.replace(/,?\s+and (?:its|their)?\s*(?:two\s+)?(?:subsidiaries|subordinates)\b.*$/i, '').trim();
  if (bare !== name && bare) out.push(bare);
  // Split after a legal form only: "Baoding LYSZD Trade and Business Co." is one name.
  const sides = bare.split(/(?<=\b(?:Ltd|Limited|Inc|Co|LLC|Corp|Corporation)\.?)\s+and\s+|;\s*/i).map((s) => s.trim().replace(/\.$/, ''));
  if (sides.length > 1 && sides.every((s) => looksLikeCompany(s))) out.push(...sides);
  return out;
}

async function* readOrders(file: ListFile): AsyncGenerator<Entity> {
  if ((await stat(file.path)).size > MAX_JSON_BYTES) throw badInput(`list table larger than ${MAX_JSON_BYTES} bytes`, { file: file.name });
  const doc = parseJsonText(await readFile(file.path, 'utf8'), file.name) as Row;
  if (!Array.isArray(doc.entities)) throw badInput('withhold-release order table has no "entities" array', { file: file.name });
  const builder = new ListBuilder({ source: `table:${file.name.replace(/\.json$/i, '')}`, file: file.name });
  const parties = new Map<string, string>();
  let record = 0;
  for (const raw of doc.entities as Row[]) {
    record++;
    const name = text(raw?.name);
    if (!name) throw badInput('order has no producer name', { file: file.name, record });
    const date = text(raw.effective_date);
    const startDate = parseDate(date);
    if (date && !startDate) throw badInput(`order date "${date}" is not a date`, { file: file.name, record });
    const notes = parseWroNotes(text(raw.notes));
    const country = text(raw.country);
    const region = wroRegion(name, country);
    const aliases = [...(Array.isArray(raw.aliases) ? raw.aliases.map(text).filter((a): a is string => !!a) : []), ...producerAliases(name)];
    const rec = {
      record,
      listCode: 'WRO',
      kind: looksLikeCompany(name) ? ('company' as const) : ('entity' as const),
      name,
      aliases,
      countries: country && country !== 'Fishing Vessels' ? [country] : [],
      programs: [notes.kind ?? 'WRO'],
      sanction: {
        startDate,
        notes: [notes.industry && `Industry: ${notes.industry}`, region && `Region: ${region}`, notes.remarks && `Remarks: ${notes.remarks}`].filter(
          (n): n is string => !!n,
        ),
      },
    };
    // One party per producer, one Sanction per order: a Finding after its WRO keeps both dates.
    let partyId = parties.get(name);
    if (!partyId) {
      const { party, links } = builder.party(rec);
      partyId = party.id;
      parties.set(name, partyId);
      yield party;
      yield* links;
    }
    const sanction = builder.sanction(rec, partyId);
    const s = { ...sanction, id: `${sanction.id}-${startDate ?? record}` };
    addValues(s.properties, 'reason', notes.goods);
    addValues(s.properties, 'status', text(raw.status));
    yield s;
  }
  yield* builder.finish();
}
