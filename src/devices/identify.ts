/**
 * identify(text): the evidence an engineer has for one device, pasted as plain text (nmap -oN, an HTTP
 * or RTSP exchange, an SNMP walk, ONVIF/ISAPI XML or JSON, Dahua CGI replies, an openssl x509 dump, a
 * log line). Every recogniser runs; partial input gives a partial answer with a note saying so.
 */
import type { World } from '../graph/types.ts';
import type { DeviceAttribution, Evidence, EvidenceItem } from './types.ts';
import { attribute, type AttributeOptions } from './attribute.ts';
import { findMacs } from './mac.ts';
import { parseCertText, parseHttpHeaders, parseJsonDoc, parseKeyValues, parseSnmpWalk, parseXmlDoc } from './text-evidence.ts';

/** Pastes larger than this are cut: identify is for one device, not for a whole scan. */
export const IDENTIFY_MAX_CHARS = 1_000_000;

export function identify(text: string, world?: World, opts: AttributeOptions = {}): DeviceAttribution {
  return attribute(textEvidence(text), world, opts);
}

export function textEvidence(input: string, source = 'pasted text'): Evidence {
  const notes: string[] = [];
  let text = input.replace(/^\uFEFF/, '');
  if (text.length > IDENTIFY_MAX_CHARS) {
    text = text.slice(0, IDENTIFY_MAX_CHARS);
    notes.push(`only the first ${IDENTIFY_MAX_CHARS} characters were read`);
  }
  const items: EvidenceItem[] = [];

  const xmlStart = text.search(/<\?xml|<(?:[\w-]+:)?(?:Envelope|DeviceInfo|GetDeviceInformationResponse|ProbeMatches|root)\b/);
  if (xmlStart >= 0) {
    const end = text.lastIndexOf('>');
    const xml = parseXmlDoc(text.slice(xmlStart, end + 1), `${source} XML`);
    items.push(...xml.items);
    if (!xml.complete) notes.push('the XML is not well formed (truncated?): values were read from the complete elements only');
  }
  const jsonStart = text.search(/^[ \t]*[{[]/m); // Not \s*: from every line start it would run on over the blank lines after.
  if (jsonStart >= 0 && xmlStart < 0) {
    const json = parseJsonDoc(text.slice(jsonStart).trim(), `${source} JSON`);
    items.push(...json.items);
    if (!json.complete) notes.push('the JSON is incomplete: values were read from complete "key": "value" pairs');
  }
  items.push(...parseHttpHeaders(text, source));
  items.push(...parseCertText(text, source));
  items.push(...parseSnmpWalk(text, `${source} SNMP`));
  items.push(...parseKeyValues(text, source));
  items.push(...nmapNormal(text, source));
  for (const mac of findMacs(text)) items.push({ field: 'mac', value: mac, source: `${source} MAC` });
  items.push({ field: 'text', value: text, source });
  return { items, notes: notes.length ? notes : undefined };
}

/** nmap -oN lines: service table rows, MAC Address line, script output lines. */
function nmapNormal(text: string, source: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const m of text.matchAll(/^(\d+)\/(?:tcp|udp)\s+open\S*\s+(\S+)\s+(.+)$/gm)) {
    out.push({ field: 'service-product', value: m[3].trim(), source: `${source} port ${m[1]}` });
    if (m[2] === 'rtsp') out.push({ field: 'rtsp-server', value: m[3].trim(), source: `${source} port ${m[1]}` });
  }
  for (const m of text.matchAll(/^\|_?\s*http-server-header:\s*(.+)$/gm))
    out.push({ field: 'http-server', value: m[1].trim(), source: `${source} http-server-header` });
  for (const m of text.matchAll(/^\|_?\s*http-title:\s*(.+)$/gm)) out.push({ field: 'http-title', value: m[1].trim(), source: `${source} http-title` });
  for (const m of text.matchAll(/^\|_?\s*snmp-sysdescr:\s*(.+)$/gm))
    out.push({ field: 'snmp-sysdescr', value: m[1].trim(), source: `${source} snmp-sysdescr` });
  return out;
}
