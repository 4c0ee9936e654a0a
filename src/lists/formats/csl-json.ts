/**
 * trade.gov Consolidated Screening List, JSON: `{"results":[…]}`, the API's `{"total":…, "results":[…]}`, or a
 * bare array of records. Files are read whole (the full CSL JSON is ~100 MB) and refused above 200 MB — a
 * streaming tokenizer would buy little at that size, and the refusal keeps memory bounded.
 */
import { stat } from 'node:fs/promises';
import { badInput, SightlineError } from '../../errors.ts';
import type { Entity } from '../../model/entity.ts';
import { ListBuilder } from '../builder.ts';
import type { ListFile, ListFormat } from '../format.ts';
import { readText } from '../input.ts';
import { cslRecord, type CslRow } from './csl-common.ts';

export const MAX_JSON_BYTES = 200 * 2 ** 20;

export const cslJson: ListFormat = {
  id: 'csl-json',
  description: 'trade.gov Consolidated Screening List (JSON, file export or API response)',
  detect(files) {
    return (
      files.length > 0 &&
      files.every((f) => {
        const h = f.head.replace(/^\uFEFF/, '').trimStart();
        if (!h.startsWith('{') && !h.startsWith('[')) return false;
        if (/"schema"\s*:/.test(h) && /"properties"\s*:/.test(h)) return false;
        return /"results"\s*:/.test(h) || (/"source"\s*:/.test(h) && /"name"\s*:/.test(h));
      })
    );
  },
  async *read(files: ListFile[]): AsyncGenerator<Entity> {
    for (const file of files) yield* readCslJson(file);
  },
};

/** 1-based line of a character offset. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '').slice(0, 200);
    const pos = /position (\d+)/.exec(msg)?.[1];
    const line = lineAt(text, pos !== undefined ? Number(pos) : jsonErrorOffset(text));
    throw badInput(`malformed JSON: ${msg}`, { file, line });
  }
}

/**
 * Offset of the first syntax error in invalid JSON (Node 20's JSON.parse messages often omit the position).
 * A small validating scanner; only run after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          if (text[i] !== '"') fail();
          str();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    return i;
  } catch (pos) {
    return typeof pos === 'number' ? pos : 0;
  }
}

async function* readCslJson(file: ListFile): AsyncGenerator<Entity> {
  const { size } = await stat(file.path);
  if (size > MAX_JSON_BYTES) {
    throw new SightlineError(
      'BAD_INPUT',
      `CSL JSON is ${Math.round(size / 2 ** 20)} MB, over the ${MAX_JSON_BYTES / 2 ** 20} MB limit; use the CSV export instead`,
      { file: file.name },
    );
  }
  let text = '';
  for await (const chunk of readText(file)) text += chunk;
  const data = parseJsonText(text, file.name) as unknown;
  const results = Array.isArray(data) ? data : (data as { results?: unknown })?.results;
  if (!Array.isArray(results)) throw badInput('CSL JSON has no "results" array', { file: file.name });
  const builder = new ListBuilder({ source: 'csl', file: file.name });
  for (let i = 0; i < results.length; i++) {
    const row = results[i] as CslRow;
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw badInput('result is not an object', { file: file.name, record: i + 1 });
    const rec = cslRecord(row, i + 1);
    if (!rec) throw badInput('result has no source or name', { file: file.name, record: i + 1 });
    yield* builder.build(rec);
  }
  yield* builder.finish();
}
