/**
 * Screens one row: exact identifier lookup (ISIN, LEI, USCC/registration, ticker), then the name matcher
 * (and the brand column), then the listings and rule paths of each candidate. Status:
 *   hit    — score ≥ hit threshold (the matcher's DEFAULT_THRESHOLD by default) and the party is listed on the
 *            as-of date or reaches a listed party through a rule path whose links are all confident (≥ 0.7);
 *   review — score ≥ review threshold (default DEFAULT_THRESHOLD − 0.1) with a listing or path, or a hit-level
 *            score whose only paths rest on a low-confidence link or on an OEM label: a third-party brand that
 *            sells equipment a listed firm made is neither the firm nor controlled by it, so it needs a person
 *            to look at which products are involved;
 *   clear  — nothing listed reached.
 */
import type { MatchQuery, MatchResult, FeatureScore } from '../match/index.ts';
import { DEFAULT_THRESHOLD, normaliseIdentifier } from '../match/index.ts';
import { caption } from '../model/entity.ts';
import { normaliseText, stripLegalForms, tokenize } from '../names/index.ts';
import type { World } from '../graph/types.ts';
import { PathFinder, listingRefs } from './graph-paths.ts';
import { ruleCovers, type Rule } from '../graph/rules.ts';
import type { ListingRef, MatchInfo, RowFields, RowVerdict, RulePath, ScreenKind, ScreenStatus } from './types.ts';

export interface Matcher {
  match(query: MatchQuery, opts?: { limit?: number; threshold?: number }): MatchResult[];
}

export const HIT_THRESHOLD = DEFAULT_THRESHOLD;
export const REVIEW_THRESHOLD = Math.round((DEFAULT_THRESHOLD - 0.1) * 100) / 100;
/** Paths resting on a link below this confidence are reviews, not hits. */
export const CONFIDENT_LINK = 0.7;
/** A ticker alone is ambiguous across exchanges: its score lands in review unless the name agrees. */
const TICKER_ONLY_SCORE = 0.75;

export interface ScreenerOptions {
  kind: ScreenKind;
  rules: Rule[];
  asOf?: string;
  hitThreshold?: number;
  reviewThreshold?: number;
}

export type { RowVerdict } from './types.ts';

const ID_FIELDS: { field: keyof RowFields; props: string[]; label: string }[] = [
  { field: 'isin', props: ['isinCode'], label: 'ISIN' },
  { field: 'lei', props: ['leiCode'], label: 'LEI' },
  { field: 'registration', props: ['uscCode', 'registrationNumber', 'taxNumber', 'innCode', 'ogrnCode', 'dunsCode'], label: 'registration number' },
];
const RANK: Record<ScreenStatus, number> = { hit: 2, review: 1, clear: 0 };

/** "002415.SZ", "002415 CH", "SZ002415" → "002415". */
export function tickerKey(v: string): string {
  const t = v
    .trim()
    .toUpperCase()
    .replace(/\s+(CH|HK|US|C1|C2|UW|UN|LN)$/, '')
    .replace(/\.(SZ|SS|SH|HK|N|O|L)$/, '')
    .replace(/^(SZ|SH|SS|HK)(?=\d)/, '');
  return t.replace(/[^0-9A-Z]/g, '');
}

/** Most rows are clear: one shared, frozen verdict keeps memory flat on large files (and worker threads send it as 0). */
export const CLEAR: RowVerdict = Object.freeze({
  status: 'clear',
  listings: Object.freeze([]) as unknown as ListingRef[],
  paths: Object.freeze([]) as unknown as RulePath[],
  lists: Object.freeze([]) as unknown as string[],
}) as RowVerdict;

export class RowScreener {
  readonly hitThreshold: number;
  readonly reviewThreshold: number;
  private readonly paths: PathFinder;
  /** identifier and ticker → parties; built on the first row that has one (it reads every party: 0.2 s from a snapshot) */
  private byIdentifier?: { ids: Map<string, string[]>; tickers: Map<string, string[]> };
  private cache = new Map<string, RowVerdict>();
  /** Vendors or holdings: decides the query schema (set by screenFile once the columns are known). */
  kind: ScreenKind;

