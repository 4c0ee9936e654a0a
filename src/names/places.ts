/**
 * Country names in Latin script, one word each (data/countries.yml, data/names/countries.yml). A country a
 * firm's name carries and the other name lacks names a national branch or subsidiary ("Banco Santander" /
 * "Banco Santander Mexico", "Huawei Technologies" / "Huawei Technologies Japan"): the matcher's
 * place_qualifier feature. Cities are left out on purpose: a PRC firm's registered name begins with its city
 * ("Hangzhou Hikvision"), so a city says nothing about being another firm.
 */
import { listCountryNames, matchCountryNames } from './countries.ts';
import { foldCase } from './normalise.ts';
import { tables } from './tables.ts';

let places: ReadonlySet<string> | undefined;

/** Is `word` (folded, Latin) a one-word country name? */
export function isPlaceWord(word: string): boolean {
  places ??= placeWords();
  return places.has(word);
}

/**
 * Is word `i` of an organisation name's words a country name there? Not when it opens the name and is a designation
 * of the firm's kind spelt as a country (tokens.yml `leading_designations`: "UK VELES MANAGEMENT" is the management
 * company Veles, as "UK KAPO-ZHILBYTSERVIS OOO" is; "Yamahdi (UK) Limited" is a British firm).
 */
export function isPlaceAt(words: readonly { text: string }[], i: number): boolean {
  if (i === 0 && words.length >= 2 && tables().leadingDesignations.has(words[0].text)) return false;
  return isPlaceWord(words[i].text);
}

function placeWords(): ReadonlySet<string> {
  const out = new Set<string>();
  for (const table of [listCountryNames(), matchCountryNames()])
    for (const names of table.values())
      for (const name of names) {
        const w = foldCase(name).trim();
        if (w && !w.includes(' ')) out.add(w);
      }
  return out;
}
