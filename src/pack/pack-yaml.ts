/**
 * Reads one pack YAML file into plain records, each with the line it starts on, so validation errors can
 * name the file, the line and the entry. Parsing and the shape checks go through the shared data-file
 * reader (YAML 1.2 core schema, duplicate keys refused, few aliases); `entry` is the schema of one record.
 */
import Type, { type TSchema } from 'typebox';
import { parseDataText } from '../io/data-file.ts';

/** Line of a node below the record (e.g. `['listings', 2]`). */
export type LineOf = (path: (string | number)[]) => number;

export interface YamlRecord {
  value: unknown;
  line: number;
  index: number;
  lineOf: LineOf;
}

/** Any mapping: the entry shape when the caller checks keys itself. */
export const AnyEntry = Type.Record(Type.String(), Type.Unknown());

export function parseYamlList(text: string, file: string, entry: TSchema = AnyEntry): YamlRecord[] {
  const schema = Type.Union([Type.Null(), Type.Array(entry)], { description: 'a YAML list of entries at the top level' });
  const doc = parseDataText(text, file, schema, { code: 'BAD_INPUT', maxAliasCount: 50 });
  const values = (doc.value ?? []) as unknown[];
  return values.map((value, index) => ({ value, line: doc.position([index]).line, index, lineOf: (path) => doc.position([index, ...path]).line }));
}
