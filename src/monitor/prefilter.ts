/**
 * A cheap first look for delta re-screening: could this row match one of the changed parties at all?
 * It mirrors the keys by which the matcher's candidate index finds names (candidate-index.ts): words,
 * their spelling skeletons ("alpha" → "alfa"), adjacent words joined ("fast link" → "fastlink"), each
 * allowing one edit (SymSpell-style deletion variants of keys of 4+ letters); and identifiers. Rows written
 * in a script the words cannot compare (Han, Cyrillic …: transliteration is the matcher's job) always pass,
 * as does every row when a changed party has no distinctive word. Only rows that pass go to the matcher.
 */
import type { Entity } from '../model/entity.ts';
import { normaliseIdentifier } from '../match/index.ts';
import { skeleton } from '../names/index.ts';
import { tickerKey, type RowFields } from '../screen/index.ts';

const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias', 'abbreviation'];
/** The identifiers a row's isin, lei and registration columns are compared with (row-screener.ts). */
const ID_PROPS = ['isinCode', 'leiCode', 'uscCode', 'registrationNumber', 'taxNumber', 'innCode', 'ogrnCode', 'dunsCode'];
/** Words too common in company names to say that two names may match. */
const GENERIC = new Set(
  'co ltd inc llc plc corp corporation company limited group holding holdings technology technologies tech electronic electronics system systems trading gmbh ag sa spa bv nv kg oy ab as the and of for international industrial industry industries science sciences development'.split(
    ' ',
  ),
);
const MIN_DELETE_LEN = 4;
/** Words whose verdict a filter remembers. */
const WORD_VERDICTS = 200_000;
const NON_LATIN = /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u;

const ASCII = /^[\x20-\x7e]*$/;

function words(text: string): string[] {
  // most vendor names are plain ASCII: no need to decompose them
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !GENERIC.has(w));
}

/**
 * The keys of one name, as the candidate index keys it: words and their skeletons, which allow one edit
 * ("~" marks them), and adjacent words joined, which must be equal.
 */
function nameKeys(text: string): { fuzzy: string[]; exact: string[] } {
  const ws = words(text);
  const fuzzy: string[] = [];
  const exact: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    fuzzy.push(ws[i]);
    const s = skeleton(ws[i]);
    if (s !== ws[i]) fuzzy.push(s);
    if (i + 1 < ws.length) exact.push(ws[i] + ws[i + 1]);
    if (i + 2 < ws.length) exact.push(ws[i] + ws[i + 1] + ws[i + 2]);
  }
  return { fuzzy, exact };
}

function deletions(w: string): string[] {
  if (w.length < MIN_DELETE_LEN) return [];
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

export class ChangedPartyFilter {
  private readonly keys = new Set<string>();
  /** The deletion variants of the keys that allow one edit. */
  private readonly near = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly tickers = new Set<string>();
  /** A party with no distinctive key (generic words only, or names in another script only): every row may match it. */
  private passAll = false;
  private readonly wordVerdicts = new Map<string, boolean>();

  constructor(parties: Entity[]) {
    for (const e of parties) {
      let distinctive = false;
      for (const p of NAME_PROPS)
        for (const v of e.properties[p] ?? []) {
          // a name in another script is reached through transliteration, not through these keys
          if (NON_LATIN.test(v)) continue;
          const { fuzzy, exact } = nameKeys(v);
          for (const k of fuzzy) {
            distinctive = true;
            this.keys.add(k);
            for (const d of deletions(k)) this.near.add(d);
          }
          // a joined pair meets a single word of the row ("fastlink"), and a single word a joined pair of the row
          for (const k of exact) this.keys.add(k);
        }
      for (const p of ID_PROPS) for (const v of e.properties[p] ?? []) this.ids.add(normaliseIdentifier(v));
      for (const v of e.properties.ticker ?? []) this.tickers.add(tickerKey(v));
      if (!distinctive) this.passAll = true;
    }
  }

  mayMatch(f: RowFields): boolean {
    if (this.passAll) return true;
    for (const v of [f.isin, f.lei, f.registration]) if (v && this.ids.has(normaliseIdentifier(v))) return true;
    if (f.ticker && this.tickers.has(tickerKey(f.ticker))) return true;
    for (const text of [f.name, f.brand]) {
      if (!text) continue;
      if (NON_LATIN.test(text)) return true;
      // the keys of nameKeys, word by word: a word's verdict is remembered (vendor names repeat words)
      const ws = words(text);
      for (let i = 0; i < ws.length; i++) {
        if (this.nearWord(ws[i])) return true;
        if (i + 1 < ws.length && this.keys.has(ws[i] + ws[i + 1])) return true;
        if (i + 2 < ws.length && this.keys.has(ws[i] + ws[i + 1] + ws[i + 2])) return true;
      }
    }
    return false;
  }

  /** The word or its skeleton is within one edit of a party key. */
  private nearWord(w: string): boolean {
    let near = this.wordVerdicts.get(w);
    if (near === undefined) {
      const s = skeleton(w);
      near = this.withinOneEdit(w) || (s !== w && this.withinOneEdit(s));
      if (this.wordVerdicts.size >= WORD_VERDICTS) this.wordVerdicts.clear();
      this.wordVerdicts.set(w, near);
    }
    return near;
  }

  /** The key equals a party key, or one deletion from either side (or both: one substitution) makes them equal. */
  private withinOneEdit(k: string): boolean {
    if (this.keys.has(k) || this.near.has(k)) return true;
    if (k.length < MIN_DELETE_LEN) return false;
    for (let i = 0; i < k.length; i++) {
      const d = k.slice(0, i) + k.slice(i + 1);
      if (this.keys.has(d) || this.near.has(d)) return true;
    }
    return false;
  }
}
