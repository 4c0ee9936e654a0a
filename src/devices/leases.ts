/**
 * DHCP leases (ISC dhcpd.leases, dnsmasq) and ARP/neighbour tables (`arp -a` on Linux, macOS and
 * Windows, `ip neigh`, Cisco `show arp`). Pure parsers over the file text; one device per MAC.
 */
import type { DeviceInput, EvidenceItem } from './types.ts';
import { normaliseMac } from './mac.ts';
import { badInput } from '../errors.ts';

interface Row {
  ip?: string;
  mac?: string;
  hostname?: string;
  vendorClass?: string;
  line: number;
}

function toDevices(rows: Row[], file: string, what: string): DeviceInput[] {
  // The last lease/entry for a MAC wins (dhcpd appends renewals).
  const byKey = new Map<string, Row>();
  for (const r of rows) byKey.set(r.mac ?? r.ip ?? String(r.line), r);
  return [...byKey.values()].map((r) => {
    const at = `${file} line ${r.line}`;
    const items: EvidenceItem[] = [];
    if (r.mac) items.push({ field: 'mac', value: r.mac, source: `${at} ${what} MAC` });
    if (r.hostname) items.push({ field: 'hostname', value: r.hostname, source: `${at} hostname` });
    if (r.vendorClass) items.push({ field: 'text', value: r.vendorClass, source: `${at} vendor-class-identifier` });
    return { ref: `line ${r.line}`, ip: r.ip, mac: r.mac, hostname: r.hostname, evidence: { items } };
  });
}

export function parseDhcpdLeases(text: string, file: string): DeviceInput[] {
  const rows: Row[] = [];
  // Linear: blanks as [ \t]* (\s* at a line start runs on over the blank lines after it, from every line
  // start), a body that stops at the next brace, lines counted on from the last match (fuzz: hangs on each).
  const re = /^[ \t]*lease\s+([0-9a-fA-F.:]+)\s*\{([^{}]*?)^[ \t]*\}/gm;
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(re)) {
    line += countNewlines(text, counted, m.index);
    counted = m.index;
    const body = m[2];
    const hw = /hardware\s+ethernet\s+([^;\s]+);/.exec(body)?.[1];
    const mac = normaliseMac(hw);
    if (hw && !mac) throw badInput(`malformed MAC "${hw}" in lease`, { file, line });
    rows.push({
      ip: m[1],
      mac,
      hostname: /client-hostname\s+"([^"]*)"/.exec(body)?.[1],
      vendorClass: /set\s+vendor-class-identifier\s*=\s*"([^"]*)"/.exec(body)?.[1],
      line,
    });
  }
  return toDevices(rows, file, 'lease');
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** dnsmasq.leases: `expiry mac ip hostname client-id` per line (`*` = unknown). */
export function parseDnsmasqLeases(text: string, file: string): DeviceInput[] {
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    if (f.length < 3 || !/^\d+$/.test(f[0])) return;
    if (f[0] === 'duid') return;
    const mac = normaliseMac(f[1]);
    if (!mac) throw badInput(`malformed MAC "${f[1]}"`, { file, line: i + 1 });
    rows.push({ mac, ip: f[2], hostname: f[3] && f[3] !== '*' ? f[3] : undefined, line: i + 1 });
  });
  return toDevices(rows, file, 'lease');
}

const MAC_TOKEN = '((?:[0-9a-fA-F]{1,2}[:-]){5}[0-9a-fA-F]{1,2}|[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4})';
const IP_TOKEN = '(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]+)';

/** ARP and neighbour tables in the formats of Linux, macOS, Windows, iproute2 and Cisco IOS. */
export function parseArp(text: string, file: string): DeviceInput[] {
  const rows: Row[] = [];
  const patterns = [
    new RegExp(`^(\\S+)\\s+\\(${IP_TOKEN}\\)\\s+at\\s+${MAC_TOKEN}`), // arp -a (Linux/macOS): name (ip) at mac
    new RegExp(`^${IP_TOKEN}\\s+dev\\s+\\S+\\s+lladdr\\s+${MAC_TOKEN}`), // ip neigh
    new RegExp(`^Internet\\s+${IP_TOKEN}\\s+\\S+\\s+${MAC_TOKEN}`), // Cisco show arp
    new RegExp(`^${IP_TOKEN}\\s+${MAC_TOKEN}\\s+\\w+`), // Windows arp -a
    new RegExp(`^${IP_TOKEN}\\s+\\S+\\s+${MAC_TOKEN}`), // Linux arp -n: ip hwtype mac
  ];
  text.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim();
    for (const [n, re] of patterns.entries()) {
      const m = re.exec(l);
      if (!m) continue;
      const [ip, macRaw, name] = n === 0 ? [m[2], m[3], m[1] !== '?' ? m[1] : undefined] : [m[1], m[2], undefined];
      const mac = normaliseMac(macRaw);
      if (mac && mac !== 'FF:FF:FF:FF:FF:FF') rows.push({ ip, mac, hostname: name, line: i + 1 });
      break;
    }
  });
  return toDevices(rows, file, 'ARP');
}
