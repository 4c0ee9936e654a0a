/**
 * OFAC legacy CSV files (spec: OFAC dat_spec.txt): sdn.csv (+ add.csv, alt.csv, sdn_comments.csv) and the
 * consolidated non-SDN set cons_prim.csv (+ cons_add.csv, cons_alt.csv, cons_comments.csv). No header, `-0-`
 * is empty, a 0x1A byte ends the file. Each file's role follows from its column count (main 12, address 6,
 * alias 5, comments 2); the companions are indexed by ent_num in memory (a few MB), the main file is streamed.
 */
import { badInput } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder, type ListRecord, type PartyKind } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { consListCode } from '../tables.ts';
import { csvRows } from './csv-rows.ts';

type Role = 'main' | 'add' | 'alt' | 'comments';
const ROLE_BY_COLUMNS: Record<number, Role> = { 12: 'main', 6: 'add', 5: 'alt', 2: 'comments' };

/** First CSV record of a head, split naively (good enough for counting columns of OFAC rows). */
function firstRowColumns(head: string): number {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
  return fields.filter((f, i) => f !== '' || i < fields.length - 1).length;
}

function looksOfac(head: string): boolean {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /^\d+,/.test(line) && (line.includes('-0-') || firstRowColumns(head) === 2) && ROLE_BY_COLUMNS[firstRowColumns(head)] !== undefined;
}

export const ofacLegacy: ListFormat = {
  id: 'ofac-legacy',
  description: 'OFAC legacy CSV (sdn.csv + add.csv + alt.csv; cons_prim.csv + cons_add.csv + cons_alt.csv + cons_comments.csv)',
  detect(files) {
    return files.length > 0 && files.every((f) => looksOfac(f.head));
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    // Group into sets: cons_* files form the consolidated set, everything else the SDN set.
    const sets = new Map<'sdn' | 'cons', ListFile[]>();
    for (const f of files) {
      const key = /^cons/i.test(f.name) ? 'cons' : 'sdn';
      sets.set(key, [...(sets.get(key) ?? []), f]);
    }
    for (const [kind, fs] of sets) yield* readSet(kind, fs);
  },
};

const empty = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return !t || t === '-0-' ? undefined : t;
};

async function roleOf(file: ListFile): Promise<Role> {
  for await (const { fields } of csvRows(file)) {
    const role = ROLE_BY_COLUMNS[fields.length];
    if (!role) throw badInput(`OFAC legacy row has ${fields.length} columns (expected 12, 6, 5 or 2)`, { file: file.name, line: 1 });
    return role;
  }
  return 'comments';
}

async function* readSet(kind: 'sdn' | 'cons', files: ListFile[]): AsyncGenerator<Entity> {
  {
    const mains: ListFile[] = [];
    const addresses = new Map<string, { full: string; country?: string }[]>();
    const aliases = new Map<string, { type: string; name: string }[]>();
    const comments = new Map<string, string>();
    for (const f of files) {
      const role = await roleOf(f);
      if (role === 'main') {
        mains.push(f);
        continue;
      }
      for await (const { fields, line } of csvRows(f)) {
        const ent = fields[0]!.trim();
        if (!/^\d+$/.test(ent)) throw badInput(`ent_num "${ent}" is not a number`, { file: f.name, line });
        if (role === 'add') {
          const parts = [empty(fields[2]), empty(fields[3]), empty(fields[4])].filter((x): x is string => !!x);
          if (parts.length) push(addresses, ent, { full: parts.join(', '), country: empty(fields[4]) });
        } else if (role === 'alt') {
          const name = empty(fields[3]);
          if (name) push(aliases, ent, { type: (empty(fields[2]) ?? 'aka').toLowerCase(), name });
        } else {
          comments.set(ent, (comments.get(ent) ?? '') + (fields[1] ?? ''));
        }
      }
    }
    if (!mains.length) throw badInput(`no main file (sdn.csv or cons_prim.csv) among ${files.map((f) => f.name).join(', ')}`, { file: files[0]?.name });
    for (const main of mains) {
      const builder = new ListBuilder({ source: 'ofac-legacy', file: main.name });
      for await (const { fields, row, line } of csvRows(main)) {
        if (ROLE_BY_COLUMNS[fields.length] !== 'main') throw badInput(`expected 12 columns, got ${fields.length}`, { file: main.name, line });
        const ent = fields[0]!.trim();
        const name = empty(fields[1]);
        if (!/^\d+$/.test(ent) || !name) throw badInput('row without ent_num or name', { file: main.name, line, record: row });
        yield* builder.build(legacyRecord(kind, fields, row, addresses.get(ent), aliases.get(ent), comments.get(ent)));
      }
      yield* builder.finish();
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function kindOf(type: string | undefined): PartyKind {
  const t = (type ?? '').toLowerCase();
  return t === 'individual' ? 'person' : t === 'vessel' ? 'vessel' : t === 'aircraft' ? 'aircraft' : 'entity';
}

/** "UKRAINE-EO13662] [RUSSIA-EO14024" or "[SDGT] [IRGC]" -> one program each. */
export function splitPrograms(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter(Boolean);
}

function legacyRecord(
  kind: 'sdn' | 'cons',
  f: string[],
  row: number,
  adds: { full: string; country?: string }[] = [],
  alts: { type: string; name: string }[] = [],
  spill?: string,
): ListRecord {
  const programs = splitPrograms(empty(f[3]));
  const remarks = empty(f[11]);
  return {
    record: row,
    listCode: kind === 'sdn' ? 'SDN' : consListCode(programs),
    ofacId: f[0]!.trim(),
    kind: kindOf(empty(f[2])),
    name: empty(f[1])!,
    titles: [empty(f[4])].filter((x): x is string => !!x),
    aliases: alts.filter((a) => a.type !== 'fka').map((a) => a.name),
    previousNames: alts.filter((a) => a.type === 'fka').map((a) => a.name),
    addresses: adds.map((a) => a.full),
    countries: adds.map((a) => a.country).filter((x): x is string => !!x),
    remarks: remarks || spill ? `${remarks ?? ''}${spill ?? ''}` : undefined,
    vessel: { callSign: empty(f[5]), type: empty(f[6]), tonnage: empty(f[7]), grt: empty(f[8]), flag: empty(f[9]), owner: empty(f[10]) },
    programs,
  };
}
