/**
 * Evidence -> signals: every rule of data/devices/*.yml applied to the fields it reads, plus the MAC
 * OUI lookup. Pure: same evidence, same signals.
 */
import type { DeviceSignal, Evidence, EvidenceField, EvidenceItem } from './types.ts';
import { rules, brandInfo, MODEL_TOKEN_START, type FingerprintRule, type RuleSet } from './rules.ts';
import { classifyMac } from './oui.ts';
import { normaliseMac } from './mac.ts';

/** Fields holding one model string (rules anchored at the start). */
const MODEL_FIELDS: EvidenceField[] = ['model', 'onvif-model', 'onvif-hardware'];
/** Fields where a model number may appear inside other text. */
const MODEL_TEXT_FIELDS: EvidenceField[] = ['text', 'service-product', 'snmp-sysdescr', 'http-title', 'http-realm', 'firmware', 'manufacturer', 'hostname'];

/** Weight kept for a model number found in a hostname: people name hosts after models, or anything. */
const HOSTNAME_MODEL_FACTOR = 0.5;

export function extractSignals(evidence: Evidence): DeviceSignal[] {
  const out: DeviceSignal[] = [];
  const set = rules();
  const { models } = set;
  const { anyModelInText, fingerprintsOn } = prefilters(set);
  for (const item of evidence.items) {
    if (item.field === 'mac') {
      const s = macSignal(item);
      if (s) out.push(s);
      continue;
    }
    if (MODEL_FIELDS.includes(item.field)) {
      const value = item.value.trim();
      for (const r of models) {
        if (!r.anchored.test(value)) continue;
        out.push({
          kind: 'model',
          value: cleanModel(value),
          source: item.source,
          maker: r.maker,
          brand: r.brand,
          weight: r.weight,
          rule: r.id,
          ruleSource: r.source,
          strength: 'strong',
        });
      }
    } else if (MODEL_TEXT_FIELDS.includes(item.field) && anyModelInText.test(item.value)) {
      for (const r of models) {
        // exec, not matchAll: matchAll copies the regex on every call (every model rule × every text field of every host).
        r.inText.lastIndex = 0;
        for (let m = r.inText.exec(item.value); m; m = r.inText.exec(item.value)) {
          if (m[0] === '') r.inText.lastIndex++; // as matchAll steps past an empty match
          const hostname = item.field === 'hostname';
          out.push({
            kind: hostname ? 'hostname' : 'model',
            value: cleanModel(m[0]),
            source: item.source,
            maker: r.maker,
            brand: r.brand,
            weight: hostname ? r.weight * HOSTNAME_MODEL_FACTOR : r.weight,
            rule: r.id,
            ruleSource: r.source,
            strength: hostname ? 'weak' : 'strong',
          });
        }
      }
    }
    const prints = fingerprintsOn.get(item.field);
    if (!prints?.any.test(item.value)) continue;
    for (const r of prints.rules) {
      const s = fingerprintSignal(r, item);
      if (s) out.push(s);
    }
  }
  return dedupe(out);
}

/**
 * One regex per field that matches where any of the rules would (their patterns as alternatives, same flags):
 * most evidence (an OpenSSH banner, a Windows RPC port) matches none, and one test replaces dozens. Only a value
 * that passes is read rule by rule, so the signals are the same.
 */
interface Prefilters {
  /** Some model rule matches somewhere in the text (inText without its token tail, which may be empty). */
  anyModelInText: RegExp;
  /** The fingerprint rules reading each field, in file order, and the union of their patterns. */
  fingerprintsOn: Map<EvidenceField, { any: RegExp; rules: FingerprintRule[] }>;
}
const prefilterCache = new WeakMap<RuleSet, Prefilters>();

