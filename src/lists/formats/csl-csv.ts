/** trade.gov Consolidated Screening List, CSV: the current 29-column layout and the older 2019 layout. */
import { badInput } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { csvRows, headerOf } from './csv-rows.ts';
import { cslRecord, type CslRow } from './csl-common.ts';

const REQUIRED = ['source', 'name', 'entity_number', 'type', 'programs', 'addresses'];

export const cslCsv: ListFormat = {
  id: 'csl-csv',
  description: 'trade.gov Consolidated Screening List (CSV, current and 2019 layouts)',
  detect(files) {
    return (
      files.length > 0 &&
      files.every((f) => {
        const h = headerOf(f.head);
        return REQUIRED.every((c) => h.includes(c));
      })
    );
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readCslCsv(file);
  },
};

async function* readCslCsv(file: ListFile): AsyncGenerator<Entity> {
  const builder = new ListBuilder({ source: 'csl', file: file.name });
  let header: string[] | undefined;
  for await (const { fields, line, row } of csvRows(file)) {
    if (!header) {
      header = fields.map((f) =>
        f
          .trim()
          .replace(/^\uFEFF/, '')
          .toLowerCase(),
      );
      const missing = REQUIRED.filter((c) => !header!.includes(c));
      if (missing.length) throw badInput(`not a CSL header: missing column(s) ${missing.join(', ')}`, { file: file.name, line });
      continue;
    }
    const obj: CslRow = {};
    header.forEach((h, i) => {
      obj[h] = fields[i];
    });
    const rec = cslRecord(obj, row - 1);
    if (!rec) {
      if (fields.every((f) => !f.trim())) continue;
      throw badInput('row has no source or name', { file: file.name, line, record: row - 1 });
    }
    yield* builder.build(rec);
  }
  if (!header) throw badInput('empty CSL file', { file: file.name });
  yield* builder.finish();
}
