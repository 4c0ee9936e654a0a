/**
 * A cheap first look for delta re-screening: could this row match one of the changed parties at all?
 * It mirrors the keys by which the matcher's candidate index finds names (candidate-index.ts): words,
 * their spelling skeletons ("alpha" → "alfa"), adjacent words joined ("fast link" → "fastlink"), each
 * allowing one edit (SymSpell-style deletion variants of keys of 4+ letters); and identifiers. Rows written
 * in a script the words cannot compare (Han, Cyrillic …: transliteration is the matcher's job) always pass,
 * as does every row when a changed party has no distinctive word. Only rows that pass go to the matcher.
 *
 * Given the candidate index (`retrieval`), a party word whose keys are all common in it ("imaging" in a
 * world of imaging firms) counts only as the index counts it: a query name with a rarer word skips common
 * keys, so a row that meets a party only through such words, and has a rarer word, cannot retrieve it.
 * That row's words are read by the matcher's own analyser, to be sure of it.
 */
import type { Entity } from '../model/entity.ts';
import { normaliseIdentifier } from '../match/index.ts';
import { analyseName, skeleton } from '../names/index.ts';
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

/** What the candidate index says of its keys (InMemoryMatchIndex.isCommonKey). */
export interface KeyRetrieval {
  isCommonKey(key: string): boolean;
}

/** A word's verdict: near no party key, near a key some query may retrieve by, near common keys only. */
const NONE = 0;
const RARE = 1;
const COMMON = 2;
type Near = typeof NONE | typeof RARE | typeof COMMON;

function words(text: string): string[] {
  // most vendor names are plain ASCII: no need to decompose them
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !GENERIC.has(w));
}

/**
 * The keys of one name, as the candidate index keys it: per word, the word and its skeleton, which allow
 * one edit; and adjacent words joined, which must be equal.
 */
