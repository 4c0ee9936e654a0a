/**
 * Equipment-screening benchmark: writes a 65,536-host nmap XML (a /16) into a temp dir, streams it
 * through readDevices + attribute, and prints {hosts, seconds, cpu_seconds, rss_mb_peak, by_verdict}.
 * Target (issue #28): 65,536 hosts in 3.9 s or less. `--check` adds `digest`, a hash of every attribution in
 * full (verdict, maker, signals, path, notes): equal digests before and after a change mean the same results
 * (hashing costs time: compare seconds without it). `--fp` also measures the model-rule false-positive rate on
 * ../shared/data/devices/brand-model-2017.jsonl (15k brand/model pairs of 560 camera brands).
 * Usage: npm run bench:devices [-- --hosts N] [-- --fp]
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readDevices, attribute, VERDICTS } from '../src/devices/index.ts';
import { matchModel } from '../src/devices/rules.ts';

const args = process.argv.slice(2);
const hostsWanted = Number(args[args.indexOf('--hosts') + 1]) || 65_536;

/** Host templates in the real nmap -oX shape; MAC prefixes are real IEEE assignments. */
const TEMPLATES: ((ip: string, mac: string) => string)[] = [
  (_ip, mac) =>
    `<address addr="04:EE:CD:${mac}" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/><hostnames></hostnames><ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" product="Hikvision IP camera httpd" method="probed" conf="10"/><script id="http-server-header" output="App-webs/"/></port><port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="rtsp" method="table" conf="3"/></port></ports><hostscript><script id="snmp-sysdescr" output="DS-2CD2143G2-I"/></hostscript>`,
  (_ip, mac) =>
    `<address addr="08:ED:ED:${mac}" addrtype="mac" vendor="Zhejiang Dahua Technology"/><hostnames></hostnames><ports><port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="rtsp" product="Dahua Rtsp Server" method="probed" conf="10"/></port><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" method="table" conf="3"/><script id="http-title" output="WEB SERVICE"/></port></ports>`,
  (_ip, mac) =>
    `<address addr="0C:A6:4C:${mac}" addrtype="mac" vendor="Hangzhou Ezviz Software"/><hostnames></hostnames><ports><port protocol="tcp" portid="8000"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http-alt" method="table" conf="3"/></port></ports>`,
  (_ip, mac) =>
    `<address addr="AC:CC:8E:${mac}" addrtype="mac" vendor="Axis Communications AB"/><hostnames><hostname name="axis-${mac.replace(/:/g, '').toLowerCase()}" type="PTR"/></hostnames><ports><port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="rtsp" product="AXIS P3245-LV Network Camera rtspd" method="probed" conf="10"/></port></ports>`,
  (ip, mac) =>
    `<address addr="10:98:19:${mac}" addrtype="mac" vendor="Dell"/><hostnames><hostname name="srv-${ip.replace(/\./g, '-')}.corp.example" type="PTR"/></hostnames><ports><port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="ssh" product="OpenSSH" version="9.2p1 Debian 2+deb12u3" extrainfo="protocol 2.0" ostype="Linux" method="probed" conf="10"><cpe>cpe:/a:openbsd:openssh:9.2p1</cpe></service></port><port protocol="tcp" portid="443"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" product="nginx" version="1.22.1" tunnel="ssl" method="probed" conf="10"/><script id="http-server-header" output="nginx/1.22.1"/><script id="ssl-cert" output="Subject: commonName=srv.corp.example&#xa;Issuer: commonName=R11/organizationName=Let&apos;s Encrypt/countryName=US"/></port></ports><os><osmatch name="Linux 5.0 - 5.14" accuracy="98" line="67890"/></os>`,
  (_ip, mac) =>
    `<address addr="10:51:07:${mac}" addrtype="mac" vendor="Intel Corporate"/><hostnames></hostnames><ports><port protocol="tcp" portid="135"><state state="open" reason="syn-ack" reason_ttl="128"/><service name="msrpc" product="Microsoft Windows RPC" ostype="Windows" method="probed" conf="10"/></port><port protocol="tcp" portid="445"><state state="open" reason="syn-ack" reason_ttl="128"/><service name="microsoft-ds" method="table" conf="3"/></port></ports>`,
  (_ip, mac) =>
    `<address addr="3C:2A:F4:${mac}" addrtype="mac" vendor="Brother Industries"/><hostnames></hostnames><ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" product="Debut embedded httpd" version="1.30" devicetype="printer" method="probed" conf="10"/><script id="http-title" output="Brother HL-L2350DW series"/></port></ports>`,
  () =>
    `<hostnames></hostnames><ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" method="table" conf="3"/></port></ports>`,
];

