/**
 * Shapes of the equipment screening: raw evidence read from scans and pastes, the signals rules find in
 * it, and the attribution + covered-equipment verdict built from the signals.
 */

/** Where a value was seen: evidence fields the rules in data/devices/*.yml read. */
export type EvidenceField =
  | 'mac'
  | 'manufacturer'
  | 'model'
  | 'hostname'
  | 'http-server'
  | 'http-realm'
  | 'http-title'
  | 'http-body'
  | 'rtsp-server'
  | 'tls-subject'
  | 'tls-issuer'
  | 'snmp-oid'
  | 'snmp-sysdescr'
  | 'onvif-manufacturer'
  | 'onvif-model'
  | 'onvif-hardware'
  | 'service-product'
  | 'firmware'
  | 'serial'
  | 'text';

export interface EvidenceItem {
  field: EvidenceField;
  value: string;
  /** Where in the input, e.g. "scan.xml host 10.0.0.5 port 80 http-server-header". */
  source: string;
}

/** Everything observed about one device, uniform across input formats. */
export interface Evidence {
  items: EvidenceItem[];
  /** Notes on partial or doubtful input (truncated paste, unparsable XML...). */
  notes?: string[];
}

export interface DeviceSignal {
  kind: string;
  value: string;
  source: string;
  maker?: string;
  brand?: string;
  weight: number;
  rule: string;
  ruleSource?: string;
  /** Strong signals alone can give a "covered" verdict; weak ones only "likely covered". */
  strength?: 'strong' | 'weak';
}

export interface CoverageFinding {
  rule: 'NDAA889' | 'FCC' | 'EL';
  listCode: string;
  list: string;
  since?: string;
  citation?: string;
  makerEntityId?: string;
}

/**
 * covered: made by a §889 / FCC Covered List maker (or its subsidiary or affiliate) on strong signals;
 * likely covered: the same on weak signals only; listed maker: made by a company on another list (e.g. the
 * Entity List) but not §889-covered; not identified: no maker found (a randomised MAC says nothing);
 * not covered: the maker is identified and tied to no listed party.
 */
export type Verdict = 'covered' | 'likely covered' | 'listed maker' | 'not identified' | 'not covered';

export const VERDICTS: readonly Verdict[] = ['covered', 'likely covered', 'listed maker', 'not identified', 'not covered'];

/** Verdicts a user must act on (replace, or confirm the model). */
export function isFlagged(v: Verdict): boolean {
  return v === 'covered' || v === 'likely covered' || v === 'listed maker';
}

export interface DeviceAttribution {
  manufacturer: string | null;
  brand: string | null;
  model: string | null;
  confidence: number;
  verdict: Verdict;
  /** The rule behind the verdict, in words: "NDAA §889(f)(3)(B) / FCC Covered List: made by Hikvision". */
  rule: string;
  signals: DeviceSignal[];
  coverage: CoverageFinding[];
  path: string[];
  /** Caveats shown with the verdict (partial evidence, dated brand links, §889 scope). */
  notes?: string[];
}

export interface DeviceRecord {
  /** The input files that mention the device, joined with " + ". */
  input: string;
  inputs?: string[];
  /** How records of several inputs were joined into this device ("dhcpd.leases by MAC …"). */
  mergedBy?: string[];
  ref: string;
  ip?: string;
  mac?: string;
  hostname?: string;
  attribution: DeviceAttribution;
}

/** One device as read from an input file, before attribution. */
export interface DeviceInput {
  ref: string;
  ip?: string;
  mac?: string;
  hostname?: string;
  evidence: Evidence;
}

export type InputFormat = 'nmap' | 'inventory' | 'dhcpd' | 'dnsmasq' | 'arp' | 'onvif' | 'http';
