/**
 * FollowTheMoney JSON lines (OpenSanctions exports): one entity per line, `{id, schema, properties, datasets?}`.
 * "Nested" exports, where property values are whole entity objects, are flattened: each nested entity is
 * emitted on its own and replaced by its id. Sanction entities get our list code as `programId` when their
 * dataset (or, failing that, a single matching authority) is a list in data/lists.yml; the source's own
 * program ids are then kept in `program`.
 */
import { badInput } from '../../errors.ts';
import { addValues, type Entity, type Properties } from '../../model/entity.ts';
import { hasSchema, model } from '../../model/ftm.ts';
import { allLists } from '../../model/lists.ts';
import { validated } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { readLines } from '../input.ts';

export const ftmJson: ListFormat = {
  id: 'ftm',
  description: 'FollowTheMoney JSON lines (OpenSanctions entity exports, flat or nested)',
  detect(files) {
    return (
      files.length > 0 &&
      files.every((f) => {
        const first =
          f.head
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/)
            .find((l) => l.trim()) ?? '';
        return /^\s*\{/.test(first) && /"schema"\s*:\s*"/.test(first) && /"properties"\s*:/.test(first);
      })
    );
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) {
      for await (const { line, text } of readLines(file)) {
        if (!text.trim()) continue;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          throw badInput(`malformed JSON: ${(err as Error).message}`, { file: file.name, line });
        }
        yield* flatten(raw, { file: file.name, line });
      }
    }
  },
};

interface Where {
  file: string;
  line: number;
}

/** List code for an OpenSanctions dataset name (us_fcc_covered -> FCC). */
export function listCodeForDataset(dataset: string): string | undefined {
  return allLists().find((l) => l.opensanctions?.includes(dataset))?.code;
}

function listCodeForAuthority(authority: string): string | undefined {
  const a = authority.toLowerCase();
  const hits = allLists().filter((l) => l.authority.toLowerCase().includes(a) || a.includes(l.authority.toLowerCase()));
  return hits.length === 1 ? hits[0]!.code : undefined;
}

const propNames = new Map<string, Set<string>>();
function schemaHas(schema: string, prop: string): boolean {
  let set = propNames.get(schema);
  if (!set) propNames.set(schema, (set = new Set(model.getSchema(schema).getProperties().keys())));
  return set.has(prop);
}

function* flatten(raw: unknown, where: Where): Generator<Entity> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badInput('line is not a JSON object', where);
  const r = raw as { id?: unknown; schema?: unknown; properties?: unknown; datasets?: unknown };
  if (typeof r.id !== 'string' || !r.id) throw badInput('entity has no "id"', where);
  if (typeof r.schema !== 'string' || !hasSchema(r.schema)) throw badInput(`unknown FtM schema "${String(r.schema)}" (entity ${r.id})`, where);
  const schema = r.schema;
  const datasets = Array.isArray(r.datasets) ? r.datasets.filter((d): d is string => typeof d === 'string') : [];
  const rawProps = r.properties ?? {};
  if (typeof rawProps !== 'object' || Array.isArray(rawProps)) throw badInput(`"properties" is not an object (entity ${r.id})`, where);
  const props: Properties = {};
  for (const [name, value] of Object.entries(rawProps as Record<string, unknown>)) {
    if (!schemaHas(schema, name)) throw badInput(`schema ${schema} has no property "${name}" (entity ${r.id})`, where);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'object') {
        // Nested export: the value is an entity; emit it and keep its id.
        const nested = v as { id?: unknown };
        yield* flatten(v, where);
        addValues(props, name, String(nested.id));
      } else addValues(props, name, String(v));
    }
  }
  if (schema === 'Sanction') mapSanction(props, datasets);
  const origin = { source: datasets[0] ? `opensanctions:${datasets[0]}` : 'ftm', file: where.file, record: where.line };
  yield validated({ id: r.id, schema, properties: props, origin }, { file: where.file, record: where.line });
}

function mapSanction(props: Properties, datasets: string[]): void {
  const code =
    datasets.map(listCodeForDataset).find(Boolean) ?? (props.programId ? undefined : (props.authority ?? []).map(listCodeForAuthority).find(Boolean));
  if (!code) return;
  const original = (props.programId ?? []).filter((p) => p !== code);
  addValues(props, 'program', ...original);
  props.programId = [code];
}
