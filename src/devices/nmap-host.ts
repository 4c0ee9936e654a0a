/** One nmap host (from -oX) turned into uniform evidence. Pure. */
import type { DeviceInput, EvidenceItem } from './types.ts';
import { parseHttpHeaders, parseCertText } from './text-evidence.ts';

export interface NmapScript {
  id: string;
  output: string;
}

export interface NmapPort {
  protocol: string;
  portid: string;
  state?: string;
  service?: Record<string, string>;
  cpes: string[];
  scripts: NmapScript[];
}

export interface NmapHost {
  status?: string;
  addresses: { addr: string; addrtype: string; vendor?: string }[];
  hostnames: string[];
  ports: NmapPort[];
  hostscripts: NmapScript[];
  osmatches: string[];
  /** Line where the <host> element started, for messages. */
  line: number;
}

export function nmapHostToDevice(host: NmapHost, file: string): DeviceInput {
  const ip = host.addresses.find((a) => a.addrtype === 'ipv4')?.addr ?? host.addresses.find((a) => a.addrtype === 'ipv6')?.addr;
  const macAddr = host.addresses.find((a) => a.addrtype === 'mac');
  const ref = ip ?? macAddr?.addr ?? `line ${host.line}`;
  const at = `${file} host ${ref}`;
  const items: EvidenceItem[] = [];
  if (macAddr) items.push({ field: 'mac', value: macAddr.addr, source: `${at} mac address` });
  for (const h of host.hostnames) items.push({ field: 'hostname', value: h, source: `${at} hostname` });
  for (const p of host.ports) {
    if (p.state && p.state !== 'open' && p.state !== 'open|filtered') continue;
    const where = `${at} port ${p.portid}`;
    const svc = p.service ?? {};
    const product = [svc.product, svc.version, svc.extrainfo].filter(Boolean).join(' ');
    if (product) items.push({ field: 'service-product', value: product, source: `${where} service` });
    if (svc.devicetype) items.push({ field: 'text', value: svc.devicetype, source: `${where} service devicetype` });
    if (svc.name === 'rtsp' && svc.product) items.push({ field: 'rtsp-server', value: svc.product, source: `${where} service` });
    for (const cpe of p.cpes) items.push({ field: 'text', value: cpe, source: `${where} cpe` });
    for (const s of p.scripts) items.push(...scriptEvidence(s, `${where} ${s.id}`));
  }
  for (const s of host.hostscripts) items.push(...scriptEvidence(s, `${at} ${s.id}`));
  for (const os of host.osmatches) items.push({ field: 'text', value: os, source: `${at} osmatch` });
  return { ref, ip, mac: macAddr?.addr, hostname: host.hostnames[0], evidence: { items } };
}

function scriptEvidence(s: NmapScript, source: string): EvidenceItem[] {
  const out = s.output.trim();
  if (!out) return [];
  switch (s.id) {
    case 'http-server-header':
      return out.split('\n').map((v) => ({ field: 'http-server' as const, value: v.trim(), source }));
    case 'http-title':
      return [{ field: 'http-title', value: out.replace(/\s*Requested resource was .*$/s, ''), source }];
    case 'snmp-sysdescr':
      return [{ field: 'snmp-sysdescr', value: out, source }];
    case 'ssl-cert':
      return parseCertText(out, source);
    case 'http-headers':
    case 'rtsp-methods':
    case 'http-auth':
      return [...parseHttpHeaders(out, source), { field: 'text', value: out, source }];
    default:
      return [{ field: 'text', value: out, source }];
  }
}
