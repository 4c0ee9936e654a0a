/**
 * Compiles entity names, lexicon terms, context words, benign phrases and name guards into one
 * Aho-Corasick automaton over normalised text, so a document is read once for everything.
 * Each normalised pattern string carries the list of roles it plays.
 */
import { AhoCorasick } from './aho-corasick.ts';
import { normaliseTerm } from './normalise.ts';
import { pinyinVariants } from './pinyin-variants.ts';
import type { Lexicon, NameGuards, TermDef } from './lexicon.ts';
import { partPairs, type PartPairs } from './parts.ts';
import type { EntityRow } from './types.ts';

export type Role =
  | { kind: 'entity'; row: number; term: string; short: boolean; acronym?: string; evasion: boolean }
  | { kind: 'term'; def: TermDef; term: string; original: string; evasion: boolean }
  | { kind: 'context'; name: string }
  | { kind: 'benign'; termId: string }
  | { kind: 'ambiguous'; name: string }
  | { kind: 'trigger' }
  | { kind: 'object'; group: number }
  | { kind: 'action'; group: number }
  | { kind: 'part-benign'; rule: number };

/** Kinds of the part roles as packed in CompiledPatterns.partRoles. */
export const PART_OBJECT = 0;
export const PART_ACTION = 1;
export const PART_BENIGN = 2;

export interface CompiledPatterns {
  automaton: AhoCorasick;
  /** Roles and lengths of automaton.patterns[i]: the roles other than the parts rules' words (null: none). */
  otherRoles: (Role[] | null)[];
  /** Its parts rules' roles packed as [kind, index, kind, index, …] (PART_OBJECT group, PART_ACTION group, PART_BENIGN rule). */
  partRoles: (Int32Array | null)[];
  lengths: Int32Array;
  entities: EntityRow[];
  lexicon: Lexicon;
  guards: NameGuards;
  /** Normalised company/place suffixes for short Hanzi names. */
  companySuffixes: string[];
  placeSuffixes: string[];
  patternCount: number;
  /** Capabilities-in-parts rules by object group × action group. */
  partPairs: PartPairs;
}

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const ACRONYM = /^[A-Z][A-Z0-9]{1,3}$/;
/** Entity names of up to this many Hanzi also get mixed pinyin spellings (longer legal names rarely get evaded). */
const ENTITY_VARIANT_MAX = 4;

export function compilePatterns(entities: EntityRow[], lexicon: Lexicon, guards: NameGuards): CompiledPatterns {
  const roles = new Map<string, Role[]>();
  const add = (pattern: string, role: Role): void => {
    if (!pattern.trim()) return;
    const list = roles.get(pattern);
    if (list) list.push(role);
    else roles.set(pattern, [role]);
  };

  entities.forEach((row, index) => {
    const done = new Set<string>();
    for (const raw of row.names) {
      const name = raw.trim();
      const term = normaliseTerm(name);
      if (!term || done.has(term) || !acceptableName(name, term, guards)) continue;
      done.add(term);
      const hanCount = [...term].filter((c) => HAN.test(c)).length;
      const short = ALL_HAN.test(term) && hanCount <= 2;
      add(term, { kind: 'entity', row: index, term, short, acronym: ACRONYM.test(name) ? name : undefined, evasion: false });
      if (ALL_HAN.test(term) && hanCount <= ENTITY_VARIANT_MAX) {
        for (const v of pinyinVariants(term)) add(v, { kind: 'entity', row: index, term, short, evasion: true });
      }
    }
  });

  for (const def of lexicon.terms) {
    for (const original of [...def.zh, ...def.en]) {
      const term = normaliseTerm(original);
      add(term, { kind: 'term', def, term, original, evasion: false });
      if (!def.caseSensitive && ALL_HAN.test(term)) {
        for (const v of pinyinVariants(term)) add(v, { kind: 'term', def, term, original, evasion: true });
      }
    }
    for (const b of def.benign) add(normaliseTerm(b), { kind: 'benign', termId: def.id });
  }
  for (const [name, words] of Object.entries(lexicon.contexts)) {
    for (const w of words) add(normaliseTerm(w), { kind: 'context', name });
  }
  for (const [name, words] of Object.entries(guards.ambiguousWords)) {
    for (const w of words) add(normaliseTerm(w), { kind: 'ambiguous', name: normaliseTerm(name) });
  }
  for (const t of lexicon.compatibility.triggers) add(normaliseTerm(t), { kind: 'trigger' });
  lexicon.parts.objects.forEach((g, group) => {
    for (const w of g.words) add(normaliseTerm(w), { kind: 'object', group });
  });
  lexicon.parts.actions.forEach((g, group) => {
    for (const w of g.words) add(normaliseTerm(w), { kind: 'action', group });
  });
  lexicon.parts.rules.forEach((r, rule) => {
    for (const w of r.benign) add(normaliseTerm(w), { kind: 'part-benign', rule });
  });

  const keys = [...roles.keys()];
  const automaton = new AhoCorasick(keys);
  return {
    automaton,
    ...splitRoles(automaton.patterns.map((k) => roles.get(k)!)),
    lengths: Int32Array.from(automaton.patterns, (k) => k.length),
    entities,
    lexicon,
    guards,
    companySuffixes: guards.companySuffixes.map(normaliseTerm),
    placeSuffixes: guards.placeSuffixes.map(normaliseTerm),
    patternCount: keys.length,
    partPairs: partPairs(lexicon.parts),
  };
}

const PART_KINDS: Partial<Record<Role['kind'], number>> = { object: PART_OBJECT, action: PART_ACTION, 'part-benign': PART_BENIGN };

/** Each pattern's roles split into the parts rules' (packed, read for every 服务器 or 投标 of a text) and the others. */
function splitRoles(all: Role[][]): Pick<CompiledPatterns, 'otherRoles' | 'partRoles'> {
  const otherRoles: (Role[] | null)[] = [];
  const partRoles: (Int32Array | null)[] = [];
  for (const roles of all) {
    const packed: number[] = [];
    const others: Role[] = [];
    for (const r of roles) {
      const kind = PART_KINDS[r.kind];
      if (kind === undefined) others.push(r);
      else packed.push(kind, r.kind === 'part-benign' ? r.rule : (r as { group: number }).group);
    }
    otherRoles.push(others.length ? others : null);
    partRoles.push(packed.length ? Int32Array.from(packed) : null);
  }
  return { otherRoles, partRoles };
}

/** Drops names that would flag ordinary text: too short, single Hanzi, or a common word. */
function acceptableName(name: string, term: string, guards: NameGuards): boolean {
  const hanCount = [...term].filter((c) => HAN.test(c)).length;
  if (ALL_HAN.test(term)) return hanCount >= 2;
  if (hanCount > 0) return true; // mixed-script names are specific enough
  const letters = term.replace(/[^a-z0-9]/g, '');
  if (ACRONYM.test(name)) return letters.length >= 3;
  if (letters.length < guards.latinMinLength) return false;
  return !guards.commonWords.has(term);
}
