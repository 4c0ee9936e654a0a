/**
 * Rule sets (data/rules.yml): which relations carry a listing over, and the dates each rule is in force.
 * The one place their semantics live; the graph walker (paths.ts) applies them for every capability.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import { RELATION_KINDS } from './types.ts';

export type RuleKind = 'ownership-aggregate' | 'control' | 'brand';

/** How an ownership-aggregate rule combines covered owners: summed (OFAC since 2014) or one owner alone. */
export type Aggregation = 'sum' | 'single';

export interface Suspension { from: string; to?: string; note?: string }

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
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates the rules document once; a bad file is a CONFIG error naming the rule. */
export function parseRules(text: string, file = 'rules.yml'): Rule[] {
  const doc = parse(text);
  if (!Array.isArray(doc)) throw new SightlineError('CONFIG', 'rules file must be a list of rules', { file });
  return doc.map((r: any, i: number) => {
    const where = { file, record: r?.id ?? i + 1 };
    if (!r || typeof r.id !== 'string' || typeof r.name !== 'string') throw new SightlineError('CONFIG', 'rule needs an id and a name', where);
    if (!KINDS.includes(r.kind)) throw new SightlineError('CONFIG', `unknown rule kind ${r.kind}`, where);
    const dates = [r.effective, ...(r.suspensions ?? []).flatMap((s: Suspension) => [s.from, s.to])].filter((d) => d !== undefined).map(String);
    for (const d of dates) if (!DATE.test(d)) throw new SightlineError('CONFIG', `bad date ${d} (YYYY-MM-DD)`, where);
    const lists = r.lists === 'any' ? 'any' : Array.isArray(r.lists) ? r.lists.map(String) : undefined;
    if (!lists) throw new SightlineError('CONFIG', 'rule needs lists (codes or "any")', where);
    const threshold = r.threshold === undefined ? undefined : Number(r.threshold);
    if (threshold !== undefined && !(threshold > 0 && threshold <= 100)) {
      throw new SightlineError('CONFIG', `threshold ${r.threshold} is not a percentage (0 < t <= 100)`, where);
    }
    if (r.aggregation !== undefined && !AGGREGATIONS.includes(r.aggregation)) {
      throw new SightlineError('CONFIG', `unknown aggregation ${r.aggregation} (sum or single)`, where);
    }
    const unknownRel = (r.relations ?? []).map(String).filter((k: string) => !(RELATION_KINDS as readonly string[]).includes(k));
    if (unknownRel.length) throw new SightlineError('CONFIG', `unknown relation kind ${unknownRel.join(', ')}`, where);
    return {
      id: r.id, name: r.name, kind: r.kind, lists,
      threshold,
      aggregation: r.aggregation,
      relations: r.relations?.map(String),
      effective: r.effective === undefined ? undefined : String(r.effective),
      suspensions: (r.suspensions ?? []).map((s: any) => ({ from: String(s.from), to: s.to === undefined ? undefined : String(s.to), note: s.note })),
      citation: r.citation, url: r.url,
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
