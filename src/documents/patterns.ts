/**
 * Compiles entity names, lexicon terms, context words, benign phrases and name guards into one
 * Aho-Corasick automaton over normalised text, so a document is read once for everything.
 * Each normalised pattern string carries the list of roles it plays.
 */
import { AhoCorasick } from './aho-corasick.ts';
import { normaliseTerm } from './normalise.ts';
import { pinyinVariants } from './pinyin-variants.ts';
import type { Lexicon, NameGuards, PartRule, TermDef } from './lexicon.ts';
import { partPairs } from './parts.ts';
import type { EntityRow } from './types.ts';

export type Role =
  | { kind: 'entity'; row: number; term: string; short: boolean; acronym?: string; evasion: boolean }
  | { kind: 'term'; def: TermDef; term: string; original: string; evasion: boolean }
  | { kind: 'context'; name: string }
  | { kind: 'benign'; termId: string }
  | { kind: 'ambiguous'; name: string }
  | { kind: 'trigger' }
  | { kind: 'object'; group: string }
  | { kind: 'action'; group: string }
  | { kind: 'part-benign'; rule: string };

export interface CompiledPatterns {
  automaton: AhoCorasick;
  /** Roles and lengths of automaton.patterns[i]. */
  roles: Role[][];
  lengths: Int32Array;
  entities: EntityRow[];
  lexicon: Lexicon;
  guards: NameGuards;
  /** Normalised company/place suffixes for short Hanzi names. */
  companySuffixes: string[];
  placeSuffixes: string[];
  patternCount: number;
  /** Capabilities-in-parts rules by "object|action" group pair. */
  partPairs: Map<string, PartRule[]>;
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
  for (const g of lexicon.parts.objects) for (const w of g.words) add(normaliseTerm(w), { kind: 'object', group: g.id });
  for (const g of lexicon.parts.actions) for (const w of g.words) add(normaliseTerm(w), { kind: 'action', group: g.id });
  for (const r of lexicon.parts.rules) for (const w of r.benign) add(normaliseTerm(w), { kind: 'part-benign', rule: r.id });

  const keys = [...roles.keys()];
  const automaton = new AhoCorasick(keys);
  return {
    automaton,
    roles: automaton.patterns.map((k) => roles.get(k)!),
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
