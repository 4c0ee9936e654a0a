/**
 * The fingerprint data (data/devices/*.yml), loaded and validated once into compiled rules.
 * A malformed rule file is a CONFIG error naming the file and the rule.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import type { EvidenceField } from './types.ts';
import type { Entity } from '../model/entity.ts';
import type { World } from '../graph/types.ts';
import { nameKey } from '../graph/world.ts';

export interface ModelRule {
  id: string;
  maker: string;
  brand?: string;
  equipment?: 'video' | 'telecom';
  covered?: boolean;
  weight: number;
  source: string;
  /** Anchored at the start of a model field. */
  anchored: RegExp;
  /** Bounded search inside free text (global). */
  inText: RegExp;
}

export interface FingerprintRule {
  id: string;
  kind: string;
  on: EvidenceField[];
  re: RegExp;
  maker?: string;
  brandFromMatch?: boolean;
  makerFromMatch?: boolean;
  covered?: boolean;
  weight: number;
  strength: 'strong' | 'weak';
  source: string;
}

export interface MakerInfo {
  name: string;
  legalName: string;
  /** Other whole names of the maker (e.g. in Chinese); matched like name and legalName, never as substrings. */
  aliases?: string[];
  packId: string;
  scope889: string;
  listings: { rule: 'NDAA889' | 'FCC' | 'EL'; since: string; citation: string }[];
}

export interface BrandInfo {
  brand: string;
  maker: string;
  relation: string;
  start?: string;
  end?: string;
  confidence: number;
  source: string;
}

export interface RuleSet {
  models: ModelRule[];
  fingerprints: FingerprintRule[];
  makers: MakerInfo[];
  brands: BrandInfo[];
}

let cached: RuleSet | undefined;

function load<T>(name: string): T[] {
  const file = dataPath('devices', name);
  const data = parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new SightlineError('CONFIG', 'expected a list of rules', { file: `data/devices/${name}` });
  return data as T[];
}

function compile(source: string, flags: string, where: { file: string; record: string }): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new SightlineError('CONFIG', `bad pattern: ${(e as Error).message}`, where);
  }
}

// A model token: letters, digits and the punctuation model numbers use.
const TOKEN_TAIL = '[A-Za-z0-9/()+._-]*';

export function rules(): RuleSet {
  if (cached) return cached;
  const models = load<Record<string, unknown>>('models.yml').map((r): ModelRule => {
    const where = { file: 'data/devices/models.yml', record: String(r.id) };
    if (!r.id || !r.pattern || !r.maker || typeof r.weight !== 'number' || !r.source) throw new SightlineError('CONFIG', 'rule needs id, pattern, maker, weight, source', where);
    const p = String(r.pattern);
    return {
      id: String(r.id),
      maker: String(r.maker),
      brand: r.brand ? String(r.brand) : undefined,
      equipment: r.equipment as ModelRule['equipment'],
      covered: r.covered as boolean | undefined,
      weight: r.weight,
      source: String(r.source),
      anchored: compile(`^(?:${p})`, 'i', where),
      inText: compile(`(?<![A-Za-z0-9_-])(?:${p})${TOKEN_TAIL}`, 'gi', where),
    };
  });
  const fingerprints = load<Record<string, unknown>>('fingerprints.yml').map((r): FingerprintRule => {
    const where = { file: 'data/devices/fingerprints.yml', record: String(r.id) };
    if (!r.id || !r.pattern || !Array.isArray(r.on) || typeof r.weight !== 'number' || !r.source) throw new SightlineError('CONFIG', 'rule needs id, pattern, on, weight, source', where);
    if (!r.maker && !r.brandFromMatch && !r.makerFromMatch) throw new SightlineError('CONFIG', 'rule needs a maker', where);
    return {
      id: String(r.id),
      kind: String(r.kind ?? 'web-marker'),
      on: r.on as EvidenceField[],
      re: compile(String(r.pattern), 'im', where),
      maker: r.maker ? String(r.maker) : undefined,
      brandFromMatch: Boolean(r.brandFromMatch),
      makerFromMatch: Boolean(r.makerFromMatch),
      covered: r.covered as boolean | undefined,
      weight: r.weight,
      strength: r.strength === 'weak' ? 'weak' : 'strong',
      source: String(r.source),
    };
  });
  const makers = load<MakerInfo>('makers.yml');
  for (const m of makers) {
    if (!m?.name || !m.legalName || !m.packId || !Array.isArray(m.listings)) {
      const where = { file: 'data/devices/makers.yml', record: String(m?.name ?? '?') };
      throw new SightlineError('CONFIG', 'maker needs name, legalName, packId and listings', where);
    }
  }
  cached = { models, fingerprints, makers, brands: load<BrandInfo>('brands.yml') };
  return cached;
}

/** Every whole name of a maker, as name keys (case and punctuation folded). */
function makerKeys(m: MakerInfo): string[] {
  return [m.name, m.legalName, ...(m.aliases ?? [])].map(nameKey);
}

/** The maker a name is, as a whole name: "ZTE Corporation" is ZTE, "Aztech Systems" is not. */
export function makerInfo(name: string | undefined): MakerInfo | undefined {
  if (!name) return undefined;
  const k = nameKey(name);
  return k ? rules().makers.find((m) => makerKeys(m).includes(k)) : undefined;
}

/** The maker a World entity is: by its pack id, or by one of its names or aliases as a whole name. */
export function makerOfEntity(e: Entity, world?: World): MakerInfo | undefined {
  const byId = rules().makers.find((m) => m.packId === e.id || world?.canonicalId(m.packId) === e.id);
  if (byId) return byId;
  for (const p of ['name', 'alias', 'abbreviation']) {
    for (const n of e.properties[p] ?? []) {
      const m = makerInfo(n);
      if (m) return m;
    }
  }
  return undefined;
}

export function brandInfo(brand: string | undefined): BrandInfo | undefined {
  if (!brand) return undefined;
  const k = brand.toLowerCase().replace(/[^a-z0-9]/g, '');
  return rules().brands.find((b) => b.brand.toLowerCase().replace(/[^a-z0-9]/g, '') === k);
}

/** Model rule matching the start of a model string, best weight first. */
export function matchModel(model: string): ModelRule | undefined {
  const m = model.trim();
  let best: ModelRule | undefined;
  for (const r of rules().models) if (r.anchored.test(m) && (!best || r.weight > best.weight)) best = r;
  return best;
}
