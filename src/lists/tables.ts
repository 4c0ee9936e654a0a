import Type, { type Static } from 'typebox';
import { loadDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { listCountryNames } from '../names/countries.ts';

/** data/list-import.yml */
export const ListImportFile = Type.Object(
  {
    consPrograms: Type.Array(Type.Object({ prefix: Type.String(), list: Type.String() }, { additionalProperties: false })),
    consDefault: Type.String(),
    identifierTypes: Type.Array(Type.Object({ type: Type.String(), prop: Type.String() }, { additionalProperties: false })),
    companyWords: Type.Array(Type.String()),
    tableLists: Type.Optional(Type.Array(Type.Object({ listId: Type.String(), list: Type.String() }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);
type ImportTables = Static<typeof ListImportFile>;

let countries: Map<string, string> | undefined;
let tables: (ImportTables & { companySet: Set<string> }) | undefined;

function countryKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function countryTable(): Map<string, string> {
  if (countries) return countries;
  countries = new Map();
  for (const [code, names] of listCountryNames()) {
    countries.set(code, code);
    for (const n of names) countries.set(countryKey(n), code);
  }
  return countries;
}

function importTables(): ImportTables & { companySet: Set<string> } {
  if (tables) return tables;
  tables = readImportTables(dataPath('list-import.yml'));
  return tables;
}

export function readImportTables(path: string): ImportTables & { companySet: Set<string> } {
  const raw = loadDataFile(path, ListImportFile);
  return { ...raw, companySet: new Set(raw.companyWords.map((w) => w.toLowerCase())) };
}

/** ISO-2 lower-case code for a country name or code ("Korea, North" -> "kp", "CN" -> "cn"), else undefined. */
export function countryCode(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const key = countryKey(text);
  if (!key) return undefined;
  return countryTable().get(key);
}

/**
 * Country of a free-text address: its last comma-separated part ("…, Hangzhou 310052, China."), tried with
 * and without digits; falls back to the last two / last word ("Moscow 123376 Russia").
 */
export function countryOfAddress(address: string): string | undefined {
  const cleaned = address.replace(/\([^)]*\)/g, ' ').replace(/[.;\s]+$/, '');
  const parts = cleaned
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (let i = parts.length - 1; i >= Math.max(0, parts.length - 2); i--) {
    const part = parts[i]!;
    const code = countryCode(part) ?? countryCode(part.replace(/[0-9-]+/g, ' '));
    if (code && !(part.length === 2 && i < parts.length - 1)) return code;
  }
  const words = countryKey(parts.at(-1) ?? '').split(' ');
  for (const n of [3, 2, 1]) {
    if (words.length < n) continue;
    const tail = words.slice(-n).join(' ');
    if (tail.length > 2) {
      const code = countryCode(tail);
      if (code) return code;
    }
  }
  return undefined;
}

/** FtM property an identifier type maps to ("Tax ID No." -> taxNumber); unknown types -> idNumber. */
export function identifierProp(type: string): string {
  const t = type.trim().toLowerCase();
  for (const rule of importTables().identifierTypes) {
    if (t.startsWith(rule.type.toLowerCase())) return rule.prop;
  }
  return 'idNumber';
}

/** All identifier type names from the table, longest first (for scanning remarks). */
let typeNames: string[] | undefined;
export function identifierTypeNames(): string[] {
  typeNames ??= importTables()
    .identifierTypes.map((r) => r.type)
    .sort((a, b) => b.length - a.length);
  return typeNames;
}

/** List code for an OFAC consolidated (non-SDN) entry from its programs ("CMIC-EO13959" -> CMIC). */
export function consListCode(programs: string[]): string {
  const t = importTables();
  for (const rule of t.consPrograms) {
    const prefix = rule.prefix.toUpperCase();
    if (programs.some((p) => p.toUpperCase().startsWith(prefix))) return rule.list;
  }
  return t.consDefault;
}

/** True if a name carries a legal-form word ("Co., Ltd.", "LLC", "GmbH", 有限公司…). */
export function looksLikeCompany(name: string): boolean {
  if (/公司/.test(name)) return true;
  const { companySet } = importTables();
  const words = name
    .toLowerCase()
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/);
  return words.some((w) => w && companySet.has(w));
}

/** List code for a list table's `list_id` ("dhs-uflpa" -> UFLPA), or undefined when the table is not one we read. */
export function tableListCode(listId: string): string | undefined {
  return (importTables().tableLists ?? []).find((r) => r.listId === listId)?.list;
}
