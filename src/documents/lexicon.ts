/**
 * Loads and validates the capability lexicon (data/documents/capabilities.yml) and the firm-name
 * guards (data/documents/name-guards.yml) once. Unknown shapes fail fast with a CONFIG error naming file and line.
 */
import Type, { type Static } from 'typebox';
import { parseDataText, readDataFile, type DataDocument } from '../io/data-file.ts';
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

const closed = { additionalProperties: false } as const;
const Words = Type.Array(Type.String({ pattern: '\\S', description: 'a non-empty string' }));
const ZhEn = Type.Object({ zh: Type.Optional(Words), en: Type.Optional(Words) }, closed);
const SeverityOf = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);

/** data/documents/capabilities.yml */
export const LexiconFile = Type.Object(
  {
    version: Type.Literal(1),
    context_window: Type.Optional(Type.Integer({ minimum: 1 })),
    contexts: Type.Optional(Type.Record(Type.String(), ZhEn)),
    categories: Type.Optional(Type.Record(Type.String(), Type.Object({ why: Type.String() }, closed))),
    terms: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1 }),
          category: Type.String(),
          severity: SeverityOf,
          gloss: Type.String(),
          zh: Type.Optional(Words),
          en: Type.Optional(Words),
          case_sensitive: Type.Optional(Type.Boolean()),
          requires_context: Type.Optional(Type.String()),
          without_context: Type.Optional(SeverityOf),
          benign: Type.Optional(ZhEn),
          source: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'a list of one or more source ids' }),
        },
        closed,
      ),
    ),
    compatibility: Type.Object(
      {
        window: Type.Integer({ minimum: 1 }),
        category: Type.String(),
        severity: SeverityOf,
        triggers: Type.Optional(ZhEn),
        stops: Type.Optional(Type.String()),
      },
      closed,
    ),
  },
  closed,
);

/** data/documents/name-guards.yml */
export const NameGuardsFile = Type.Object(
  {
    latin_min_length: Type.Optional(Type.Integer({ minimum: 1 })),
    common_words: Type.Optional(Words),
    company_suffixes: Type.Optional(Words),
    place_suffixes: Type.Optional(Words),
    ambiguous_words: Type.Optional(Type.Record(Type.String(), Words)),
  },
  closed,
);

function zhEn(v: { zh?: string[]; en?: string[] } | undefined): string[] {
  return [...(v?.zh ?? []), ...(v?.en ?? [])];
}

/** Evidence ids a term may cite: the documents of data/pack/sources.yml (read for their ids only). */
const SourceIds = Type.Array(Type.Object({ id: Type.String() }, { additionalProperties: true }));

export function packSourceIds(path = dataPath('pack', 'sources.yml')): Set<string> {
  return new Set(readDataFile(path, SourceIds).value.map((s) => s.id));
}

export function parseLexicon(source: string, file = 'capabilities.yml', sourceIds: Set<string> = packSourceIds()): Lexicon {
  return lexiconOf(parseDataText(source, file, LexiconFile), sourceIds);
}

/** The checks a schema cannot state: unique ids, known contexts, at least one form per term, sources that exist. */
function lexiconOf(doc: DataDocument<Static<typeof LexiconFile>>, sourceIds: Set<string>): Lexicon {
  const raw = doc.value;
  const contexts: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(raw.contexts ?? {})) contexts[name] = zhEn(v);
  const seen = new Set<string>();
  const terms: TermDef[] = raw.terms.map((t, i) => {
    if (seen.has(t.id)) throw doc.fail(['terms', i, 'id'], `term id ${t.id} is used twice`);
    seen.add(t.id);
    if (t.requires_context && !contexts[t.requires_context]) throw doc.fail(['terms', i, 'requires_context'], `unknown context ${t.requires_context}`);
    const zh = t.zh ?? [];
    const en = t.en ?? [];
    if (!zh.length && !en.length) throw doc.fail(['terms', i], `term ${t.id} has no zh or en forms`);
    t.source.forEach((id, j) => {
      if (!sourceIds.has(id)) throw doc.fail(['terms', i, 'source', j], `unknown source "${id}" (not in data/pack/sources.yml)`);
    });
    return {
      id: t.id,
      category: t.category,
      severity: t.severity,
      gloss: t.gloss,
      zh,
      en,
      caseSensitive: t.case_sensitive === true,
      requiresContext: t.requires_context,
      withoutContext: t.without_context,
      benign: zhEn(t.benign),
      source: t.source,
    } satisfies TermDef;
  });
  const c = raw.compatibility;
  return {
    contextWindow: raw.context_window ?? 40,
    contexts,
    categories: raw.categories ?? {},
    terms,
    compatibility: { window: c.window, category: c.category, severity: c.severity, triggers: zhEn(c.triggers), stops: c.stops ?? '。；;.\n' },
  };
}

export function parseNameGuards(source: string, file = 'name-guards.yml'): NameGuards {
  return nameGuardsOf(parseDataText(source, file, NameGuardsFile).value);
}

function nameGuardsOf(raw: Static<typeof NameGuardsFile>): NameGuards {
  return {
    latinMinLength: raw.latin_min_length ?? 3,
    commonWords: new Set((raw.common_words ?? []).map((w) => w.toLowerCase())),
    companySuffixes: raw.company_suffixes ?? [],
    placeSuffixes: raw.place_suffixes ?? [],
    ambiguousWords: raw.ambiguous_words ?? {},
  };
}

let lexiconCache: Lexicon | undefined;
let guardsCache: NameGuards | undefined;

export function loadLexicon(): Lexicon {
  lexiconCache ??= readLexicon(dataPath('documents', 'capabilities.yml'));
  return lexiconCache;
}

export function loadNameGuards(): NameGuards {
  guardsCache ??= readNameGuards(dataPath('documents', 'name-guards.yml'));
  return guardsCache;
}

export function readLexicon(path: string, sourceIds: Set<string> = packSourceIds()): Lexicon {
  return lexiconOf(readDataFile(path, LexiconFile), sourceIds);
}

export function readNameGuards(path: string): NameGuards {
  return nameGuardsOf(readDataFile(path, NameGuardsFile).value);
}
