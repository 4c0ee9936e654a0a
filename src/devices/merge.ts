/**
 * One device per device: inputs about the same network (an nmap scan, DHCP leases, an inventory) name the
 * same unit several times. Records are merged by MAC first, then by IP, then by hostname — a weaker key
 * joins two records only when their stronger keys do not contradict each other (a lease for another MAC
 * at the same IP is another device; two cameras both called "HIKVISION" at different IPs stay two).
 * Pure: data in, data out; the order of first appearance is kept.
 */
import { normaliseMac } from './mac.ts';
import type { DeviceInput, EvidenceItem } from './types.ts';

/** A device with every input file that mentions it and all their evidence. */
export interface MergedDevice extends DeviceInput {
  /** Input files (base names) the device was seen in, in reading order. */
  inputs: string[];
  /** How the records were joined: "dhcpd.leases by MAC 04:EE:CD:3A:12:7F". */
  mergedBy: string[];
}

interface Keys {
  mac?: string;
  ip?: string;
  host?: string;
}

const keysOf = (d: DeviceInput): Keys => ({ mac: normaliseMac(d.mac), ip: d.ip?.trim() || undefined, host: d.hostname?.trim().toLowerCase() || undefined });

/** Two values agree when either is unknown or they are equal. */
const agree = (a: string | undefined, b: string | undefined) => !a || !b || a === b;

export function mergeDevices(records: Iterable<{ input: string; device: DeviceInput }>): MergedDevice[] {
  const out: MergedDevice[] = [];
  const keys: Keys[] = [];
  const byMac = new Map<string, number>();
  const byIp = new Map<string, number>();
  const byHost = new Map<string, number>();

  for (const { input, device } of records) {
    const k = keysOf(device);
    const found = findGroup(k, keys, { byMac, byIp, byHost });
    if (!found) {
      const i = out.length;
      out.push({
        ...device,
        mac: k.mac ?? device.mac,
        evidence: { items: [...device.evidence.items], notes: device.evidence.notes && [...device.evidence.notes] },
        inputs: [input],
        mergedBy: [],
      });
      keys.push(k);
      index(k, i, { byMac, byIp, byHost });
      continue;
    }
    const [i, how] = found;
    absorb(out[i], keys[i], device, k, input, how);
    index(keys[i], i, { byMac, byIp, byHost });
  }
  return out;
}

interface Indexes {
  byMac: Map<string, number>;
  byIp: Map<string, number>;
  byHost: Map<string, number>;
}

/** The group a record joins, and by which key; undefined for a new device. */
function findGroup(k: Keys, keys: Keys[], ix: Indexes): [number, string] | undefined {
  if (k.mac && ix.byMac.has(k.mac)) return [ix.byMac.get(k.mac)!, `MAC ${k.mac}`];
  const byIp = k.ip === undefined ? undefined : ix.byIp.get(k.ip);
  if (byIp !== undefined && agree(keys[byIp].mac, k.mac)) return [byIp, `IP ${k.ip}`];
  const byHost = k.host === undefined ? undefined : ix.byHost.get(k.host);
  if (byHost !== undefined && agree(keys[byHost].mac, k.mac) && agree(keys[byHost].ip, k.ip)) return [byHost, `hostname ${k.host}`];
  return undefined;
}

function index(k: Keys, i: number, ix: Indexes): void {
  if (k.mac && !ix.byMac.has(k.mac)) ix.byMac.set(k.mac, i);
  if (k.ip && !ix.byIp.has(k.ip)) ix.byIp.set(k.ip, i);
  if (k.host && !ix.byHost.has(k.host)) ix.byHost.set(k.host, i);
}

/** Adds a record's identifiers and evidence to its group; a second IP or hostname is kept as a note. */
function absorb(into: MergedDevice, k: Keys, d: DeviceInput, dk: Keys, input: string, how: string): void {
  if (!into.inputs.includes(input)) into.inputs.push(input);
  into.mergedBy.push(`${input} by ${how}`);
  const notes = into.evidence.notes ?? [];
  if (dk.ip && k.ip && dk.ip !== k.ip) notes.push(`${input} also places this device at ${dk.ip}`);
  if (dk.host && k.host && dk.host !== k.host) notes.push(`${input} also names it ${d.hostname}`);
  into.mac ??= dk.mac;
  into.ip ??= d.ip;
  into.hostname ??= d.hostname;
  k.mac ??= dk.mac;
  k.ip ??= dk.ip;
  k.host ??= dk.host;
  const seen = new Set(into.evidence.items.map(itemKey));
  for (const item of d.evidence.items) {
    if (seen.has(itemKey(item))) continue;
    seen.add(itemKey(item));
    into.evidence.items.push(item);
  }
  for (const n of d.evidence.notes ?? []) if (!notes.includes(n)) notes.push(n);
  if (notes.length) into.evidence.notes = notes;
}

const itemKey = (i: EvidenceItem) => `${i.field}\u0000${i.value}\u0000${i.source}`;
