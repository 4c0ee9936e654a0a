/**
 * Reads one pack YAML file into plain records, each with the line it starts on, so validation errors can
 * name the file, the line and the entry. Pack files are small and curated, but parsing stays defensive:
 * YAML 1.2 core schema (no implicit dates, no custom tags), few aliases, duplicate keys refused.
 */
import { LineCounter, parseDocument, isSeq } from 'yaml';
import { badInput } from '../errors.ts';

export interface YamlRecord {
  value: unknown;
  line: number;
  index: number;
}

export function parseYamlList(text: string, file: string): YamlRecord[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, customTags: [] });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    throw badInput(`invalid YAML: ${err.message.split('\n')[0]}`, { file, line: lineCounter.linePos(err.pos[0]).line });
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) throw badInput('expected a YAML list of entries at the top level', { file, line: 1 });
  let values: unknown[];
  try {
    values = doc.toJS({ maxAliasCount: 50 }) as unknown[];
  } catch (e) {
    throw badInput(`cannot read YAML: ${(e as Error).message}`, { file });
  }
  return doc.contents.items.map((node, index) => {
    const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
    return { value: values[index], line: lineCounter.linePos(offset).line, index };
  });
}
