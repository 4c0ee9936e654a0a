/**
 * Parser for OFAC-style remarks ("DOB 10 Dec 1948; POB Giza, Egypt; Passport 1084010 (Egypt); ISIN CNE100000PM8;
 * Unified Social Credit Code (USCC) 91330000733796106P (China); Linked To: HUAWEI TECHNOLOGIES CO., LTD.").
 * Pure: text in, properties out. Items it cannot read are kept as `notes`.
 */
import { addValues, type Properties } from '../model/entity.ts';
import { countryCode, identifierProp, identifierTypeNames } from './tables.ts';
import { parseDate } from './dates.ts';

export interface RemarkInfo {
  /** Party properties: identifiers, birthDate, weakAlias, previousName, nationality, notes, ... */
  props: Properties;
  /** Names after "Linked To:" (to become UnknownLink entities). */
  linkedTo: string[];
  /** Dates from "Listing Date (...)" items, ISO, in order. */
  listingDates: string[];
  /** Sanction-level statements: effective/divestment dates, directives, secondary-sanctions notes. */
  sanctionNotes: string[];
}

/** Identifier properties whose "(Country)" is the party's country (not so for passports of people). */
const COUNTRY_IDS = new Set(['uscCode', 'registrationNumber', 'taxNumber', 'leiCode', 'imoNumber', 'swiftBic']);

const SANCTION_NOTE =
  /^(Effective Date|Purchase\/Sales For Divestment Date|Secondary sanctions risk|Additional Sanctions Information|Transactions Prohibited|Executive Order \d+ Directive|For more information on directives|Subject to Directive|Listing Date)/i;

