/**
 * The fingerprint data (data/devices/*.yml), loaded and validated once into compiled rules.
 * A malformed rule file is a CONFIG error naming the file, the line and the rule's field.
 */
import { join } from 'node:path';
import Type, { type Static, type TSchema } from 'typebox';
import { dataPath } from '../paths.ts';
import { readDataFile, type DataDocument } from '../io/data-file.ts';
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
  /** The pattern as written in models.yml. */
  pattern: string;
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

const Id = Type.String({ minLength: 1 });
const Text = Type.String({ minLength: 1 });
const Weight = Type.Number({ minimum: 0, maximum: 1 });
const closed = { additionalProperties: false } as const;

/** data/devices/models.yml */
export const ModelsFile = Type.Array(
  Type.Object(
    {
      id: Id,
      maker: Text,
      brand: Type.Optional(Type.String()),
      equipment: Type.Optional(Type.Union([Type.Literal('video'), Type.Literal('telecom')])),
      covered: Type.Optional(Type.Boolean()),
      pattern: Text,
      weight: Weight,
      source: Text,
    },
    closed,
  ),
);

/** data/devices/fingerprints.yml */
export const FingerprintsFile = Type.Array(
  Type.Object(
    {
      id: Id,
      kind: Type.Optional(Type.String()),
      on: Type.Array(Type.String(), { minItems: 1 }),
      pattern: Text,
      maker: Type.Optional(Type.String()),
      brandFromMatch: Type.Optional(Type.Boolean()),
      makerFromMatch: Type.Optional(Type.Boolean()),
      covered: Type.Optional(Type.Boolean()),
      weight: Weight,
      strength: Type.Optional(Type.Union([Type.Literal('strong'), Type.Literal('weak')])),
      source: Text,
    },
    closed,
  ),
);

/** data/devices/makers.yml (left open: the maker records grow as coverage rules move into data). */
export const MakersFile = Type.Array(
  Type.Object({
    name: Text,
    legalName: Text,
    aliases: Type.Optional(Type.Array(Text)),
    packId: Text,
    scope889: Type.String(),
    listings: Type.Array(
      Type.Object({ rule: Type.Union([Type.Literal('NDAA889'), Type.Literal('FCC'), Type.Literal('EL')]), since: Type.String(), citation: Type.String() }),
    ),
  }),
);

/** data/devices/brands.yml */
export const BrandsFile = Type.Array(
  Type.Object(
    {
      brand: Text,
      maker: Text,
      relation: Text,
      start: Type.Optional(Type.String()),
      end: Type.Optional(Type.String()),
      confidence: Weight,
      source: Text,
    },
    closed,
  ),
);

let cached: RuleSet | undefined;

function compile(source: string, flags: string, doc: DataDocument<unknown>, at: (string | number)[]): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw doc.fail(at, `bad pattern: ${(e as Error).message}`);
  }
}

// A model token: letters, digits and the punctuation model numbers use; it starts after none of them.
const TOKEN_TAIL = '[A-Za-z0-9/()+._-]*';
export const MODEL_TOKEN_START = '(?<![A-Za-z0-9_-])';

export function rules(): RuleSet {
  cached ??= readRuleSet(dataPath('devices'));
  return cached;
}

/** The four rule files of a directory (data/devices), validated and compiled. */
export function readRuleSet(dir: string): RuleSet {
  const load = <S extends TSchema>(name: string, schema: S): DataDocument<Static<S>> => readDataFile(join(dir, name), schema);
  const modelDoc = load('models.yml', ModelsFile);
  const models = modelDoc.value.map(
    (r, i): ModelRule => ({
      id: r.id,
      maker: r.maker,
      brand: r.brand || undefined,
      equipment: r.equipment,
      covered: r.covered,
      weight: r.weight,
      source: r.source,
      pattern: r.pattern,
      anchored: compile(`^(?:${r.pattern})`, 'i', modelDoc, [i, 'pattern']),
      inText: compile(`${MODEL_TOKEN_START}(?:${r.pattern})${TOKEN_TAIL}`, 'gi', modelDoc, [i, 'pattern']),
    }),
  );
  const printDoc = load('fingerprints.yml', FingerprintsFile);
  const fingerprints = printDoc.value.map((r, i): FingerprintRule => {
    if (!r.maker && !r.brandFromMatch && !r.makerFromMatch) throw printDoc.fail([i], 'rule needs a maker (or brandFromMatch / makerFromMatch)');
    return {
      id: r.id,
      kind: r.kind ?? 'web-marker',
      on: r.on as EvidenceField[],
      re: compile(r.pattern, 'im', printDoc, [i, 'pattern']),
      maker: r.maker || undefined,
      brandFromMatch: Boolean(r.brandFromMatch),
      makerFromMatch: Boolean(r.makerFromMatch),
      covered: r.covered,
      weight: r.weight,
      strength: r.strength === 'weak' ? 'weak' : 'strong',
      source: r.source,
    };
  });
  return { models, fingerprints, makers: load('makers.yml', MakersFile).value, brands: load('brands.yml', BrandsFile).value };
}

/** Every whole name of a maker, as name keys (case and punctuation folded). */
function makerKeys(m: MakerInfo): string[] {
  return [m.name, m.legalName, ...(m.aliases ?? [])].map(nameKey);
}

/** Makers by name key (the first maker of the file that has it), and answers by name as asked, per rule set. */
interface MakerIndex {
  byKey: Map<string, MakerInfo>;
  byName: Map<string, MakerInfo | undefined>;
}
const makerIndexes = new WeakMap<RuleSet, MakerIndex>();
/** Distinct names remembered: makers are asked for by a few names, OUI organisations by thousands at most. */
const MAKER_NAMES_REMEMBERED = 50_000;

function makerIndex(set: RuleSet): MakerIndex {
  let index = makerIndexes.get(set);
  if (!index) {
    const byKey = new Map<string, MakerInfo>();
    for (const m of set.makers) for (const k of makerKeys(m)) if (!byKey.has(k)) byKey.set(k, m);
    index = { byKey, byName: new Map() };
    makerIndexes.set(set, index);
  }
  return index;
}

/**
 * The maker a name is, as a whole name: "ZTE Corporation" is ZTE, "Aztech Systems" is not. Looked up, not
 * searched: every device asks several times, and a search folded every name of every maker each time.
 */
export function makerInfo(name: string | undefined): MakerInfo | undefined {
  if (!name) return undefined;
  const { byKey, byName } = makerIndex(rules());
  if (byName.has(name)) return byName.get(name);
  const k = nameKey(name);
  const found = k ? byKey.get(k) : undefined;
  if (byName.size >= MAKER_NAMES_REMEMBERED) byName.clear();
  byName.set(name, found);
  return found;
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
