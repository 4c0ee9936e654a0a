/**
 * A cheap first look for delta re-screening: could this row match one of the changed parties at all?
 * True when it shares a name word with one (allowing one typo: SymSpell-style deletion variants of words
 * of 4+ letters), shares an identifier, or is written in a script the words cannot compare (Han, Cyrillic
 * …: transliteration is the matcher's job). Only rows that pass go to the matcher, which decides.
 */
import type { Entity } from '../model/entity.ts';
import type { RowFields } from '../screen/index.ts';

const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias', 'abbreviation'];
const ID_PROPS = ['isinCode', 'leiCode', 'uscCode', 'registrationNumber', 'taxNumber', 'ticker', 'innCode', 'ogrnCode', 'dunsCode'];
/** Words too common in company names to say that two names may match. */
const GENERIC = new Set(
  'co ltd inc llc plc corp corporation company limited group holding holdings technology technologies tech electronic electronics system systems trading gmbh ag sa spa bv nv kg oy ab as the and of for international industrial industry industries science sciences development co.,ltd'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !GENERIC.has(w));
}

function deletions(w: string): string[] {
  if (w.length < 4) return [];
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

const identifier = (v: string) => v.toUpperCase().replace(/[^0-9A-Z]/g, '');

export class ChangedPartyFilter {
  private readonly keys = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(parties: Entity[]) {
    for (const e of parties) {
      for (const p of NAME_PROPS)
        for (const v of e.properties[p] ?? [])
          for (const w of words(v)) {
            this.keys.add(w);
            for (const d of deletions(w)) this.keys.add(`~${d}`);
          }
      for (const p of ID_PROPS) for (const v of e.properties[p] ?? []) this.ids.add(identifier(v));
    }
  }

  mayMatch(f: RowFields): boolean {
    for (const v of [f.isin, f.lei, f.registration, f.ticker]) if (v && this.ids.has(identifier(v))) return true;
    for (const text of [f.name, f.brand]) {
      if (!text) continue;
      // Outside Latin script, words cannot be compared with the parties' names: the matcher decides.
      if (/[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u.test(text)) return true;
      for (const w of words(text)) {
        if (this.keys.has(w) || this.keys.has(`~${w}`)) return true;
        for (const d of deletions(w)) if (this.keys.has(d) || this.keys.has(`~${d}`)) return true;
      }
    }
    return false;
  }
}
