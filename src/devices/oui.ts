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

export function lookupOui(mac: string): OuiHit | undefined {
  const hex = mac.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  if (hex.length < 6) return undefined;
  const t = table();
  for (const [len, reg] of [
    [9, 'MA-S'],
    [7, 'MA-M'],
    [6, 'MA-L'],
  ] as const) {
    const v = t[hex.slice(0, len)];
    if (v) return { prefix: hex.slice(0, len), registry: reg, organisation: v.split('\n')[0].trim() };
  }
  return undefined;
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

export function classifyMac(mac: string): OuiVerdict {
  if (isMulticast(mac)) return { reason: 'multicast' };
  if (isLocallyAdministered(mac)) return { reason: 'locally-administered' };
  const hit = lookupOui(mac);
  if (!hit) return { reason: 'unregistered' };
  const key = normaliseOrg(hit.organisation);
  const m = orgMap().makers.get(key);
  if (m) return { hit, maker: m.maker, brand: m.brand, note: m.note };
  return { hit, module: orgMap().modules.has(key) };
}
