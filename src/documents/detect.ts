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
import { PART_ACTION, PART_OBJECT, type CompiledPatterns, type Role } from './patterns.ts';
import type { Severity } from './types.ts';
import { modelNumberHits } from './model-numbers.ts';
import { ClauseIndex, emptyPartMatches, partHits, type PartMatches } from './parts.ts';
import { spanHit, type Span, type SpanHit } from './spans.ts';

/**
 * A finding before it is placed in its document. Every RawHit is built with all these fields, in this order
 * (absent ones undefined): objects of one shape keep the code that reads them fast, where `{ ...hit, start }`
 * copies made V8 fall back to slow, dictionary-like objects (40 ms of 60 per megabyte-sized chunk).
 */
export interface RawHit {
  type: SpanHit['type'];
  /** Offsets in the original text. */
  start: number;
  end: number;
  term: string;
  row: number | null;
  category: string;
  severity: Severity;
  gloss: string;
  notes: string[];
  sources: string[] | undefined;
  /** The clause or sentence the capability hit lies in, as written (the citation). */
  clause: string | undefined;
}

interface Candidate extends Span {
  role: Extract<Role, { kind: 'entity' } | { kind: 'term' }>;
}

const ACCURACY = /(\d{2,3}(?:\.\d+)?)\s*%/;
const ACCURACY_CATEGORIES = new Set(['gender recognition', 'face recognition', 'ethnic classification']);
const EVASION = 'evasion: mixed Latin/Hanzi';

export function detect(p: CompiledPatterns, norm: Normalised, original: string): RawHit[] {
  const text = norm.text;
  const found = scan(p, norm);
  const { entityHits, capHits } = candidateHits(p, found, norm, original);
  const entities = dropContained(entityHits, (h) => `e${h.row}`);
  capHits.push(...compatibilityHits(p, text, found.triggers, entities));
  const clauses = lazyClauses(original, p.lexicon.parts.stops);
  const caps = withParts(
    p,
    dropContained(capHits, (h) => h.category),
    found.parts,
    norm,
    clauses,
  );

  const models = modelNumberHits(original);
  for (const h of models) h.clause = clauses().text(h.start, h.end);
  const hits = located(
    [...entities, ...caps].sort((x, y) => x.b - y.b || x.e - y.e),
    norm,
    original,
    clauses,
  );
  return models.length ? [...hits, ...models].sort((x, y) => x.start - y.start || x.end - y.end) : hits;
}

