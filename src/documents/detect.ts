/**
 * The two detectors (listed firms, surveillance capabilities) over one normalised text, in one
 * Aho-Corasick pass. Rules (see the data files for the reasoning):
 * - every pattern whose outer character is a Latin letter/digit must sit on a word boundary;
 * - acronym names and case-sensitive terms must match the original text's capitals;
 * - 2-Hanzi firm names pass the guards of data/documents/name-guards.yml;
 * - context-bound terms (黑名单, 布控, Uighur…) need a context word within the window, nearer than any
 *   benign phrase; a hit inside a benign phrase (供应商黑名单) is always dropped;
 * - a hit contained in a longer hit of the same type is dropped;
 * - "compatible with" + listed firm(s) adds a vendor-compatibility hit.
 */
import { isLatinAlnum, traditionalFlags } from './fold-table.ts';
import type { Normalised } from './normalise.ts';
import type { CompiledPatterns, Role } from './patterns.ts';
import type { Severity } from './types.ts';
import { modelNumberHits } from './model-numbers.ts';
import { ClauseIndex, partHits, type PartMatches, type Span } from './parts.ts';

export interface RawHit {
  type: 'entity' | 'capability';
  /** Offsets in the original text. */
  start: number;
  end: number;
  term: string;
  category: string;
  severity: Severity;
  gloss: string;
  row: number | null;
  notes: string[];
  sources?: string[];
  /** The clause or sentence the capability hit lies in, as written (the citation). */
  clause?: string;
}

interface Candidate extends Span {
  role: Extract<Role, { kind: 'entity' } | { kind: 'term' }>;
}

const ACCURACY = /(\d{2,3}(?:\.\d+)?)\s*%/;
const ACCURACY_CATEGORIES = new Set(['gender recognition', 'face recognition', 'ethnic classification']);