  constructor(
    private readonly world: World,
    private readonly matcher: Matcher,
    private readonly opts: ScreenerOptions,
  ) {
    this.kind = opts.kind;
    this.hitThreshold = opts.hitThreshold ?? HIT_THRESHOLD;
    this.reviewThreshold = opts.reviewThreshold ?? REVIEW_THRESHOLD;
    this.paths = new PathFinder(world, opts.rules, opts.asOf);
  }

  private identifiers(): { ids: Map<string, string[]>; tickers: Map<string, string[]> } {
    if (this.byIdentifier) return this.byIdentifier;
    const ids = new Map<string, string[]>();
    const tickers = new Map<string, string[]>();
    for (const e of this.world.parties()) {
      for (const { props } of ID_FIELDS) for (const p of props) for (const v of e.properties[p] ?? []) add(ids, `${p}:${normaliseIdentifier(v)}`, e.id);
      for (const v of e.properties.ticker ?? []) add(tickers, tickerKey(v), e.id);
    }
    this.byIdentifier = { ids, tickers };
    return this.byIdentifier;
  }

  /** Screens mapped fields; identical rows are answered from a cache. */
  screen(f: RowFields): RowVerdict {
    const key = JSON.stringify([this.kind, f.name, f.country, f.address, f.city, f.lei, f.isin, f.ticker, f.registration, f.brand, f.website]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.cache.size > 200_000) this.cache = new Map();
    const verdict = this.decide(this.candidates(f));
    this.cache.set(key, verdict);
    return verdict;
  }

  private candidates(f: RowFields): MatchInfo[] {
    const out: MatchInfo[] = [];
    for (const { field, props, label } of ID_FIELDS) {
      const v = f[field];
      if (!v) continue;
      const norm = normaliseIdentifier(v);
      for (const p of props)
        for (const id of this.identifiers().ids.get(`${p}:${norm}`) ?? [])
          out.push(this.idMatch(id, { score: 1, weight: 1, detail: `${label} ${norm} = ${p} ${norm}` }, 1));
    }
    if (out.length) return dedupe(out);
    if (f.ticker) {
      for (const id of this.identifiers().tickers.get(tickerKey(f.ticker)) ?? [])
        out.push(this.idMatch(id, { score: 1, weight: 0, detail: `ticker ${tickerKey(f.ticker)} (a ticker alone is ambiguous)` }, TICKER_ONLY_SCORE));
    }
    if (f.name) out.push(...this.byName(f.name, f, 'name'));
    if (f.brand && f.brand !== f.name) out.push(...this.byName(f.brand, {}, 'brand'));
    return dedupe(out);
  }

  private idMatch(id: string, feature: FeatureScore, score: number): MatchInfo {
    const e = this.world.get(id)!;
    return { id: e.id, caption: caption(e), schema: e.schema, score, via: 'identifier', explanation: { identifier_match: feature } };
  }

  private byName(rawName: string, f: RowFields, via: 'name' | 'brand'): MatchInfo[] {
    const name = this.kind === 'holdings' ? securityName(rawName) : rawName;
    const properties: Record<string, string[]> = { name: [name] };
    const country = f.country ?? isinCountry(f.isin);
    if (country) properties.country = [country];
    const address = [f.address, f.city].filter(Boolean).join(', ');
    if (address) properties.address = [address];
    if (f.website) properties.website = [f.website];
    if (f.ticker) properties.ticker = [f.ticker];
    // Holdings are issuers, and a name with a legal form (Inc, GmbH, 有限公司) is an organisation: neither is
    // compared with people. Other vendor names may be sole traders (any legal entity).
    const schema = this.kind === 'holdings' || isOrganisationName(name) ? 'Organization' : 'LegalEntity';
    const results = this.matcher.match({ schema, properties }, { limit: 5, threshold: this.hitThreshold });
    return results
      .filter((r) => r.score >= this.reviewThreshold)
      .map((r) => {
        const canonical = this.world.canonicalId(r.id) ?? r.id;
        return { id: canonical, caption: r.caption, schema: r.schema, score: r.score, via, explanation: r.explanation };
      });
  }

