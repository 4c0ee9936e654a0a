/**
 * Signals -> attribution -> verdict. Pure: no I/O beyond the (in-memory) World.
 * Scores per maker combine signal weights as independent evidence (noisy-OR: 1 - Π(1 - w)).
 */
import type { World } from '../graph/types.ts';
import type { CoverageFinding, DeviceAttribution, DeviceSignal, Evidence, Verdict } from './types.ts';
import { extractSignals } from './signals.ts';
import { coverageOf, formerMakerOfBrand, makerOfBrand, scopeNote, type BrandLink } from './coverage.ts';
import { makerInfo } from './rules.ts';
import { isLocallyAdministered, normaliseMac } from './mac.ts';
import type { Rule } from '../graph/rules.ts';

export interface AttributeOptions {
  /**
   * ISO date for list memberships and brand links; default today. A unit is judged as of this date like a
   * vendor: a brand whose link to a maker ended before it no longer names the maker (a note says so).
   */
  asOf?: string;
  /** Rule sets that carry a listing over to brands and subsidiaries (default: data/rules.yml in force on asOf). */
  rules?: Rule[];
}

/** Short labels for the path line (the finding keeps the list's official name). */
const PATH_LABEL: Record<string, string> = { NDAA889: 'NDAA §889', FCC: 'FCC Covered List', EL: 'BIS Entity List (maker)' };

interface MakerScore {
  maker: string;
  score: number;
  strong: boolean;
  signals: DeviceSignal[];
}

export function attribute(evidence: Evidence, world?: World, opts: AttributeOptions = {}): DeviceAttribution {
  return attributeSignals(extractSignals(evidence), evidence, world, opts);
}

export function attributeSignals(raw: DeviceSignal[], evidence: Evidence, world?: World, opts: AttributeOptions = {}): DeviceAttribution {
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const notes = [...(evidence.notes ?? [])];
  const links = new Map<string, BrandLink | undefined>();
  const linkOf = (brand: string) => {
    if (!links.has(brand)) links.set(brand, makerOfBrand(brand, world, asOf, { rules: opts.rules }));
    return links.get(brand);
  };

  // Brand-only signals get their maker from the knowledge pack; the brand link's confidence discounts them.
  const signals = raw.map((s) => {
    if (s.maker || !s.brand) return s;
    const link = linkOf(s.brand);
    return link ? { ...s, maker: link.maker, weight: round(s.weight * link.confidence) } : s;
  });

  const ranked = rankMakers(signals);
  const best = ranked[0];
  const sorted = [...signals].sort((a, b) => b.weight - a.weight);

  const former = formerLinks(raw, linkOf, world, asOf, opts.rules);
  const modelField = evidence.items.find((i) => i.field === 'model' || i.field === 'onvif-model')?.value.trim() || null;
  if (!best) {
    for (const [b, l] of former) {
      notes.push(`${b} was linked to ${l.maker}${dates(l)} (${l.relation}), not on ${asOf}: units made then may be ${l.maker}-made; confirm the model`);
    }
    if (!signals.length) notes.push('no recognisable signal in the evidence');
    const why = unidentifiedReason(evidence);
    return {
      manufacturer: null,
      brand: null,
      model: modelField,
      confidence: 0,
      verdict: 'not identified',
      rule: `no maker identified (${why}): not shown to be covered, not shown to be clear`,
      signals: sorted,
      coverage: [],
      path: [modelField ?? 'unidentified device', `no maker identified: ${why}`],
      notes: notes.length ? notes : undefined,
    };
  }

  const conflicting = ranked.slice(1).filter((r) => r.strong && r.score >= 0.5);
  if (conflicting.length) notes.push(`conflicting signals also point to ${conflicting.map((c) => c.maker).join(', ')}`);

  const brand = pickBrand(best) ?? (makerInfo(best.maker) ? best.maker : null);
  const modelSignal = best.signals.filter((s) => s.kind === 'model').sort((a, b) => b.weight - a.weight)[0];
  const model = modelSignal?.value ?? modelField;
  const coverage: CoverageFinding[] = coverageOf(best.maker, world, asOf, { rules: opts.rules });
  const listed = coverage.some((c) => c.rule === 'NDAA889' || c.rule === 'FCC');
  const verdict: Verdict = listed ? (best.strong ? 'covered' : 'likely covered') : coverage.length ? 'listed maker' : 'not covered';
  if (verdict === 'likely covered') notes.push('weak signals only (e.g. MAC OUI, generic banner, hostname): confirm the model');
  if (listed) {
    const scope = scopeNote(best.maker);
    if (scope) notes.push(scope);
  }

  const path = makerPath({ maker: best.maker, brand, model, coverage, linkOf, former, asOf }, notes);

  return {
    manufacturer: best.maker,
    brand,
    model,
    confidence: round(best.score),
    verdict,
    rule: verdictRule(verdict, best.maker, brand, coverage),
    signals: sorted,
    coverage,
    path,
    notes: notes.length ? notes : undefined,
  };
}

