/**
 * List tables: one official list as `{"list_id", "extracted", "entities": [{name, aliases, country, address,
 * effective_date, federal_register, notes}]}` — the shape of the per-list extracts (BIS Entity List, MEU, DPL,
 * DHS UFLPA, FCC Covered List, DoD 1260H) parsed from the official texts. `list_id` names the list
 * (data/list-import.yml `tableLists`); a table of another list is refused rather than guessed.
 */
import { readFile, stat } from 'node:fs/promises';
import { badInput } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { parseDate } from '../dates.ts';
import { tableListCode } from '../tables.ts';
import { looksLikeCompany } from '../tables.ts';
import { MAX_JSON_BYTES, parseJsonText } from './csl-json.ts';

type Row = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export const listTable: ListFormat = {
  id: 'list-table',
  description: 'one list as a table of entities ({"list_id", "entities": [{name, aliases, …}]}: BIS, DHS UFLPA, FCC, DoD 1260H extracts)',
  detect(files) {
    return files.length > 0 && files.every((f) => /^\s*\{[\s\S]*"list_id"\s*:/.test(f.head.replace(/^\uFEFF/, '')) && /"entities"\s*:/.test(f.head));
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readTable(file);
  },
};

async function* readTable(file: ListFile): AsyncGenerator<Entity> {
  if ((await stat(file.path)).size > MAX_JSON_BYTES) throw badInput(`list table larger than ${MAX_JSON_BYTES} bytes`, { file: file.name });
  const doc = parseJsonText(await readFile(file.path, 'utf8'), file.name) as Row;
  const listId = text(doc.list_id);
  const code = listId && tableListCode(listId);
  if (!code) throw badInput(`list table "${listId ?? ''}" is not a list Sightline knows (see tableLists in data/list-import.yml)`, { file: file.name });
  if (!Array.isArray(doc.entities)) throw badInput('list table has no "entities" array', { file: file.name });
  const builder = new ListBuilder({ source: `table:${file.name.replace(/\.json$/i, '')}`, file: file.name });
  let record = 0;
  for (const raw of doc.entities as Row[]) {
    record++;
    const name = text(raw?.name);
    if (!name) throw badInput('entity has no name', { file: file.name, record });
    const aliases = Array.isArray(raw.aliases) ? raw.aliases.map(text).filter((a): a is string => !!a) : [];
    const address = text(raw.address);
    const country = text(raw.country);
    yield* builder.build({
      record,
      listCode: code,
      kind: looksLikeCompany(name) ? 'company' : 'entity',
      name,
      aliases,
      addresses: address ? [address] : [],
      countries: country ? [country] : [],
      sanction: {
        startDate: parseDate(text(raw.effective_date)),
        notices: text(raw.federal_register),
        notes: [text(raw.notes)].filter((n): n is string => !!n),
      },
    });
  }
  yield* builder.finish();
}