export function detect(p: CompiledPatterns, norm: Normalised, original: string): RawHit[] {
  const text = norm.text;
  const { contexts, benign, ambiguous, triggers, candidates, parts } = scan(p, text);
  const origSlice = (s: Span): string => original.slice(norm.start[s.b], norm.start[s.e - 1] + 1);
  const entityHits: (RawHit & Span)[] = [];
  const capHits: (RawHit & Span)[] = [];
  for (const c of candidates) {
    const role = c.role;
    if (role.kind === 'entity') {
      if (role.acronym && origSlice(c) !== role.acronym) continue;
      if (role.short && !shortNameOk(p, text, c, ambiguous.get(role.term))) continue;
      const row = p.entities[role.row];
      const listed = (row.listings?.length ?? 0) > 0;
      entityHits.push({
        ...c,
        type: 'entity',
        start: 0,
        end: 0,
        term: role.term,
        row: role.row,
        category: listed ? 'listed firm' : 'named firm',
        severity: listed ? 'high' : 'low',
        gloss: row.caption,
        notes: role.evasion ? ['evasion: mixed Latin/Hanzi'] : [],
      });
      continue;
    }
    const def = role.def;
    if (def.caseSensitive && origSlice(c).replace(/\s+/g, ' ') !== role.original) continue;
    const benignSpans = benign.get(def.id) ?? [];
    if (benignSpans.some((s) => s.b <= c.b && s.e >= c.e)) continue;
    let severity = def.severity;
    const notes: string[] = role.evasion ? ['evasion: mixed Latin/Hanzi'] : [];
    if (def.requiresContext) {
      const w = p.lexicon.contextWindow;
      const dc = nearest(contexts.get(def.requiresContext) ?? [], c, w);
      const db = nearest(benignSpans, c, w);
      if (!(dc <= w && dc < db)) {
        if (!def.withoutContext) continue;
        severity = def.withoutContext;
        notes.push(db <= w ? 'benign sense nearby' : 'no recognition context nearby');
      }
    }
    capHits.push({
      ...c,
      type: 'capability',
      start: 0,
      end: 0,
      term: role.term,
      row: null,
      category: def.category,
      severity,
      gloss: def.gloss,
      notes,
      sources: def.source,
    });
  }

  const entities = dropContained(entityHits, (h) => `e${h.row}`);
  capHits.push(...compatibilityHits(p, text, triggers, entities));
  const clauses = lazyClauses(original, p.lexicon.parts.stops);
  const caps = withParts(
    p,
    dropContained(capHits, (h) => h.category),
    parts,
    norm,
    original,
    clauses,
  );

  const models = modelNumberHits(original).map((h) => ({ ...h, clause: clauses().text(h.start, h.end) }));
  const hits = located(
    [...entities, ...caps].sort((x, y) => x.b - y.b || x.e - y.e),
    norm,
    original,
    clauses,
  );
  return models.length ? [...hits, ...models].sort((x, y) => x.start - y.start || x.end - y.end) : hits;
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

/** The clause index of a text, built on first use (most chunks have no capability hit). */
function lazyClauses(original: string, stops: string): () => ClauseIndex {
  let index: ClauseIndex | undefined;
  return () => (index ??= new ClauseIndex(original, stops));
}

/**
 * Term hits plus the capabilities described in parts. A term inside a parts hit of its category is said once,
 * by the parts hit — unless the term is stronger ("face recognition system": the term, not face + system).
 */
function withParts(
  p: CompiledPatterns,
  terms: (RawHit & Span)[],
  parts: PartMatches,
  norm: Normalised,
  original: string,
  clauses: () => ClauseIndex,
): (RawHit & Span)[] {
  const found = partHits(p.lexicon.parts, p.partPairs, parts, norm, original, terms, clauses);
  if (!found.length) return terms;
  const inside = (t: Span & RawHit, h: Span & RawHit) => h.category === t.category && h.b <= t.b && h.e >= t.e;
  const kept = found.filter((h) => !terms.some((t) => inside(t, h) && RANK[t.severity] > RANK[h.severity]));
  return [...terms.filter((t) => !kept.some((h) => inside(t, h))), ...kept];
}

/** Hits with offsets in the original text, notes on the slice as written, and a stated accuracy where one follows. */
function located(hits: (RawHit & Span)[], norm: Normalised, original: string, clauses: () => ClauseIndex): RawHit[] {
  const text = norm.text;
  const trad = traditionalFlags();
  const out: RawHit[] = [];
  for (const h of hits) {
    const start = norm.start[h.b];
    const end = norm.start[h.e - 1] + 1;
    const slice = original.slice(start, end);
    const notes = [...h.notes, ...sliceNotes(slice, text.slice(h.b, h.e), trad)];
    if (h.type === 'capability' && ACCURACY_CATEGORIES.has(h.category)) {
      const after = text.slice(h.e, h.e + 60).split(/[。;]/)[0];
      const m = ACCURACY.exec(after);
      if (m) notes.push(`stated accuracy ${m[1]}%`);
    }
    const { b: _b, e: _e, ...rest } = h;
    const clause = h.type === 'capability' ? clauses().text(start, end) : undefined;
    out.push({ ...rest, start, end, notes, ...(clause ? { clause } : {}) });
  }
  return out;
}

/** The lexicon's matches in the normalised text, sorted by role: context and benign words, ambiguous names, triggers, candidate hits. */
interface Matches {
  contexts: Map<string, Span[]>;
  benign: Map<string, Span[]>;
  ambiguous: Map<string, Span[]>;
  triggers: Span[];
  candidates: Candidate[];
  parts: PartMatches;
}

/** One pass of the automaton over the text; matches inside a longer Latin word are dropped. */
function scan(p: CompiledPatterns, text: string): Matches {
  const contexts = new Map<string, Span[]>();
  const benign = new Map<string, Span[]>();
  const ambiguous = new Map<string, Span[]>();
  const triggers: Span[] = [];
  const candidates: Candidate[] = [];
  const parts: PartMatches = { objects: [], actions: [], benign: new Map() };

  const lengths = p.lengths;
  p.automaton.forEachMatch(text, (pi, e) => {
    const b = e - lengths[pi];
    if (isLatinAlnum(text.charCodeAt(b)) && b > 0 && isLatinAlnum(text.charCodeAt(b - 1))) return;
    let plural = false;
    if (isLatinAlnum(text.charCodeAt(e - 1)) && e < text.length && isLatinAlnum(text.charCodeAt(e))) {
      // English lexicon terms also match their plural ("iris scanners"); names never do.
      plural = text.charCodeAt(e) === 0x73 && !isLatinAlnum(text.charCodeAt(e + 1));
      if (!plural) return;
    }
    for (const role of p.roles[pi]) {
      if (plural) {
        if (role.kind === 'term' && !role.def.caseSensitive) candidates.push({ b, e: e + 1, role });
        continue;
      }
      if (role.kind === 'context') push(contexts, role.name, { b, e });
      else if (role.kind === 'benign') push(benign, role.termId, { b, e });
      else if (role.kind === 'ambiguous') push(ambiguous, role.name, { b, e });
      else if (role.kind === 'trigger') triggers.push({ b, e });
      else if (role.kind === 'object') parts.objects.push({ b, e, group: role.group });
      else if (role.kind === 'action') parts.actions.push({ b, e, group: role.group });
      else if (role.kind === 'part-benign') push(parts.benign, role.rule, { b, e });
      else candidates.push({ b, e, role });
    }
  });
  for (const list of [...contexts.values(), ...benign.values()]) list.sort((x, y) => x.b - y.b);
  return { contexts, benign, ambiguous, triggers, candidates, parts };
}

function push(map: Map<string, Span[]>, key: string, s: Span): void {
  const list = map.get(key);
  if (list) list.push(s);
  else map.set(key, [s]);
}

/** Distance in normalised characters from the hit to the nearest span (spans inside the hit itself do not count). */
function nearest(spans: Span[], hit: Span, window: number): number {
  let lo = 0,
    hi = spans.length;
  const from = hit.b - window - 64;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].b < from) lo = mid + 1;
    else hi = mid;
  }
  let best = Infinity;
  for (let i = lo; i < spans.length && spans[i].b <= hit.e + window; i++) {
    const s = spans[i];
    if (s.b >= hit.b && s.e <= hit.e) continue;
    best = Math.min(best, Math.max(0, s.b - hit.e, hit.b - s.e));
  }
  return best;
}

