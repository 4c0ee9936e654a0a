/**
 * Given names by data/names/given-names.yml: the spellings of one name that no spelling rule folds
 * together (Dmitriy / Dzmitry / Dmytro, Husayn / Hossein, Patricia / Patty), and the East Slavic
 * patronymics formed from them (Aleksandrovna / Alyaksandrauna / Oleksandrivna).
 */
import Type, { type Static } from 'typebox';
import type { DataDocument } from '../io/data-file.ts';
import { readNameTable } from './tables.ts';

const SECTIONS = ['slavic', 'arabic', 'other'] as const;
const Spelling = Type.String({ pattern: '^[a-z]+$', description: 'one lower-case Latin word' });
const Groups = Type.Array(Type.Array(Spelling, { minItems: 2, description: 'a group of two spellings or more' }));

/** data/names/given-names.yml: per section, groups of spellings of one name. */
export const GivenNamesFile = Type.Object({ source: Type.String(), slavic: Groups, arabic: Groups, other: Groups }, { additionalProperties: false });

/**
 * Patronymic endings, longest first, male then female: Russian (-ovich, -yevich, -ovna), Belarusian
 * (-avich, -auna, -euna) and Ukrainian (-ovych, -ivna). The stem is the father's given name, sometimes
 * without its last letter ("Sergeyevich" from Sergey, "Sergeevich" from Serge-y, "Yuryevich" from Yur-iy).
 */
const PATRONYMIC_ENDINGS: [string, 'm' | 'f'][] = [
  ['iyovych', 'm'],
  ['yovych', 'm'],
  ['ievich', 'm'],
  ['yevich', 'm'],
  ['ovych', 'm'],
  ['evych', 'm'],
  ['ovich', 'm'],
  ['evich', 'm'],
  ['avich', 'm'],
  ['ich', 'm'],
  ['iyivna', 'f'],
  ['ievna', 'f'],
  ['yevna', 'f'],
  ['ovna', 'f'],
  ['evna', 'f'],
  ['auna', 'f'],
  ['euna', 'f'],
  ['ivna', 'f'],
];
/** Letters a stem may have lost before the ending: Serge(y)evich, Yur(iy)evich, Il(ya)ich. */
const STEM_COMPLETIONS = ['', 'y', 'iy', 'i', 'a', 'ey'];
/** Shortest stem read as a given name: shorter ones are too easily another word. */
const MIN_STEM = 3;

let table: Map<string, string> | undefined;

function givenNameTable(): Map<string, string> {
  table ??= givenNamesOf(readNameTable('given-names.yml', GivenNamesFile));
  return table;
}

/** Spelling → the first spelling of its group; a spelling in two groups is refused where it repeats. */
export function givenNamesOf(doc: DataDocument<Static<typeof GivenNamesFile>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of SECTIONS) {
    doc.value[section].forEach((spellings, i) => {
      spellings.forEach((s, j) => {
        const had = out.get(s);
        if (had !== undefined && had !== spellings[0]) throw doc.fail([section, i, j], `'${s}' is in the group of '${had}' already`);
        out.set(s, spellings[0]);
      });
    });
  }
  return out;
}

/** The given name a patronymic is formed from, with the patronymic's gender ("alyaksandrauna" → "aleksandr~f"), or ''. */
function patronymicOf(word: string, names: Map<string, string>): string {
  for (const [ending, gender] of PATRONYMIC_ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue;
    const written = word.slice(0, word.length - ending.length);
    // Belarusian writes ў (u) for v after a vowel: Paulavich is Pavel's son
    const belarusian = written.replace(/(?<=[aeiou])u/g, 'v');
    for (const stem of belarusian === written ? [written] : [written, belarusian]) {
      for (const completion of STEM_COMPLETIONS) {
        const name = names.get(stem + completion);
        if (name !== undefined) return `${name}~${gender}`;
      }
      // a vowel the name loses before the ending: Pav(e)lovich, Pet(e)r
      const fleeting = names.get(`${stem.slice(0, -1)}e${stem.slice(-1)}`);
      if (fleeting !== undefined) return `${fleeting}~${gender}`;
    }
  }
  return '';
}

/**
 * The key two spellings of one given name share: the group's first spelling for a listed spelling
 * ("dzmitry" → "dmitriy"), or the father's name and gender for a patronymic formed from one
 * ("aleksandrovna" → "aleksandr~f"); '' for any other word.
 */
export function givenNameKey(word: string): string {
  const names = givenNameTable();
  return names.get(word) ?? patronymicOf(word, names);
}
