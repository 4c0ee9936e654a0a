/**
 * Evidence from the text formats an engineer pastes or a tool writes for one device: HTTP/RTSP
 * headers, certificate dumps, SNMP walks, key=value CGI replies, ONVIF/ISAPI XML, JSON. Pure functions;
 * each tolerates truncation and returns whatever it recognised.
 */
import type { EvidenceField, EvidenceItem } from './types.ts';
import { xmlLeaves, xmlLeavesLoose, type XmlLeaf } from './xml-safe.ts';

/** `Server:` and `WWW-Authenticate` realm lines of an HTTP or RTSP exchange. */
export function parseHttpHeaders(text: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  let rtsp = /^[ \t]*(?:RTSP\/\d|[A-Z]+ rtsp:\/\/)/m.test(text) && !/^[ \t]*HTTP\/\d/m.test(text);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^[|_\s]+/, '');
    if (/^RTSP\/\d/.test(line)) rtsp = true;
    else if (/^HTTP\/\d/.test(line)) rtsp = false;
    const server = /^Server:\s*(.+)$/i.exec(line);
    if (server) out.push({ field: rtsp ? 'rtsp-server' : 'http-server', value: server[1].trim(), source: `${source} Server header` });
    const realm = /realm="([^"]*)"?/i.exec(line);
    if (realm && /authenticate|realm=/i.test(line)) out.push({ field: 'http-realm', value: realm[1], source: `${source} realm` });
  }
  return out;
}

const DN_NAMES: Record<string, string> = {
  commonName: 'CN',
  organizationName: 'O',
  organizationalUnitName: 'OU',
  countryName: 'C',
  stateOrProvinceName: 'ST',
  localityName: 'L',
  emailAddress: 'emailAddress',
};

/** Subject/Issuer lines of `openssl x509 -text` or nmap's ssl-cert, with long attribute names shortened. */
export function parseCertText(text: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const m of text.matchAll(/^[ \t|_]*(Subject|Issuer)[ \t]*:[ \t]*(.+)$/gim)) {
    const dn = m[2].replace(/\b([a-zA-Z]+)=/g, (all, k: string) => (DN_NAMES[k] ? `${DN_NAMES[k]}=` : all)).replace(/\//g, ', ');
    out.push({ field: m[1].toLowerCase() === 'subject' ? 'tls-subject' : 'tls-issuer', value: dn.trim(), source: `${source} ${m[1].toLowerCase()}` });
  }
  return out;
}

/** Private enterprise OIDs and well-known strings of an snmpwalk (net-snmp numeric or MIB-named output). */
export function parseSnmpWalk(text: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const oids = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    for (const m of line.matchAll(/(?:SNMPv2-SMI::enterprises|iso\.3\.6\.1\.4\.1|\.?1\.3\.6\.1\.4\.1)\.(\d+)((?:\.\d+)*)/g)) {
      oids.add(`1.3.6.1.4.1.${m[1]}${m[2]}`);
    }
    const kv = /^(\S+)\s*=\s*(?:STRING|Hex-STRING|OID):\s*"?(.*?)"?\s*$/.exec(line);
    if (!kv) continue;
    const [, name, value] = kv;
    if (/sysDescr|(?:^|\.)1\.3\.6\.1\.2\.1\.1\.1\.0$|^iso\.3\.6\.1\.2\.1\.1\.1\.0$/.test(name))
      out.push({ field: 'snmp-sysdescr', value, source: `${source} sysDescr` });
    else if (/entPhysicalMfgName|(?:^|\.)1\.3\.6\.1\.2\.1\.47\.1\.1\.1\.1\.12\./.test(name) && value)
      out.push({ field: 'manufacturer', value, source: `${source} entPhysicalMfgName` });
    else if (/entPhysicalModelName|(?:^|\.)1\.3\.6\.1\.2\.1\.47\.1\.1\.1\.1\.13\./.test(name) && value)
      out.push({ field: 'model', value, source: `${source} entPhysicalModelName` });
    else if (/sysName/.test(name) && value) out.push({ field: 'text', value, source: `${source} sysName` });
  }
  // One OID per enterprise number is enough evidence; keep the shortest of each.
  const byPen = new Map<string, string>();
  for (const o of oids) {
    const pen = o.split('.')[6];
    const prev = byPen.get(pen);
    if (!prev || o.length < prev.length) byPen.set(pen, o);
  }
  for (const o of byPen.values()) out.push({ field: 'snmp-oid', value: o, source: `${source} enterprise OID` });
  return out;
}

