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

/** An object or action word group of the capabilities-in-parts rules. */
export interface PartGroup {
  id: string;
  words: string[];
}

export interface PartRule {
  id: string;
  objects: string[];
  actions: string[];
  category: string;
  severity: Severity;
  gloss: string;
  benign: string[];
  source: string[];
}

export interface PartsLexicon {
  window: number;
  stops: string;
  objects: PartGroup[];
  actions: PartGroup[];
  rules: PartRule[];
}

export interface Lexicon {
  contextWindow: number;
  contexts: Record<string, string[]>;
  categories: Record<string, { why: string }>;
  terms: TermDef[];
  compatibility: { window: number; category: string; severity: Severity; triggers: string[]; stops: string };
  parts: PartsLexicon;
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

const Sources = Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'a list of one or more source ids' });
const GroupFile = Type.Object(
  { id: Type.String({ minLength: 1 }), zh: Type.Optional(Words), en: Type.Optional(Words), why: Type.String({ minLength: 1 }), source: Sources },
  closed,
);
const PartsFile = Type.Object(
  {
    window: Type.Integer({ minimum: 1 }),
    stops: Type.String({ minLength: 1 }),
    objects: Type.Array(GroupFile),
    actions: Type.Array(GroupFile),
    rules: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1 }),
          objects: Type.Array(Type.String(), { minItems: 1 }),
          actions: Type.Array(Type.String(), { minItems: 1 }),
          category: Type.String(),
          severity: SeverityOf,
          gloss: Type.String(),
          benign: Type.Optional(ZhEn),
          source: Sources,
        },
        closed,
      ),
    ),
  },
  closed,
);

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
    parts: PartsFile,
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
  const parts = partsOf(doc, raw.parts, raw.categories ?? {});
  return {
    contextWindow: raw.context_window ?? 40,
    contexts,
    categories: raw.categories ?? {},
    terms,
    compatibility: { window: c.window, category: c.category, severity: c.severity, triggers: zhEn(c.triggers), stops: c.stops ?? '。；;.\n' },
    parts,
  };
}

/** Rules name known groups and categories; group ids are unique. */
function partsOf(doc: DataDocument<Static<typeof LexiconFile>>, raw: Static<typeof PartsFile>, categories: Record<string, unknown>): PartsLexicon {
  const groups = (kind: 'objects' | 'actions') => {
    const seen = new Set<string>();
    return raw[kind].map((g, i) => {
      if (seen.has(g.id)) throw doc.fail(['parts', kind, i, 'id'], `${kind.slice(0, -1)} id ${g.id} is used twice`);
      seen.add(g.id);
      const words = zhEn(g);
      if (!words.length) throw doc.fail(['parts', kind, i], `${g.id} has no zh or en words`);
      return { id: g.id, words };
    });
  };
  const objects = groups('objects');
  const actions = groups('actions');
  const rules = raw.rules.map((r, i) => {
    for (const [kind, ids, known] of [
      ['objects', r.objects, objects],
      ['actions', r.actions, actions],
    ] as const) {
      const j = ids.findIndex((id) => !known.some((g) => g.id === id));
      if (j >= 0) throw doc.fail(['parts', 'rules', i, kind, j], `unknown ${kind.slice(0, -1)} ${ids[j]}`);
    }
    if (!categories[r.category]) throw doc.fail(['parts', 'rules', i, 'category'], `unknown category ${r.category}`);
    return {
      id: r.id,
      objects: r.objects,
      actions: r.actions,
      category: r.category,
      severity: r.severity,
      gloss: r.gloss,
      benign: zhEn(r.benign),
      source: r.source,
    };
  });
  return { window: raw.window, stops: raw.stops, objects, actions, rules };
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