function nameKeys(text: string): { fuzzy: [string, string[]][]; exact: string[] } {
  const ws = words(text);
  const fuzzy: [string, string[]][] = [];
  const exact: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const s = skeleton(ws[i]);
    fuzzy.push([ws[i], s !== ws[i] ? [ws[i], s] : [ws[i]]]);
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
  /** Party keys, and the deletion variants of those that allow one edit, each RARE (some query may retrieve by it) or COMMON only. */
  private readonly keys = new Map<string, Near>();
  private readonly near = new Map<string, Near>();
  private readonly ids = new Set<string>();
  private readonly tickers = new Set<string>();
  /** A party with no distinctive key (generic words only, or names in another script only): every row may match it. */
  private passAll = false;
  private readonly wordVerdicts = new Map<string, Near>();

  constructor(
    parties: Entity[],
    private readonly retrieval?: KeyRetrieval,
  ) {
    for (const e of parties) {
      let distinctive = false;
      for (const p of NAME_PROPS)
        for (const v of e.properties[p] ?? []) {
          // a name in another script is reached through transliteration, not through these keys
          if (NON_LATIN.test(v)) continue;
          const common = this.commonWords(e, v);
          const { fuzzy, exact } = nameKeys(v);
          for (const [word, keys] of fuzzy) {
            distinctive = true;
            const near = common.has(word) ? COMMON : RARE;
            for (const k of keys) {
              keep(this.keys, k, near);
              for (const d of deletions(k)) keep(this.near, d, near);
            }
          }
          // a joined pair meets a single word of the row ("fastlink"), and a single word a joined pair of the row
          for (const k of exact) keep(this.keys, k, RARE);
        }
      for (const p of ID_PROPS) for (const v of e.properties[p] ?? []) this.ids.add(normaliseIdentifier(v));
      for (const v of e.properties.ticker ?? []) this.tickers.add(tickerKey(v));
      if (!distinctive) this.passAll = true;
    }
  }

  /**
   * Words of an organisation's name whose every key the index holds as common: the word, its skeleton and
   * its phonetic code, as the index keys the name's tokens (candidate-index.ts forEachNameKey).
   */
  private commonWords(e: Entity, name: string): Set<string> {
    const out = new Set<string>();
    const index = this.retrieval;
    if (!index || e.schema === 'Person') return out;
    for (const t of analyseName(name, 'org')?.tokens ?? []) {
      if (t.number || !index.isCommonKey(t.text)) continue;
      if (t.text.length >= 4 && !index.isCommonKey(`s:${t.skeleton}`)) continue;
      if (t.text.length >= 4 && t.phonetic && !index.isCommonKey(`p:${t.phonetic}`)) continue;
      out.add(t.text);
    }
    return out;
  }

  /**
   * Whether the row may match a changed party. `commonSkip`: the row's names go to the matcher as they are
   * (vendors), so the index's skipping of common keys can be relied on; holdings names are first cut to the
   * issuer's name.
   */
  mayMatch(f: RowFields, o: { commonSkip?: boolean } = {}): boolean {
    if (this.passAll) return true;
    for (const v of [f.isin, f.lei, f.registration]) if (v && this.ids.has(normaliseIdentifier(v))) return true;
    if (f.ticker && this.tickers.has(tickerKey(f.ticker))) return true;
    for (const text of [f.name, f.brand]) {
      if (!text) continue;
      if (NON_LATIN.test(text)) return true;
      // the keys of nameKeys, word by word: a word's verdict is remembered (vendor names repeat words)
      const ws = words(text);
      let commonOnly = false;
      for (let i = 0; i < ws.length; i++) {
        const near = this.nearWord(ws[i]);
        if (near === RARE) return true;
        if (near === COMMON) commonOnly = true;
        for (const joined of i + 2 < ws.length ? [ws[i] + ws[i + 1], ws[i] + ws[i + 1] + ws[i + 2]] : i + 1 < ws.length ? [ws[i] + ws[i + 1]] : []) {
          const near = this.keys.get(joined);
          if (near === RARE) return true;
          if (near === COMMON) commonOnly = true;
        }
      }
      if (commonOnly && !(o.commonSkip && this.skipsCommonKeys(text))) return true;
    }
    return false;
  }

  /** The index skips common keys for this query name: one of its tokens (as the matcher analyses it) is not common. */
  private skipsCommonKeys(text: string): boolean {
    const index = this.retrieval;
    return index !== undefined && (analyseName(text, 'org')?.tokens.some((t) => !index.isCommonKey(t.text)) ?? false);
  }

  /** The word or its skeleton is within one edit of a party key: of one some query may retrieve by, or of common ones only. */
  private nearWord(w: string): Near {
    let near = this.wordVerdicts.get(w);
    if (near === undefined) {
      const s = skeleton(w);
      near = this.withinOneEdit(w);
      if (near !== RARE && s !== w) near = better(near, this.withinOneEdit(s));
      if (this.wordVerdicts.size >= WORD_VERDICTS) this.wordVerdicts.clear();
      this.wordVerdicts.set(w, near);
    }
    return near;
  }

  /** The best class of party key the key equals, or meets by one deletion from either side (or both: one substitution). */
  private withinOneEdit(k: string): Near {
    let best = better(this.keys.get(k) ?? NONE, this.near.get(k) ?? NONE);
    if (best === RARE || k.length < MIN_DELETE_LEN) return best;
    for (let i = 0; i < k.length && best !== RARE; i++) {
      const d = k.slice(0, i) + k.slice(i + 1);
      best = better(best, better(this.keys.get(d) ?? NONE, this.near.get(d) ?? NONE));
    }
    return best;
  }
}

/** RARE over COMMON over NONE. */
function better(a: Near, b: Near): Near {
  return a === NONE ? b : b === NONE ? a : (Math.min(a, b) as Near);
}

/** Records `key` as `near`; RARE wins over COMMON (the key may be retrieved by). */
function keep(map: Map<string, Near>, key: string, near: Near): void {
  const had = map.get(key);
  if (had === undefined || near < had) map.set(key, near);
}
