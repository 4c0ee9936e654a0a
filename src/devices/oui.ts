/**
 * MAC OUI lookup in the IEEE registry shipped by the `oui-data` package (MA-S 9 hex digits, MA-M 7,
 * MA-L 6; longest prefix first), then registry organisation -> covered maker through the exact,
 * normalised names in data/devices/oui-makers.yml. Registry names are not brands: only listed names map.
 */
import { createRequire } from 'node:module';
import Type, { type Static } from 'typebox';
import { loadDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { isLocallyAdministered, isMulticast } from './mac.ts';

export interface OuiHit {
  prefix: string;
  registry: 'MA-S' | 'MA-M' | 'MA-L';
  organisation: string;
}

export interface OuiVerdict {
  hit?: OuiHit;
  /** Why there is no vendor: locally administered or multicast address, or not in the registry. */
  reason?: 'locally-administered' | 'multicast' | 'unregistered';
  maker?: string;
  brand?: string;
  note?: string;
  /** The organisation makes radio/NIC modules: says nothing about the device maker. */
  module?: boolean;
}

let registry: Record<string, string> | undefined;

function table(): Record<string, string> {
  // Loaded lazily and once: 5.6 MB JSON, only needed when there are MACs to look up.
  registry ??= createRequire(import.meta.url)('oui-data') as Record<string, string>;
  return registry;
}

/** Six-digit prefixes under which MA-M or MA-S blocks are assigned: only those need the longer lookups. */
let subdivided: Set<string> | undefined;
/** MA-L answers by six-digit prefix for the other MACs: a network has thousands of units of a few makers. */
const largeBlocks = new Map<string, OuiHit | null>();

export function lookupOui(mac: string): OuiHit | undefined {
  const hex = mac.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  if (hex.length < 6) return undefined;
  const t = table();
  subdivided ??= new Set(Object.keys(t).flatMap((k) => (k.length > 6 ? [k.slice(0, 6)] : [])));
  const six = hex.slice(0, 6);
  if (hex.length >= 9 && !subdivided.has(six)) {
    let hit = largeBlocks.get(six);
    if (hit === undefined) {
      hit = registryHit(t, six, 'MA-L') ?? null;
      largeBlocks.set(six, hit);
    }
    return hit ? { prefix: hit.prefix, registry: hit.registry, organisation: hit.organisation } : undefined;
  }
  for (const [len, reg] of [
    [9, 'MA-S'],
    [7, 'MA-M'],
    [6, 'MA-L'],
  ] as const) {
    const hit = registryHit(t, hex.slice(0, len), reg);
    if (hit) return hit;
  }
  return undefined;
}

function registryHit(t: Record<string, string>, prefix: string, registry: OuiHit['registry']): OuiHit | undefined {
  const v = t[prefix];
  return v ? { prefix, registry, organisation: v.split('\n')[0].trim() } : undefined;
}

/** Folds case, punctuation and spacing so registry spelling variants compare equal. */
export function normaliseOrg(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** data/devices/oui-makers.yml */
export const OuiMakersFile = Type.Object(
  {
    makers: Type.Array(
      Type.Object(
        { org: Type.String({ minLength: 1 }), maker: Type.String({ minLength: 1 }), brand: Type.Optional(Type.String()), note: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    modules: Type.Array(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
type OuiMakerFile = Static<typeof OuiMakersFile>;

let mapping: { makers: Map<string, OuiMakerFile['makers'][number]>; modules: Set<string> } | undefined;

function orgMap() {
  mapping ??= readOuiMakers(dataPath('devices', 'oui-makers.yml'));
  return mapping;
}

export function readOuiMakers(path: string): NonNullable<typeof mapping> {
  const file = loadDataFile(path, OuiMakersFile);
  return {
    makers: new Map(file.makers.map((m) => [normaliseOrg(m.org), m])),
    modules: new Set(file.modules.map(normaliseOrg)),
  };
}

/** normaliseOrg of the registry's organisations met so far (at most one per registry entry). */
const orgKeys = new Map<string, string>();

export function classifyMac(mac: string): OuiVerdict {
  if (isMulticast(mac)) return { reason: 'multicast' };
  if (isLocallyAdministered(mac)) return { reason: 'locally-administered' };
  const hit = lookupOui(mac);
  if (!hit) return { reason: 'unregistered' };
  let key = orgKeys.get(hit.organisation);
  if (key === undefined) orgKeys.set(hit.organisation, (key = normaliseOrg(hit.organisation)));
  const m = orgMap().makers.get(key);
  if (m) return { hit, maker: m.maker, brand: m.brand, note: m.note };
  return { hit, module: orgMap().modules.has(key) };
}