function prefilters(set: RuleSet): Prefilters {
  let p = prefilterCache.get(set);
  if (p) return p;
  const union = (sources: string[]) => sources.map((s) => `(?:${s})`).join('|') || '(?!)';
  const anyModelInText = new RegExp(`${MODEL_TOKEN_START}(?:${union(set.models.map((r) => r.pattern))})`, 'i');
  const fingerprintsOn = new Map<EvidenceField, { any: RegExp; rules: FingerprintRule[] }>();
  for (const field of new Set(set.fingerprints.flatMap((r) => r.on))) {
    const onField = set.fingerprints.filter((r) => r.on.includes(field));
    fingerprintsOn.set(field, { any: new RegExp(union(onField.map((r) => r.re.source)), 'im'), rules: onField });
  }
  p = { anyModelInText, fingerprintsOn };
  prefilterCache.set(set, p);
  return p;
}

function fingerprintSignal(r: FingerprintRule, item: EvidenceItem): DeviceSignal | undefined {
  const m = r.re.exec(item.value);
  if (!m) return undefined;
  let maker = r.maker;
  let brand: string | undefined;
  if (r.brandFromMatch) {
    const name = (m[1] ?? m[0]).trim();
    const b = brandInfo(name);
    if (b) brand = b.brand;
    else maker = maker ?? titleCase(name);
    // A brand found by name: its maker comes from the knowledge pack (World) or data/devices/brands.yml.
    if (!maker && !brand) return undefined;
  }
  if (r.makerFromMatch) maker = titleCase((m[1] ?? m[0]).trim());
  return {
    kind: r.kind,
    value: snippet(item.value, m.index),
    source: item.source,
    maker,
    brand,
    weight: r.weight,
    rule: r.id,
    ruleSource: r.source,
    strength: r.strength,
  };
}

const OUI_SOURCE = 'IEEE registry via oui-data; data/devices/oui-makers.yml';

/** Written out, not `{ ...base, value }`: V8 builds spread copies slowly, and every host has a MAC. Keys keep their order. */
function macSignal(item: EvidenceItem): DeviceSignal | undefined {
  const mac = normaliseMac(item.value);
  if (!mac) return undefined;
  const v = classifyMac(mac);
  const { source } = item;
  if (!v.hit) {
    const value = `${mac} (${v.reason === 'unregistered' ? 'not in the IEEE registry' : `${v.reason}: no vendor`})`;
    return { kind: 'mac-oui', source, strength: 'weak', ruleSource: OUI_SOURCE, value, weight: 0, rule: `oui-${v.reason}` };
  }
  const value = `${mac} → ${v.hit.organisation} (${v.hit.registry} ${v.hit.prefix})`;
  if (v.maker)
    return { kind: 'mac-oui', source, strength: 'weak', ruleSource: OUI_SOURCE, value, maker: v.maker, brand: v.brand, weight: 0.6, rule: 'oui-covered-maker' };
  if (v.module) {
    const said = `${value}: radio/NIC module maker, says nothing about the device`;
    return { kind: 'mac-oui', source, strength: 'weak', ruleSource: OUI_SOURCE, value: said, weight: 0, rule: 'oui-module' };
  }
  const said = `${value}: vendor, not a covered maker`;
  return { kind: 'mac-oui', source, strength: 'weak', ruleSource: OUI_SOURCE, value: said, maker: v.hit.organisation, weight: 0.3, rule: 'oui-other-vendor' };
}

/**
 * One signal per rule (per MAC for OUI rules): the same banner seen on three ports, or a model found both
 * in its field and in the raw text, is one piece of evidence. The first (most specific field) is kept.
 */
function dedupe(signals: DeviceSignal[]): DeviceSignal[] {
  const seen = new Map<string, DeviceSignal>();
  for (const s of signals) {
    const key = s.kind === 'mac-oui' ? `${s.rule}\u0000${s.value}` : s.rule;
    const prev = seen.get(key);
    if (!prev || s.weight > prev.weight) seen.set(key, s);
  }
  return [...seen.values()];
}

function cleanModel(s: string): string {
  return s
    .trim()
    .replace(/[.,;:)]+$/, '')
    .slice(0, 80);
}

function snippet(value: string, at: number): string {
  const line = value.slice(value.lastIndexOf('\n', at) + 1).split('\n')[0];
  return line.trim().slice(0, 160);
}

function titleCase(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}
