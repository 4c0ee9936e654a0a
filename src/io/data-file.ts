/**
 * The one way a YAML data file is read (data/*.yml, the knowledge pack): parsed with source positions,
 * checked against a TypeBox schema, and refused with an error that names the file, line and column, the
 * path inside the document and what was expected ("data/rules.yml:27:14: [2].threshold: expected number,
 * got "fifty""). Loaders keep only the domain checks a schema cannot state, and report them through
 * `DataDocument.fail` so those errors carry a position too.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Static, TSchema } from 'typebox';
import Value from 'typebox/value';
import { SightlineError, type ErrorCode } from '../errors.ts';
import { packageRoot } from '../paths.ts';
import { cachedDataValue, keepDataValue, moduleStamp } from './data-cache.ts';

/** A path inside a document: map keys and list indexes, as `doc.fail(['rules', 2, 'threshold'], …)` takes it. */
export type DataPath = readonly (string | number)[];

export interface DataFileOptions {
  /** Error code of a refusal: CONFIG for the shipped data (default), BAD_INPUT for files a user edits. */
  code?: ErrorCode;
  /** Name used in errors; defaults to the path relative to the package ("data/rules.yml"), else as given. */
  name?: string;
  /** Alias expansions allowed (billion-laughs guard); the yaml package's default is 100. */
  maxAliasCount?: number;
}

export interface DataDocument<T> {
  value: T;
  /** The name errors use. */
  file: string;
  /** Line and column (1-based) where the node at `path` starts; the nearest existing parent if it is absent. */
  position(path: DataPath): { line: number; column: number };
  /** A refusal for a domain rule the schema cannot express, located at `path`. */
  fail(path: DataPath, message: string): SightlineError;
}

interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Reads, parses and validates a YAML data file; returns its typed value. */
export function loadDataFile<S extends TSchema>(path: string, schema: S, options: DataFileOptions = {}): Static<S> {
  return readDataFile(path, schema, options).value;
}

/** As loadDataFile, but with positions kept for the loader's own checks. */
export function readDataFile<S extends TSchema>(path: string, schema: S, options: DataFileOptions = {}): DataDocument<Static<S>> {
  const file = options.name ?? displayName(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SightlineError(options.code ?? 'CONFIG', `cannot read data file: ${(e as Error).message}`, { file });
  }
  return parseDataText(text, file, schema, options);
}

let parserStamp: string | undefined;

/** Parses and validates YAML text that came from `file` (tests, and loaders handed text), or takes the value checked before from the data cache. */
export function parseDataText<S extends TSchema>(text: string, file: string, schema: S, options: DataFileOptions = {}): DataDocument<Static<S>> {
  // this module's file (a bundle chunk when compiled) stands for the parsing rules: an edit to them misses the cache
  parserStamp ??= moduleStamp(import.meta.url);
  const variant = `${parserStamp}\0${options.maxAliasCount ?? 100}`;
  const cached = cachedDataValue(text, schema, variant);
  if (cached === undefined) {
    const doc = checkDataText(text, file, schema, options);
    keepDataValue(text, schema, variant, doc.value);
    return doc;
  }
  // positions are only wanted for a loader's own refusal: parse the YAML then, not on every start
  let parsed: DataDocument<Static<S>> | undefined;
  const full = () => (parsed ??= checkDataText(text, file, schema, options));
  return { value: cached as Static<S>, file, position: (path) => full().position(path), fail: (path, message) => full().fail(path, message) };
}

function checkDataText<S extends TSchema>(text: string, file: string, schema: S, options: DataFileOptions): DataDocument<Static<S>> {
  const code = options.code ?? 'CONFIG';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const refuse = (message: string, pos: { line: number; column: number }) => new SightlineError(code, message, { file, ...pos });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    throw refuse(`invalid YAML: ${err.message.split('\n')[0]}`, at(err.pos[0]));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
  } catch (e) {
    throw refuse(`cannot read YAML: ${(e as Error).message}`, { line: 1, column: 1 });
  }
  const position = (path: DataPath) => at(locate(doc, path).offset);
  const fail = (path: DataPath, message: string) => refuse(path.length ? `${pathText(path)}: ${message}` : message, position(path));
  if (!Value.Check(schema, value)) {
    const err = pickError([...Value.Errors(schema, value)] as SchemaError[]);
    const path = pointerPath(err.instancePath);
    const { offset, key } = describeTarget(doc, path, err);
    const shownPath = key === undefined ? path : [...path, key];
    const message = explain(err, schema, value, path);
    throw refuse(shownPath.length ? `${pathText(shownPath)}: ${message}` : message, at(offset));
  }
  return { value: value as Static<S>, file, position, fail };
}

