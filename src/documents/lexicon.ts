/**
 * Loads and validates the capability lexicon (data/documents/capabilities.yml) and the firm-name
 * guards (data/documents/name-guards.yml) once. Unknown shapes fail fast with a CONFIG error.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SightlineError } from '../errors.ts';
import { dataPath } from '../paths.ts';
import type { Severity } from './types.ts';

export interface TermDef {
  id: string;
  category: string;
  severity: Severity;
  gloss: string;
  zh: string[];
  en: string[];
  caseSensitive: boolean;
  requiresContext?: string;
  withoutContext?: Severity;
  benign: string[];
  source: string[];
}

export interface Lexicon {
  contextWindow: number;
  contexts: Record<string, string[]>;
  categories: Record<string, { why: string }>;
  terms: TermDef[];
  compatibility: { window: number; category: string; severity: Severity; triggers: string[]; stops: string };
}

export interface NameGuards {
  latinMinLength: number;
  commonWords: Set<string>;
  companySuffixes: string[];
  placeSuffixes: string[];
  ambiguousWords: Record<string, string[]>;
}

const SEVERITIES = new Set(['high', 'medium', 'low']);

function fail(file: string, message: string, record?: string): never {
  throw new SightlineError('CONFIG', message, { file, record });
}

function strings(v: unknown, file: string, record: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || !s.trim())) fail(file, 'expected a list of non-empty strings', record);
  return v as string[];
}

function zhEn(v: unknown, file: string, record: string): string[] {
  const o = (v ?? {}) as { zh?: unknown; en?: unknown };
  return [...strings(o.zh, file, record), ...strings(o.en, file, record)];
}

export function parseLexicon(source: string, file = 'capabilities.yml'): Lexicon {
  const raw = parse(source) as Record<string, any>;
  if (!raw || raw.version !== 1 || !Array.isArray(raw.terms)) fail(file, 'expected version: 1 and a terms list');
  const contexts: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(raw.contexts ?? {})) contexts[name] = zhEn(v, file, `contexts.${name}`);
  const seen = new Set<string>();
  const terms: TermDef[] = raw.terms.map((t: any, i: number) => {
    const rec = `terms[${i}]${t?.id ? ` (${t.id})` : ''}`;
    if (!t || typeof t.id !== 'string' || seen.has(t.id)) fail(file, 'term needs a unique id', rec);
    seen.add(t.id);
    if (typeof t.category !== 'string' || typeof t.gloss !== 'string') fail(file, 'term needs category and gloss', rec);
    if (!SEVERITIES.has(t.severity)) fail(file, `bad severity ${t.severity}`, rec);
    if (t.requires_context && !contexts[t.requires_context]) fail(file, `unknown context ${t.requires_context}`, rec);
    if (t.without_context !== undefined && !SEVERITIES.has(t.without_context)) fail(file, 'bad without_context', rec);
    const zh = strings(t.zh, file, rec);
    const en = strings(t.en, file, rec);
    const sources = strings(t.source, file, rec);
    if (!zh.length && !en.length) fail(file, 'term has no zh or en forms', rec);
    if (!sources.length) fail(file, 'term has no source', rec);
    return {
      id: t.id, category: t.category, severity: t.severity, gloss: t.gloss, zh, en,
      caseSensitive: t.case_sensitive === true,
      requiresContext: t.requires_context, withoutContext: t.without_context,
      benign: zhEn(t.benign, file, rec), source: sources,
    } satisfies TermDef;
  });
  const c = raw.compatibility ?? {};
  if (!SEVERITIES.has(c.severity) || typeof c.window !== 'number') fail(file, 'compatibility needs window and severity', 'compatibility');
  return {
    contextWindow: Number(raw.context_window ?? 40),
    contexts,
    categories: raw.categories ?? {},
    terms,
    compatibility: { window: c.window, category: String(c.category), severity: c.severity, triggers: zhEn(c.triggers, file, 'compatibility'), stops: String(c.stops ?? '。；;.\n') },
  };
}

export function parseNameGuards(source: string, file = 'name-guards.yml'): NameGuards {
  const raw = parse(source) as Record<string, any>;
  if (!raw || typeof raw !== 'object') fail(file, 'expected a mapping');
  const ambiguous: Record<string, string[]> = {};
  for (const [name, words] of Object.entries(raw.ambiguous_words ?? {})) ambiguous[name] = strings(words, file, `ambiguous_words.${name}`);
  return {
    latinMinLength: Number(raw.latin_min_length ?? 3),
    commonWords: new Set(strings(raw.common_words, file, 'common_words').map((w) => w.toLowerCase())),
    companySuffixes: strings(raw.company_suffixes, file, 'company_suffixes'),
    placeSuffixes: strings(raw.place_suffixes, file, 'place_suffixes'),
    ambiguousWords: ambiguous,
  };
}

let lexiconCache: Lexicon | undefined;
let guardsCache: NameGuards | undefined;

export function loadLexicon(): Lexicon {
  const file = dataPath('documents', 'capabilities.yml');
  lexiconCache ??= parseLexicon(readFileSync(file, 'utf8'), file);
  return lexiconCache;
}

export function loadNameGuards(): NameGuards {
  const file = dataPath('documents', 'name-guards.yml');
  guardsCache ??= parseNameGuards(readFileSync(file, 'utf8'), file);
  return guardsCache;
}