/** Splits remarks into items on ";" outside single-quoted weak aliases and parentheses. */
export function splitRemarks(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ';' && depth === 0) {
      items.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  items.push(cur);
  return items.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The final item carries the record's closing period; keep it on abbreviations ("CO., LTD."). */
function dropFinalPeriod(item: string): string {
  if (!item.endsWith('.')) return item;
  if (/\b(LTD|INC|CO|CORP|LLC|JSC|S\.A|S\.L|B\.V|N\.V|P\.L\.C|L\.P|Jr|Sr)\.$/i.test(item)) return item;
  return item.slice(0, -1);
}

function addId(info: RemarkInfo, prop: string, raw: string): void {
  let value = raw.trim();
  let country: string | undefined;
  const paren = /\s*\(([^()]+)\)\s*(?:(?:issued|expires|alt\.)\b.*)?$/.exec(value);
  if (paren) {
    country = countryCode(paren[1]);
    value = value.slice(0, paren.index).trim();
  }
  value = value
    .replace(/\s+(issued|expires)\b.*$/i, '')
    .replace(/^(No\.|#|:|Number)\s*/i, '')
    .replace(/[.,]$/, '')
    .trim();
  if (prop === 'imoNumber') value = value.replace(/^IMO\s*/i, '');
  if (!value) return;
  addValues(info.props, prop, value);
  if (country && COUNTRY_IDS.has(prop)) addValues(info.props, 'country', country);
}

function typedIdentifier(info: RemarkInfo, item: string): boolean {
  for (const type of identifierTypeNames()) {
    if (item.length <= type.length || item.slice(0, type.length).toLowerCase() !== type.toLowerCase()) continue;
    const rest = item.slice(type.length);
    if (!/^[\s:#.]/.test(rest)) continue;
    // "Unified Social Credit Code (USCC) 9133…" — skip the parenthesised abbreviation after the type name.
    const value = rest.replace(/^\s*\([A-Z]{2,6}\)/, '').replace(/^\s*(No\.|#|:)?\s*/i, '');
    addId(info, identifierProp(type), value);
    return true;
  }
  return false;
}

/** Parses one remarks string. */
export function parseRemarks(text: string | undefined | null): RemarkInfo {
  const info: RemarkInfo = { props: {}, linkedTo: [], listingDates: [], sanctionNotes: [] };
  if (!text) return info;
  const items = splitRemarks(text.trim());
  if (items.length) items[items.length - 1] = dropFinalPeriod(items[items.length - 1]!);
  for (const raw of items) {
    const item = raw.replace(/^alt\.\s+/i, '');
    let m: RegExpExecArray | null;
    if ((m = /^(a\.k\.a\.|n\.k\.a\.)\s*,?\s*'(.+)'$/i.exec(item))) addValues(info.props, 'weakAlias', m[2]);
    else if ((m = /^f\.k\.a\.\s*,?\s*'(.+)'$/i.exec(item))) addValues(info.props, 'previousName', m[1]);
    else if ((m = /^Linked To:\s*(.+)$/i.exec(item))) info.linkedTo.push(m[1]!.trim());
    else if ((m = /^DOB\s+(.+)$/i.exec(item))) addValues(info.props, 'birthDate', parseDate(m[1]));
    else if ((m = /^POB\s+(.+)$/i.exec(item))) addValues(info.props, 'birthPlace', m[1]);
    else if ((m = /^nationality\s+(.+)$/i.exec(item))) addCountry(info, 'nationality', m[1]!);
    else if ((m = /^citizen\s+(.+)$/i.exec(item))) addCountry(info, 'citizenship', m[1]!);
    else if ((m = /^Gender\s*,?\s*(Male|Female)$/i.exec(item))) addValues(info.props, 'gender', m[1]!.toLowerCase());
    else if ((m = /^Listing Date\s*(?:\([^)]*\))?:?\s*(.+)$/i.exec(item))) {
      const d = parseDate(m[1]);
      if (d) info.listingDates.push(d);
      info.sanctionNotes.push(item);
    } else if (SANCTION_NOTE.test(item)) info.sanctionNotes.push(item);
    else if ((m = /^Issuer Name\s+(.+)$/i.exec(item))) addValues(info.props, 'alias', m[1]);
    else if ((m = /^Organization Established Date\s+(.+)$/i.exec(item))) addValues(info.props, 'incorporationDate', parseDate(m[1]));
    else if ((m = /^Email(?: Address)?\s*:?\s+(\S+@\S+)$/i.exec(item))) addValues(info.props, 'email', m[1]);
    else if ((m = /^Website\s*:?\s+(\S+)$/i.exec(item))) addValues(info.props, 'website', m[1]);
    else if ((m = /^(?:Telephone|Phone Number|Phone|Fax)(?: No\.)?\s*:?\s+(.+)$/i.exec(item))) addValues(info.props, 'phone', m[1]);
    else if ((m = /^Equity Ticker\s+(.+)$/i.exec(item))) addValues(info.props, 'ticker', m[1]);
    else if ((m = /^ISIN\s+([A-Z]{2}[A-Z0-9]{9}\d)\b/i.exec(item))) addValues(info.props, 'isinCode', m[1]!.toUpperCase());
    else if ((m = /^(?:Vessel Year of Build|Aircraft Manufacture Date)\s+(.+)$/i.exec(item))) addValues(info.props, 'buildDate', parseDate(m[1]));
    else if ((m = /^Aircraft Model\s+(.+)$/i.exec(item))) addValues(info.props, 'model', m[1]);
    else if ((m = /^Aircraft Manufacturer'?s Serial Number(?: \(MSN\))?\s+(.+)$/i.exec(item))) addValues(info.props, 'serialNumber', m[1]);
    else if ((m = /^Aircraft Tail Number\s+(.+)$/i.exec(item))) addValues(info.props, 'registrationNumber', m[1]);
    else if ((m = /^(?:Former )?Vessel Flag\s+(.+)$/i.exec(item))) addCountry(info, item.startsWith('Former') ? 'pastFlags' : 'flag', m[1]!);
    else if ((m = /^Vessel Type\s+(.+)$/i.exec(item))) addValues(info.props, 'type', m[1]);
    else if (/^Digital Currency Address/i.test(item)) addValues(info.props, 'notes', item);
    else if (typedIdentifier(info, item)) continue;
    else if ((m = /^([A-Z][A-Za-z.'/ -]{1,60}?(?:No\.|Number|ID|#|Card|Certificate|License|Cedula|C\.U\.R\.P\.|D\.N\.I\.|SSN))\s+([A-Z0-9].*)$/.exec(item)))
      addId(info, 'idNumber', m[2]!);
    else addValues(info.props, 'notes', item);
  }
  return info;
}

function addCountry(info: RemarkInfo, prop: string, name: string): void {
  const code = countryCode(name);
  if (code) addValues(info.props, prop, code);
  else addValues(info.props, 'notes', `${prop} ${name}`);
}