function displayName(path: string): string {
  const rel = relative(packageRoot, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

/** `['rules', 2, 'threshold']` → `rules[2].threshold`; odd keys quoted (`english["长城"]` stays readable). */
export function pathText(path: DataPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[\p{L}_$][\p{L}\p{N}_$-]*$/u.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function pointerPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node at `path`, or the deepest one that exists, and the offset it starts at. */
function locate(doc: Document, path: DataPath): { node: unknown; offset: number } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) return { node, offset };
      next = pair.value ?? pair.key; // `key:` with no value: point at the key
    } else if (isSeq(node)) {
      next = node.items[Number(seg)];
    }
    const start = rangeStart(next);
    if (next === undefined || start === undefined) return { node, offset };
    node = next;
    offset = start;
  }
  return { node, offset };
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** Where to point for an error: the unknown key itself, else the node the error is about. */
function describeTarget(doc: Document, path: string[], err: SchemaError): { offset: number; key?: string } {
  const found = locate(doc, path);
  if (err.keyword === 'additionalProperties' && isMap(found.node)) {
    const key = (err.params.additionalProperties as string[] | undefined)?.[0];
    const pair = found.node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const start = rangeStart(pair?.key);
    if (key !== undefined && start !== undefined) return { offset: start, key };
  }
  return { offset: found.offset };
}

/**
 * The error worth reporting: the deepest one (the most specific; unions report every failed branch),
 * the union itself when its branches fail at the same place ("expected "any" or a list"), and a misspelt
 * key as the unknown key rather than the missing one.
 */
function pickError(errors: SchemaError[]): SchemaError {
  // additionalProperties: false also yields a "schema is false" error on the key; the parent's error says more
  const candidates = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'boolean' && e.schemaPath.endsWith('/additionalProperties')));
  const depth = (e: SchemaError) => e.instancePath.split('/').length;
  const first = candidates.reduce((best, e) => (depth(e) > depth(best) ? e : best), candidates[0] ?? errors[0]!);
  // a key both missing and unknown is most likely misspelt: point at the spelling
  if (first.keyword === 'required') {
    const unknown = errors.find((e) => e.keyword === 'additionalProperties' && e.instancePath === first.instancePath);
    if (unknown) return unknown;
  }
  for (const e of errors) {
    if (e.keyword === 'anyOf' && e.instancePath === first.instancePath && first.schemaPath.startsWith(`${e.schemaPath}/anyOf/`)) return e;
  }
  return first;
}

function schemaAt(root: TSchema, schemaPath: string): Record<string, any> | undefined {
  let node: any = root;
  for (const seg of pointerPath(schemaPath.replace(/^#/, ''))) node = node?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node && typeof node === 'object' ? node : undefined;
}

function valueAt(value: unknown, path: string[]): unknown {
  let v: any = value;
  for (const seg of path) v = v?.[seg];
  return v;
}

/** A value as the error quotes it: strings quoted, long ones cut, collections named. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…"` : s;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'number',
  integer: 'integer',
  boolean: 'true or false',
  null: 'nothing',
};

/** What a schema asks for, in words: its description, a constant, a type, or the alternatives of a union. */
function expected(schema: Record<string, any> | undefined): string {
  if (!schema) return 'another value';
  if (typeof schema.description === 'string') return schema.description;
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((x: unknown) => JSON.stringify(x)).join(', ')}`;
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(expected).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  return type.map((t: string) => TYPE_WORDS[t] ?? t).join(' or ');
}

function explain(err: SchemaError, root: TSchema, value: unknown, path: string[]): string {
  const got = shown(valueAt(value, path));
  const schema = schemaAt(root, err.schemaPath);
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params.requiredProperties as string[] | undefined) ?? [];
      return `missing required key${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}`;
    }
    case 'additionalProperties': {
      const allowed = Object.keys(schema?.properties ?? {});
      return `unknown key${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'type':
    case 'anyOf':
    case 'const':
    case 'enum':
    case 'pattern':
    case 'format':
      return `expected ${expected(schema)}, got ${got}`;
    default:
      return schema?.description ? `expected ${schema.description}, got ${got}` : `${err.message}, got ${got}`;
  }
}