const KEY_FIELDS: Record<string, EvidenceField> = {
  devicetype: 'model',
  devicemodel: 'model',
  model: 'model',
  modelname: 'model',
  modelnumber: 'model',
  model_name: 'model',
  devicemodelname: 'model',
  hardwareid: 'onvif-hardware',
  manufacturer: 'manufacturer',
  devicemanufacturer: 'manufacturer',
  mfr: 'manufacturer',
  firmwareversion: 'firmware',
  firmware: 'firmware',
  serialnumber: 'serial',
  serialno: 'serial',
  macaddress: 'mac',
  mac: 'mac',
  hwaddr: 'mac',
};

/** `key=value` lines (Dahua magicBox.cgi, /cgi-bin/…) and `key: value` lines of logs. */
export function parseKeyValues(text: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const m of text.matchAll(/^[ \t"]*(?:[\w.]+\.)?([A-Za-z_]+)[ \t]*=[ \t]*"?([^"\r\n]{1,200}?)"?[ \t]*$/gm)) {
    const field = KEY_FIELDS[m[1].toLowerCase()];
    if (field) out.push({ field, value: m[2].trim(), source: `${source} ${m[1]}=` });
  }
  return out;
}

/** Leaves of an ONVIF / ISAPI / UPnP XML document (or of a truncated one). */
export function parseXmlDoc(text: string, source: string, file?: string): { items: EvidenceItem[]; complete: boolean } {
  const leaves = xmlLeaves(text, file);
  const list: XmlLeaf[] = leaves ?? xmlLeavesLoose(text);
  const items: EvidenceItem[] = [];
  for (const leaf of list) {
    const tag = leaf.tag.replace(/^.*@/, '').toLowerCase();
    const field = KEY_FIELDS[tag];
    if (field) items.push({ field, value: leaf.value, source: `${source} <${leaf.tag}>` });
    else if (tag === 'scopes') items.push(...onvifScopes(leaf.value, source));
    else if (tag === 'devicename' || tag === 'friendlyname' || tag === 'xaddrs')
      items.push({ field: 'text', value: leaf.value, source: `${source} <${leaf.tag}>` });
  }
  return { items, complete: leaves !== undefined };
}

/** WS-Discovery scopes: onvif://www.onvif.org/name/HIKVISION, …/hardware/DS-2CD2143G2-I */
export function onvifScopes(scopes: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const s of scopes.split(/\s+/)) {
    const m = /^onvif:\/\/www\.onvif\.org\/(name|hardware|mac)\/(.+)$/i.exec(s);
    if (!m) continue;
    let v = m[2];
    try {
      v = decodeURIComponent(v);
    } catch {
      /* keep raw */
    }
    const kind = m[1].toLowerCase();
    out.push({ field: kind === 'name' ? 'manufacturer' : kind === 'mac' ? 'mac' : 'onvif-hardware', value: v, source: `${source} scope ${kind}` });
  }
  return out;
}

/** Keys of a JSON reply (ISAPI JSON, Dahua RPC2 results); tolerant regex pass when the JSON is cut. */
export function parseJsonDoc(text: string, source: string): { items: EvidenceItem[]; complete: boolean } {
  const items: EvidenceItem[] = [];
  let complete = true;
  try {
    walkJson(JSON.parse(text), items, source, 0);
  } catch {
    complete = false;
    for (const m of text.matchAll(/"([A-Za-z_]+)"\s*:\s*"([^"]{1,200})"/g)) {
      const field = KEY_FIELDS[m[1].toLowerCase()];
      if (field) items.push({ field, value: m[2], source: `${source} "${m[1]}"` });
    }
  }
  return { items, complete };
}

function walkJson(node: unknown, out: EvidenceItem[], source: string, depth: number): void {
  if (depth > 20 || node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') {
      const field = KEY_FIELDS[k.toLowerCase()];
      if (field && String(v).trim()) out.push({ field, value: String(v).trim(), source: `${source} "${k}"` });
    } else walkJson(v, out, source, depth + 1);
  }
}
