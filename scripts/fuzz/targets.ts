/**
 * The readers under fuzz: each target names its seed files (the project's own fixtures and examples,
 * plus the hostile reproducers when present) and reads one input file to the end the way the
 * product does. A SightlineError is the reader's own answer to bad input; anything else is a bug.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Target {
  name: string;
  /** Seed files, relative to the repository root or absolute. */
  seeds: string[];
  /** ZIP containers: mutate the XML inside as well as the bytes. */
  zip?: boolean;
  /** Tokens worth inserting for this format. */
  tokens: string[];
  /** Other files the reader needs beside the input (OFAC legacy sets): copied next to it unmutated. */
  siblings?: string[];
}

const ROOT = new URL('../../', import.meta.url).pathname;
// The shared data folder sits beside the checkout (or beside the folder of worktrees).
export const HOSTILE_DIR =
  process.env.SIGHTLINE_HOSTILE_DIR ??
  [join(ROOT, '../shared/data/hostile'), join(ROOT, '../../shared/data/hostile')].find((d) => existsSync(d)) ??
  join(ROOT, '../shared/data/hostile');

/** Hostile files whose extension is one of `exts`: the shared reproducers when present, else the project's copies. */
function hostile(...exts: string[]): string[] {
  const own = ['test/fixtures/hostile', 'test/fixtures/hostile/crashes', 'test/fixtures/io'].map((d) => join(ROOT, d));
  const dirs = existsSync(HOSTILE_DIR) ? [HOSTILE_DIR, join(HOSTILE_DIR, 'crashes')] : own;
  const out: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (exts.includes(extname(f).toLowerCase())) out.push(join(dir, f));
  }
  return out;
}

const CSV = ['"', ',', '\n', '\r\n', ';', '\t', '""', '\0', '\uFEFF', '=cmd|', '\xff\xfe'];
const XML = [
  '<',
  '>',
  '&',
  '&amp;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '</',
  '/>',
  '"',
  "='",
  '<!DOCTYPE a>',
  '&#0;',
  '&#x110000;',
  'r="XFD1048576"',
  'r="A0"',
];
const JSON_TOKENS = ['{', '}', '[', ']', '"', ':', ',', '\\u', '\\ud800', '1e999', '-0', 'null', 'true', '\n'];
const TEXT = ['\n\n', '海康威视', 'Hikvision', '人脸识别', '\0', '\r', '\u202e', '\ud800', 'Content-Type: ', 'boundary=', '<html>', '%PDF-'];
const PDF = ['stream\n', 'endstream', 'obj', 'endobj', '<<', '>>', '/FlateDecode', '/Length 0', 'xref', 'trailer', '/Type /Page', '/Kids [', ' 0 R', '%%EOF'];

export const TARGETS: Target[] = [
  { name: 'csl-csv', seeds: ['test/fixtures/lists/csl-current.csv', 'test/fixtures/lists/csl-2019.csv'], tokens: CSV },
  { name: 'csl-json', seeds: ['test/fixtures/lists/csl-api.json'], tokens: JSON_TOKENS },
  {
    name: 'ofac-legacy',
    seeds: ['test/fixtures/lists/ofac-sdn/sdn.csv', 'test/fixtures/lists/ofac-sdn/add.csv', 'test/fixtures/lists/ofac-sdn/alt.csv'],
    siblings: ['test/fixtures/lists/ofac-sdn/sdn.csv', 'test/fixtures/lists/ofac-sdn/add.csv', 'test/fixtures/lists/ofac-sdn/alt.csv'],
    tokens: CSV,
  },
  { name: 'ofac-advanced', seeds: ['test/fixtures/lists/sdn_advanced.xml', ...hostile('.xml').filter((f) => /sdn/.test(f))], tokens: XML },
  { name: 'ftm', seeds: ['test/fixtures/lists/opensanctions.ftm.json'], tokens: JSON_TOKENS },
  {
    name: 'table-csv',
    seeds: ['examples/vendors.csv', 'examples/holdings.csv', 'test/fixtures/screen/vendors-malformed.csv', ...hostile('.csv')],
    tokens: CSV,
  },
  { name: 'table-json', seeds: ['test/fixtures/screen/vendors.json', 'test/fixtures/screen/vendors.jsonl', 'examples/vendors.jsonl'], tokens: JSON_TOKENS },
  { name: 'table-xlsx', seeds: ['examples/documents/equipment-list.xlsx', ...hostile('.xlsx')], zip: true, tokens: XML },
  {
    name: 'nmap',
    seeds: ['examples/devices/scan.xml', 'test/fixtures/devices/truncated-scan.xml', ...hostile('.xml').filter((f) => /nmap/.test(f))],
    tokens: XML,
  },
  {
    name: 'leases',
    seeds: ['examples/devices/dhcpd.leases', 'test/fixtures/devices/dnsmasq.leases', 'test/fixtures/devices/arp-tables.txt'],
    tokens: ['{', '}', ';', '\n', 'lease ', 'hardware ethernet ', ':', ' ', '\0'],
  },
  { name: 'inventory', seeds: ['examples/devices/inventory.csv'], tokens: CSV },
  {
    name: 'identify',
    seeds: [
      'test/fixtures/devices/hikvision-401.http',
      'test/fixtures/devices/hikvision-cert.txt',
      'test/fixtures/devices/dahua-magicbox.txt',
      'test/fixtures/devices/dahua-nvr-snmpwalk.txt',
      'test/fixtures/devices/hikvision-isapi-deviceinfo.xml',
      'test/fixtures/devices/onvif-device-information.xml',
      'test/fixtures/devices/ws-discovery.xml',
    ],
    tokens: [...XML, ...JSON_TOKENS, '\r\n', 'Server: ', 'WWW-Authenticate: ', 'iso.3.6.1.2.1.1.1.0 = STRING: '],
  },
  { name: 'doc-pdf', seeds: ['examples/documents/campus-cctv-rfq.pdf', ...hostile('.pdf')], tokens: PDF },
  { name: 'doc-docx', seeds: ['examples/documents/police-video-analytics-tender.docx'], zip: true, tokens: XML },
  { name: 'doc-xlsx', seeds: ['examples/documents/equipment-list.xlsx', ...hostile('.xlsx')], zip: true, tokens: XML },
  { name: 'doc-html', seeds: ['examples/documents/city-camera-upgrade-notice.html'], tokens: [...XML, '<meta charset="gbk">', '<script>', '<table>', ...TEXT] },
  { name: 'doc-text', seeds: ['examples/documents/xinjiang-school-security-tender.txt', ...hostile('.csv')], tokens: TEXT },
  {
    name: 'doc-eml',
    seeds: ['test/fixtures/documents/tender-mail.eml'],
    tokens: [...TEXT, '--', '=?utf-8?B?', '=?gbk?Q?', 'Content-Transfer-Encoding: base64\n', '=\n', '=FF'],
  },
  { name: 'doc-zip', seeds: hostile('.zip').filter((f) => !/overlap/.test(f)), zip: true, tokens: TEXT },
];

export function targetByName(name: string): Target {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown fuzz target "${name}" (known: ${TARGETS.map((x) => x.name).join(', ')})`);
  return t;
}

/** Seed bytes of a target, missing files skipped. */
export function seedFiles(t: Target): { name: string; data: Buffer }[] {
  return t.seeds
    .map((s) => (s.startsWith('/') ? s : join(ROOT, s)))
    .filter((p) => existsSync(p))
    .map((p) => ({ name: p.slice(p.lastIndexOf('/') + 1), data: readFileSync(p) }));
}

export function repoPath(rel: string): string {
  return join(ROOT, rel);
}