/**
 * The path line from device to listing: brand and model, the maker (with the brand link that names it),
 * then each list the maker is on. Adds a note to `notes` when the brand's link to the maker has ended.
 */
function makerPath(
  a: {
    maker: string;
    brand: string | null;
    model: string | null;
    coverage: CoverageFinding[];
    linkOf: (b: string) => BrandLink | undefined;
    former: Map<string, BrandLink>;
    asOf: string;
  },
  notes: string[],
): string[] {
  const { maker, brand } = a;
  const path = [[brand && brand !== maker ? brand : maker, a.model].filter(Boolean).join(' ')];
  if (makerInfo(maker)) {
    const link = brand && brand !== maker ? a.linkOf(brand) : undefined;
    const how = link ? `${link.relation}${dates(link)}, confidence ${round(link.confidence)}` : undefined;
    path.push(`${maker} platform${how ? ` (${how})` : ''}`);
    const gone = brand ? a.former.get(brand) : undefined;
    if (gone?.maker === maker) {
      notes.push(
        `${brand} was linked to ${maker}${dates(gone)} (${gone.relation}), not on ${a.asOf}: the brand alone no longer names the maker; this verdict rests on the device's own fingerprints`,
      );
    }
  } else {
    path.push(`${maker}: not a covered maker`);
  }
  for (const c of a.coverage) path.push(`${PATH_LABEL[c.rule] ?? c.list} since ${c.since ?? '?'}`);
  return path;
}

/** The rule a verdict applies, in words, naming the lists and the maker. */
function verdictRule(verdict: Verdict, maker: string, brand: string | null, coverage: CoverageFinding[]): string {
  const by = brand && brand !== maker ? `${brand}, made by ${maker}` : `made by ${maker}`;
  const covering = coverage.filter((c) => c.rule === 'NDAA889' || c.rule === 'FCC');
  const lists = (covering.length ? covering : coverage).map((c) => `${PATH_LABEL[c.rule] ?? c.list}${c.citation ? ` (${c.citation})` : ''}`).join('; ');
  if (verdict === 'covered') return `covered equipment under ${lists}: ${by}`;
  if (verdict === 'likely covered') return `likely covered equipment under ${lists}: ${by}, on weak signals only`;
  if (verdict === 'listed maker') return `made by a listed company, not §889-covered: ${by}, on ${lists}`;
  return `not covered: ${by}, tied to no listed party`;
}

/** Why no maker was found: a randomised MAC carries no vendor; otherwise the evidence named none. */
function unidentifiedReason(evidence: Evidence): string {
  const mac = evidence.items.map((i) => (i.field === 'mac' ? normaliseMac(i.value) : undefined)).find(Boolean);
  if (mac && isLocallyAdministered(mac)) return `randomised (locally administered) MAC ${mac} carries no vendor`;
  if (!mac) return 'no MAC and no recognisable maker in the evidence';
  return `MAC ${mac} and the other evidence name no known maker`;
}

/** Makers named by the signals, strong evidence first, then by combined score (independent signals: 1 − Π(1 − weight)). */
function rankMakers(signals: DeviceSignal[]): MakerScore[] {
  const scores = new Map<string, MakerScore>();
  for (const s of signals) {
    if (!s.maker || s.weight <= 0) continue;
    const key = canonicalMaker(s.maker);
    const e = scores.get(key) ?? { maker: key, score: 0, strong: false, signals: [] };
    e.score = 1 - (1 - e.score) * (1 - s.weight);
    e.strong ||= s.strength !== 'weak';
    e.signals.push(s);
    scores.set(key, e);
  }
  return [...scores.values()].sort((a, b) => Number(b.strong) - Number(a.strong) || b.score - a.score);
}

/** Brands whose link to a covered maker held once but not on asOf: said in a note, never counted. */
function formerLinks(
  raw: DeviceSignal[],
  linkOf: (b: string) => BrandLink | undefined,
  world: World | undefined,
  asOf: string,
  rules?: Rule[],
): Map<string, BrandLink> {
  const former = new Map<string, BrandLink>();
  for (const b of new Set(raw.filter((s) => !s.maker && s.brand).map((s) => s.brand!))) {
    const link = linkOf(b) ? undefined : formerMakerOfBrand(b, world, asOf, { rules });
    if (link) former.set(b, link);
  }
  return former;
}

function pickBrand(best: MakerScore): string | null {
  const withBrand = best.signals.filter((s) => s.brand).sort((a, b) => b.weight - a.weight);
  return withBrand[0]?.brand ?? null;
}

function canonicalMaker(name: string): string {
  return makerInfo(name)?.name ?? name;
}

function dates(l: BrandLink): string {
  if (!l.start && !l.end) return '';
  return ` ${l.start ?? ''}–${l.end ?? ''}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