function shortNameOk(p: CompiledPatterns, text: string, c: Span, blockers: Span[] | undefined): boolean {
  if (blockers?.some((s) => s.b <= c.b && s.e >= c.e)) return false;
  const at = text.charCodeAt(c.e) === 0x20 ? c.e + 1 : c.e;
  if (p.companySuffixes.some((s) => text.startsWith(s, at))) return true;
  return !p.placeSuffixes.some((s) => text.startsWith(s, c.e));
}

/** Keeps the longest hits; a hit inside a kept one is dropped unless it has the same span and another key. */
function dropContained<T extends Span>(hits: T[], key: (h: T) => string): T[] {
  hits.sort((x, y) => x.b - y.b || y.e - x.e);
  const kept: T[] = [];
  let maxEnd = -1;
  for (const h of hits) {
    if (h.e <= maxEnd) {
      const same = kept.filter((k) => k.b === h.b && k.e === h.e);
      if (!same.length || same.some((k) => key(k) === key(h))) continue;
    }
    kept.push(h);
    maxEnd = Math.max(maxEnd, h.e);
  }
  return kept;
}

/** 兼容海康、大华 / "compatible with Hikvision and Dahua": a trigger followed by firm names in the same clause. */
function compatibilityHits(p: CompiledPatterns, text: string, triggers: Span[], entities: (RawHit & Span)[]): (RawHit & Span)[] {
  const { window, category, severity, stops } = p.lexicon.compatibility;
  const out: (RawHit & Span)[] = [];
  const sorted = [...entities].sort((x, y) => x.b - y.b);
  for (const t of triggers) {
    let reach = t.e;
    const names: string[] = [];
    let end = -1;
    for (const h of sorted) {
      if (h.b < t.e) continue;
      if (h.b > reach + window) break;
      if ([...text.slice(reach, h.b)].some((ch) => stops.includes(ch))) break;
      const row = p.entities[h.row!];
      const lists = [...new Set((row.listings ?? []).map((l) => l.list))];
      const named = `${row.caption}${lists.length ? ` (listed: ${lists.join(', ')})` : ''}`;
      if (!names.includes(named)) names.push(named);
      end = h.e;
      reach = h.e;
    }
    if (end < 0) continue;
    out.push({
      b: t.b,
      e: end,
      type: 'capability',
      start: 0,
      end: 0,
      term: text.slice(t.b, end),
      row: null,
      category,
      severity,
      gloss: `requires compatibility with, or names as the reference, ${names.join(' / ')} equipment`,
      notes: [],
      sources: ['axios-2019-12-11'],
    });
  }
  return out;
}

/** Notes on how the original spelling differs from the normalised term. */
function sliceNotes(slice: string, normalised: string, trad: Uint8Array): string[] {
  const notes: string[] = [];
  let traditional = false,
    fullWidth = false,
    zeroWidth = false;
  for (let i = 0; i < slice.length; i++) {
    const c = slice.charCodeAt(i);
    if (trad[c]) traditional = true;
    else if (c >= 0xff01 && c <= 0xff5e) fullWidth = true;
    else if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0xad) zeroWidth = true;
  }
  if (traditional) notes.push('traditional characters');
  if (fullWidth) notes.push('full-width characters');
  if (zeroWidth) notes.push('evasion: zero-width characters');
  if (/[(（][^)）]*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/i.test(slice) && !/\(/.test(normalised)) notes.push('evasion: inline pinyin annotation');
  if (/\p{Script=Han}[\s\u3000]+\p{Script=Han}/u.test(slice)) notes.push('spaces inside word');
  return notes;
}
