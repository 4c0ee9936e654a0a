/**
 * Country names in Latin script, one word each (data/countries.yml, data/names/countries.yml). A country a
 * firm's name carries and the other name lacks names a national branch or subsidiary ("Banco Santander" /
 * "Banco Santander Mexico", "Huawei Technologies" / "Huawei Technologies Japan"): the matcher's
 * place_qualifier feature. Cities are left out on purpose: a PRC firm's registered name begins with its city
 * ("Hangzhou Hikvision"), so a city says nothing about being another firm.
 */
import { listCountryNames, matchCountryNames } from './countries.ts';
import { foldCase } from './normalise.ts';

let places: ReadonlySet<string> | undefined;

/** Is `word` (folded, Latin) a one-word country name? */
export function isPlaceWord(word: string): boolean {
  places ??= placeWords();
  return places.has(word);
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