  private decide(cands: MatchInfo[]): RowVerdict {
    let best: RowVerdict | undefined;
    let bestMatchOnly: MatchInfo | undefined;
    for (const m of cands) {
      const listings = listingRefs(this.world, m.id, this.opts.asOf);
      const paths = this.paths.paths(m.id);
      if (!listings.length && !paths.length) {
        if (!bestMatchOnly || m.score > bestMatchOnly.score) bestMatchOnly = m;
        continue;
      }
      const confidentPath = paths.some((p) => p.confidence >= CONFIDENT_LINK && !p.steps.some((st) => st.kind === 'oem'));
      const status: ScreenStatus = m.score >= this.hitThreshold && (listings.length || confidentPath) ? 'hit' : 'review';
      const lists = new Set(listings.map((l) => l.list));
      for (const p of paths) {
        const last = p.steps[p.steps.length - 1];
        const rule = this.opts.rules.find((r) => r.id === p.rule);
        for (const l of last.listings ?? []) if (!rule || ruleCovers(rule, l.list)) lists.add(l.list);
      }
      const v: RowVerdict = { status, match: m, listings, paths, lists: [...lists].sort() };
      if (!best || RANK[v.status] > RANK[best.status] || (RANK[v.status] === RANK[best.status] && m.score > best.match!.score)) best = v;
    }
    if (best) return best;
    if (bestMatchOnly && bestMatchOnly.score >= this.hitThreshold) {
      return {
        status: 'clear',
        match: bestMatchOnly,
        listings: [],
        paths: [],
        lists: [],
        note: `matched ${bestMatchOnly.caption}, which is not listed${this.opts.asOf ? ` on ${this.opts.asOf}` : ''} and reaches no listed party under the selected rules`,
      };
    }
    return CLEAR;
  }
}

/** Share-class and instrument words in security names ("Alphabet Inc Class A", "… Co Ltd-A", "… ADR") are not the issuer's name. */
export function securityName(name: string): string {
  const cleaned = name
    .replace(/\s*-\s*[A-Z]{1,2}$/, '')
    .replace(/\b(class|cl|series|ser)\s+[A-Z]\b/gi, ' ')
    .replace(/\b(ADRs?|GDRs?|sponsored|unsponsored|ordinary shares?|common stock|registered shares?|pref(erred)? shares?|shs|ord)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || name;
}

/** Offshore and supranational ISIN prefixes say nothing about where the issuer is. */
const NON_COUNTRY_ISIN = new Set(['XS', 'EU', 'KY', 'BM', 'VG', 'JE', 'GG', 'IM', 'QS', 'XC', 'XD', 'XA']);

/** The issuer country an ISIN implies (its first two letters), when it is a real country. */
export function isinCountry(isin: string | undefined): string | undefined {
  const cc = isin?.trim().slice(0, 2).toUpperCase();
  return cc && /^[A-Z]{2}$/.test(cc) && !NON_COUNTRY_ISIN.has(cc) ? cc.toLowerCase() : undefined;
}

export function isOrganisationName(name: string): boolean {
  if (/(公司|集团|集團|研究所|研究院|大学|局|厂|廠|中心)$/.test(name.trim())) return true;
  return stripLegalForms(tokenize(normaliseText(name))).forms.length > 0;
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function dedupe(ms: MatchInfo[]): MatchInfo[] {
  const best = new Map<string, MatchInfo>();
  for (const m of ms) {
    const prev = best.get(m.id);
    if (!prev || m.score > prev.score) best.set(m.id, m);
  }
  return [...best.values()];
}