/** The candidates that pass their rules: firm names (acronyms as written, short names guarded) and lexicon terms (case, benign phrases, context). */
function candidateHits(p: CompiledPatterns, found: Matches, norm: Normalised, original: string): { entityHits: SpanHit[]; capHits: SpanHit[] } {
  const { contexts, benign, ambiguous, candidates } = found;
  const text = norm.text;
  const origSlice = (s: Span): string => original.slice(norm.start[s.b], norm.start[s.e - 1] + 1);
  const entityHits: SpanHit[] = [];
  const capHits: SpanHit[] = [];
  for (const c of candidates) {
    const role = c.role;
    if (role.kind === 'entity') {
      if (role.acronym && origSlice(c) !== role.acronym) continue;
      if (role.short && !shortNameOk(p, text, c, ambiguous.get(role.term))) continue;
      const row = p.entities[role.row];
      const listed = (row.listings?.length ?? 0) > 0;
      entityHits.push(
        spanHit(c, {
          type: 'entity',
          term: role.term,
          row: role.row,
          category: listed ? 'listed firm' : 'named firm',
          severity: listed ? 'high' : 'low',
          gloss: row.caption,
          notes: role.evasion ? [EVASION] : [],
          sources: undefined,
        }),
      );
      continue;
    }
    const def = role.def;
    if (def.caseSensitive && origSlice(c).replace(/\s+/g, ' ') !== role.original) continue;
    const benignSpans = benign.get(def.id) ?? [];
    if (benignSpans.some((s) => s.b <= c.b && s.e >= c.e)) continue;
    let severity = def.severity;
    const notes: string[] = role.evasion ? [EVASION] : [];
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
    capHits.push(
      spanHit(c, { type: 'capability', term: role.term, row: null, category: def.category, severity, gloss: def.gloss, notes, sources: def.source }),
    );
  }
  return { entityHits, capHits };
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
function withParts(p: CompiledPatterns, terms: SpanHit[], parts: PartMatches, norm: Normalised, clauses: () => ClauseIndex): SpanHit[] {
  const found = partHits(p.lexicon.parts, p.partPairs, parts, norm, terms, clauses);
  if (!found.length) return terms;
  const inside = (t: SpanHit, h: SpanHit) => h.category === t.category && h.b <= t.b && h.e >= t.e;
  const kept = found.filter((h) => !terms.some((t) => inside(t, h) && RANK[t.severity] > RANK[h.severity]));
  return [...terms.filter((t) => !kept.some((h) => inside(t, h))), ...kept];
}

/** Hits with offsets in the original text, notes on the slice as written, and a stated accuracy where one follows. */
function located(hits: SpanHit[], norm: Normalised, original: string, clauses: () => ClauseIndex): RawHit[] {
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
    const clause = h.type === 'capability' ? clauses().text(start, end) || undefined : undefined;
    const { type, term, row, category, severity, gloss, sources } = h;
    out.push({ type, start, end, term, row, category, severity, gloss, notes, sources, clause });
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
function scan(p: CompiledPatterns, norm: Normalised): Matches {
  const text = norm.text;
  const contexts = new Map<string, Span[]>();
  const benign = new Map<string, Span[]>();
  const ambiguous = new Map<string, Span[]>();
  const triggers: Span[] = [];
  const candidates: Candidate[] = [];
  const parts = emptyPartMatches(p.lexicon.parts);

  const { lengths, otherRoles, partRoles } = p;
  p.automaton.forEachMatchIn(norm.units, (pi, e) => {
    const b = e - lengths[pi];
    if (isLatinAlnum(text.charCodeAt(b)) && b > 0 && isLatinAlnum(text.charCodeAt(b - 1))) return;
    let plural = false;
    if (isLatinAlnum(text.charCodeAt(e - 1)) && e < text.length && isLatinAlnum(text.charCodeAt(e))) {
      // English lexicon terms also match their plural ("iris scanners"); names never do.
      plural = text.charCodeAt(e) === 0x73 && !isLatinAlnum(text.charCodeAt(e + 1));
      if (!plural) return;
    }
    const packed = plural ? null : partRoles[pi];
    if (packed) {
      for (let k = 0; k < packed.length; k += 2) {
        const kind = packed[k];
        const list = kind === PART_OBJECT ? parts.objects : kind === PART_ACTION ? parts.actions : parts.benign[packed[k + 1]];
        list.push(b, e, packed[k + 1]);
      }
    }
    const roles = otherRoles[pi];
    if (!roles) return;
    for (const role of roles) {
      if (plural) {
        if (role.kind === 'term' && !role.def.caseSensitive) candidates.push({ b, e: e + 1, role });
        continue;
      }
      if (role.kind === 'context') push(contexts, role.name, { b, e });
      else if (role.kind === 'benign') push(benign, role.termId, { b, e });
      else if (role.kind === 'ambiguous') push(ambiguous, role.name, { b, e });
      else if (role.kind === 'trigger') triggers.push({ b, e });
      else if (role.kind === 'entity' || role.kind === 'term') candidates.push({ b, e, role });
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
    if (h.e <= maxEnd && !sameSpanOtherKey(kept, h, key)) continue;
    kept.push(h);
    maxEnd = Math.max(maxEnd, h.e);
  }
  return kept;
}

/**
 * True when kept hits have h's very span, none with h's key. Hits are kept in order of start, so those starting
 * where h starts are the last ones: read backwards, not the whole list (a chunk keeps thousands).
 */
function sameSpanOtherKey<T extends Span>(kept: T[], h: T, key: (h: T) => string): boolean {
  let same = false;
  for (let i = kept.length - 1; i >= 0 && kept[i].b === h.b; i--) {
    if (kept[i].e !== h.e) continue;
    if (key(kept[i]) === key(h)) return false;
    same = true;
  }
  return same;
}

/** 兼容海康、大华 / "compatible with Hikvision and Dahua": a trigger followed by firm names in the same clause. */
function compatibilityHits(p: CompiledPatterns, text: string, triggers: Span[], entities: SpanHit[]): SpanHit[] {
  const { window, category, severity, stops } = p.lexicon.compatibility;
  const out: SpanHit[] = [];
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
    out.push(
      spanHit(
        { b: t.b, e: end },
        {
          type: 'capability',
          term: text.slice(t.b, end),
          row: null,
          category,
          severity,
          gloss: `requires compatibility with, or names as the reference, ${names.join(' / ')} equipment`,
          notes: [],
          sources: ['axios-2019-12-11'],
        },
      ),
    );
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