async function writeScan(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<nmaprun scanner="nmap" args="nmap -sV -oX scan.xml 10.0.0.0/16" start="1741000321" version="7.93" xmloutputversion="1.05">\n<scaninfo type="syn" protocol="tcp" numservices="1000" services="1-1000"/>\n`,
  );
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 8) & 255}.${i & 255}.${(i >> 16) & 255}`;
    const mac = [(i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
    const t = TEMPLATES[i % TEMPLATES.length];
    await write(
      `<host starttime="1741000330" endtime="1741000420"><status state="up" reason="arp-response" reason_ttl="0"/>\n<address addr="${ip}" addrtype="ipv4"/>\n${t(ip, mac)}\n<times srtt="1012" rttvar="211" to="100000"/>\n</host>\n`,
    );
  }
  await write(`<runstats><finished time="1741003000" elapsed="2679" exit="success"/><hosts up="${n}" down="0" total="${n}"/></runstats>\n</nmaprun>\n`);
  out.end();
  await once(out, 'finish');
}

function falsePositives(): Record<string, unknown> | undefined {
  const file = join(import.meta.dirname, '..', '..', 'shared', 'data', 'devices', 'brand-model-2017.jsonl');
  if (!existsSync(file)) return undefined;
  const covered = new Set(['Hikvision', 'Dahua', 'Huawei', 'ZTE', 'Hytera']);
  // Brands whose listed models are Dahua-made (their rules say so): positives for Dahua, not negatives.
  const oem: Record<string, string> = { Amcrest: 'Dahua', Lorex: 'Dahua' };
  let negatives = 0,
    fp = 0,
    positives = 0,
    tp = 0;
  const fpExamples: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let r: { Brand: string; Model: string };
    try {
      r = JSON.parse(line);
    } catch {
      r = JSON.parse(line.replace(/\\/g, '\\\\')); // a few lines carry Python-style \x escapes
    }
    const model = String(r.Model).trim().split(' - ')[0];
    const expected = covered.has(r.Brand) ? r.Brand : oem[r.Brand];
    const m = matchModel(model);
    const hit = m && m.covered !== false ? m.maker : undefined;
    if (expected) {
      positives++;
      if (hit === expected) tp++;
    } else {
      negatives++;
      if (hit) {
        fp++;
        if (fpExamples.length < 10) fpExamples.push(`${r.Brand} ${model} -> ${hit} (${m!.id})`);
      }
    }
  }
  return {
    negatives,
    false_positives: fp,
    fp_rate: +(fp / negatives).toFixed(5),
    positives,
    true_positives: tp,
    recall: +(tp / positives).toFixed(4),
    fp_examples: fpExamples,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-devices-'));
  const path = join(dir, 'scan-16.xml');
  try {
    await writeScan(path, hostsWanted);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const byVerdict: Record<string, number> = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
    let hosts = 0;
    const digest = args.includes('--check') ? createHash('sha256') : undefined;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for await (const d of readDevices([path])) {
      const a = attribute(d.evidence, undefined, { asOf: '2025-06-01' });
      byVerdict[a.verdict]++;
      digest?.update(`${JSON.stringify([d, a])}\n`);
      hosts++;
      if ((hosts & 1023) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = +((performance.now() - t0) / 1000).toFixed(2);
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const result: Record<string, unknown> = {
      hosts,
      seconds,
      cpu_seconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      rss_mb_peak: Math.round(peak / 1048576),
      by_verdict: byVerdict,
      ...(digest ? { digest: digest.digest('hex').slice(0, 16) } : {}),
    };
    if (args.includes('--fp')) result.model_rules = falsePositives() ?? 'brand-model-2017.jsonl not found';
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
