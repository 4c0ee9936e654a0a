/**
 * The DoD Section 1260H listing history as a CSV table (`Name, Clean Name, Alias, Previous Name, Parent Name,
 * Note, Start date, End date, Source Url`): one row per firm and edition of the list. Rows of the same firm
 * (by Clean Name) become one party with a Sanction per edition (`…-1260h-<edition date>`), so the store
 * keeps every edition a firm appears in and the date it was removed.
 */
import { badInput } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder, type ListRecord } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { parseDate } from '../dates.ts';
import { csvRows, headerOf } from './csv-rows.ts';

const COLUMNS = ['name', 'clean name', 'alias', 'previous name', 'parent name', 'note', 'start date', 'end date', 'source url'];
/** The history of a list of about a hundred firms: refuse files that could not be one. */
const MAX_ROWS = 100_000;

export const dod1260hHistory: ListFormat = {
  id: '1260h-history',
  description: 'DoD Section 1260H listing history (CSV: Name, Clean Name, Alias, …, Start date, End date, Source Url)',
  detect(files) {
    return files.length > 0 && files.every((f) => COLUMNS.every((c, i) => headerOf(f.head)[i] === c));
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readHistory(file);
  },
};

interface Edition {
  row: number;
  fields: Record<string, string>;
}

async function* readHistory(file: ListFile): AsyncGenerator<Entity> {
  const firms = new Map<string, Edition[]>();
  let header: string[] | undefined;
  for await (const { fields, line, row } of csvRows(file)) {
    if (!header) {
      header = fields.map((f) =>
        f
          .trim()
          .replace(/^\uFEFF/, '')
          .toLowerCase(),
      );
      continue;
    }
    if (row > MAX_ROWS) throw badInput(`more than ${MAX_ROWS} rows: not a 1260H history`, { file: file.name, line });
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h] = (fields[i] ?? '').trim();
    });
    const name = rec['clean name'] || rec.name;
    if (!name) throw badInput('row has no name', { file: file.name, line, record: row - 1 });
    if (!parseDate(rec['start date'])) throw badInput(`row has no start date (got "${rec['start date']}")`, { file: file.name, line, record: row - 1 });
    firms.set(name, [...(firms.get(name) ?? []), { row: row - 1, fields: rec }]);
  }
  const builder = new ListBuilder({ source: '1260h-history', file: file.name });
  for (const [name, editions] of firms) yield* firmEntities(builder, name, editions);
}

function firmEntities(builder: ListBuilder, name: string, editions: Edition[]): Entity[] {
  const values = (key: string) => [...new Set(editions.map((e) => e.fields[key]).filter((v): v is string => !!v && v !== name))];
  const base: ListRecord = {
    record: editions[0]!.row,
    listCode: '1260H',
    kind: 'company',
    name,
    aliases: values('alias'),
    previousNames: values('previous name'),
  };
  const { party } = builder.party(base);
  const sanctions = editions.map((e) => {
    const start = parseDate(e.fields['start date'])!;
    const rec: ListRecord = {
      ...base,
      record: e.row,
      sanction: {
        startDate: start,
        endDate: parseDate(e.fields['end date']),
        notices: `DoD 1260H list of ${start}`,
        sourceUrls: e.fields['source url'] ? [e.fields['source url']] : [],
        notes: [e.fields.note, e.fields['parent name'] && `Parent: ${e.fields['parent name']}`].filter((n): n is string => !!n),
      },
    };
    const s = builder.sanction(rec, party.id);
    return { ...s, id: `${s.id}-${start}` };
  });
  return [party, ...sanctions];
}
