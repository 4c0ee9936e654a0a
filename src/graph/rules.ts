/**
 * Rule sets (data/rules.yml): which relations carry a listing over, and the dates each rule is in force.
 * The one place their semantics live; the graph walker (paths.ts) applies them for every capability.
 */
import { readFileSync } from 'node:fs';
import Type from 'typebox';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import { RELATION_KINDS } from './types.ts';
import { parseDataText } from '../io/data-file.ts';

export type RuleKind = 'ownership-aggregate' | 'control' | 'brand';

/** How an ownership-aggregate rule combines covered owners: summed (OFAC since 2014) or one owner alone. */
export type Aggregation = 'sum' | 'single';

export interface Suspension {
  from: string;
  to?: string;
  note?: string;
}

export interface Rule {
  id: string;
  name: string;
  kind: RuleKind;
  /** List codes whose parties the rule extends; `any` = every list. */
  lists: string[] | 'any';
  threshold?: number;
  /** ownership-aggregate only; default `sum`. */
  aggregation?: Aggregation;
  relations?: string[];
  effective?: string;
  suspensions: Suspension[];
  citation?: string;
  url?: string;
}

const KINDS: RuleKind[] = ['ownership-aggregate', 'control', 'brand'];
const AGGREGATIONS: Aggregation[] = ['sum', 'single'];
const DAY = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date (YYYY-MM-DD)' });

/** The shape of data/rules.yml: a list of rules, each a closed mapping. */
export const RulesFile = Type.Array(
  Type.Object(
    {
      id: Type.String(),
      name: Type.String(),
      kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
      lists: Type.Union([Type.Literal('any'), Type.Array(Type.String())], { description: '"any" or a list of list codes' }),
      threshold: Type.Optional(Type.Number()),
      aggregation: Type.Optional(Type.String()),
      relations: Type.Optional(Type.Array(Type.String())),
      effective: Type.Optional(DAY),
      suspensions: Type.Optional(
        Type.Array(Type.Object({ from: DAY, to: Type.Optional(DAY), note: Type.Optional(Type.String()) }, { additionalProperties: false })),
      ),
      citation: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
);

/** Validates the rules document once; a bad file is a CONFIG error naming file, line and rule. */
export function parseRules(text: string, file = 'rules.yml'): Rule[] {
  const doc = parseDataText(text, file, RulesFile);
  return doc.value.map((r, i) => {
    // Checks a schema states less clearly than a sentence naming the rule.
    if (r.threshold !== undefined && !(r.threshold > 0 && r.threshold <= 100)) {
      throw doc.fail([i, 'threshold'], `rule ${r.id}: threshold ${r.threshold} is not a percentage (0 < t <= 100)`);
    }
    if (r.aggregation !== undefined && !AGGREGATIONS.includes(r.aggregation as Aggregation)) {
      throw doc.fail([i, 'aggregation'], `rule ${r.id}: unknown aggregation ${r.aggregation} (sum or single)`);
    }
    const unknownRel = (r.relations ?? []).filter((k) => !(RELATION_KINDS as readonly string[]).includes(k));
    if (unknownRel.length) throw doc.fail([i, 'relations'], `rule ${r.id}: unknown relation kind ${unknownRel.join(', ')}`);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as RuleKind,
      lists: r.lists,
      threshold: r.threshold,
      aggregation: r.aggregation as Aggregation | undefined,
      relations: r.relations,
      effective: r.effective,
      suspensions: (r.suspensions ?? []).map((s) => ({ from: s.from, to: s.to, note: s.note })),
      citation: r.citation,
      url: r.url,
    } satisfies Rule;
  });
}

let cache: Rule[] | undefined;
export function loadRules(): Rule[] {
  cache ??= parseRules(readFileSync(dataPath('rules.yml'), 'utf8'), 'data/rules.yml');
  return cache;
}

/** In force on `date`: effective on or before it and not inside a suspension. Without a date: effective and not suspended today. */
export function ruleInForce(rule: Rule, date: string = new Date().toISOString().slice(0, 10)): boolean {
  if (rule.effective && rule.effective > date) return false;
  return !rule.suspensions.some((s) => s.from <= date && (!s.to || date < s.to));
}

export interface RuleSelection {
  rules: Rule[];
  /** Rules asked for by name but not in force on the date (reported in the certificate). */
  inactive: { rule: Rule; reason: string }[];
}

/** `--rules ofac50,brand` or the default (all in force). Unknown names are a USAGE error. */
export function selectRules(names: string[] | undefined, asOf?: string, all: Rule[] = loadRules()): RuleSelection {
  const date = asOf ?? new Date().toISOString().slice(0, 10);
  let chosen = all;
  if (names?.length) {
    const unknown = names.filter((n) => !all.some((r) => r.id === n));
    if (unknown.length) throw new SightlineError('USAGE', `unknown rule set ${unknown.join(', ')} (known: ${all.map((r) => r.id).join(', ')})`);
    chosen = all.filter((r) => names.includes(r.id));
  }
  const rules: Rule[] = [];
  const inactive: RuleSelection['inactive'] = [];
  for (const r of chosen) {
    if (ruleInForce(r, date)) rules.push(r);
    else inactive.push({ rule: r, reason: r.effective && r.effective > date ? `not yet in force (effective ${r.effective})` : `suspended on ${date}` });
  }
  return { rules, inactive };
}

export function ruleCovers(rule: Rule, listCode: string): boolean {
  return rule.lists === 'any' || rule.lists.includes(listCode);
}
