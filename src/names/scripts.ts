/**
 * Cyrillic, Arabic and Hangul in Latin letters by the tables of data/names/scripts.yml, the way sanctions
 * lists write names from them (Шойгу → shoygu, Ростех → rostekh, خالد → khald, 김정은 → kim jong un). The
 * general-purpose `transliteration` package writes х as "h", ц as "c", a soft sign inside a word and an
 * alif as a space, and Hangul in South Korean spelling run together ("gimjeongeun"): none of it the lists'
 * spelling. Other scripts are left to that package (transliterate.ts).
 */
import Type, { type Static } from 'typebox';
import type { DataDocument } from '../io/data-file.ts';
import { readNameTable, Words } from './tables.ts';

interface ScriptTables {
  /** Cyrillic and Arabic-script letters (and vowel marks) → Latin letters */
  letters: Map<string, string>;
  /** Arabic و and ي as long vowels (inside a word, not by an alif) */
  longVowels: Map<string, string>;
  /** Arabic letters written otherwise at the start of a word (ع) */
  wordInitial: Map<string, string>;
  initials: string[];
  medials: string[];
  finals: string[];
  compoundSurnames: string[];
}

/** Hangul syllables: U+AC00 + (initial × 21 + medial) × 28 + final. */
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const JAMO = { initials: 19, medials: 21, finals: 28 } as const;
/** Scripts with a letter table: Cyrillic, Arabic. */
const TABLED = /[\u0400-\u04ff\u0600-\u06ff]/;
const HANGUL = /[\uac00-\ud7a3]/;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;

const Latin = Type.String({ pattern: '^[a-z]*$', description: 'lower-case Latin letters' });
const LetterTable = Type.Record(Type.String(), Latin);
const jamoList = (n: number) => Type.Array(Latin, { minItems: n, maxItems: n, description: `${n} lower-case Latin spellings` });

/** data/names/scripts.yml */
export const ScriptsFile = Type.Object(
  {
    source: Type.String(),
    cyrillic: LetterTable,
    arabic: LetterTable,
    arabic_long_vowels: LetterTable,
    arabic_word_initial: LetterTable,
    hangul: Type.Object({ initials: jamoList(JAMO.initials), medials: jamoList(JAMO.medials), finals: jamoList(JAMO.finals) }, { additionalProperties: false }),
    korean_compound_surnames: Type.Optional(Words),
  },
  { additionalProperties: false },
);

let cached: ScriptTables | undefined;

function scriptTables(): ScriptTables {
  cached ??= scriptTablesOf(readNameTable('scripts.yml', ScriptsFile));
  return cached;
}

export function scriptTablesOf(doc: DataDocument<Static<typeof ScriptsFile>>): ScriptTables {
  const letterTable = (key: 'cyrillic' | 'arabic' | 'arabic_long_vowels' | 'arabic_word_initial'): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [letter, latin] of Object.entries(doc.value[key])) {
      if ([...letter].length !== 1) throw doc.fail([key, letter], 'one letter expected as the key');
      out.set(letter, latin);
    }
    return out;
  };
  const letters = new Map([...letterTable('cyrillic'), ...letterTable('arabic')]);
  const { initials, medials, finals } = doc.value.hangul;
  const compoundSurnames = doc.value.korean_compound_surnames ?? [];
  const longVowels = letterTable('arabic_long_vowels');
  const wordInitial = letterTable('arabic_word_initial');
  return { letters, longVowels, wordInitial, initials, medials, finals, compoundSurnames };
}

export function hasHangul(s: string): boolean {
  return HANGUL.test(s);
}

/** One Hangul syllable in Latin letters ("정" → "jong"). */
export function hangulSyllable(syllable: string): string {
  const t = scriptTables();
  const code = syllable.charCodeAt(0) - SYLLABLE_FIRST;
  const perInitial = JAMO.medials * JAMO.finals;
  return t.initials[Math.floor(code / perInitial)] + t.medials[Math.floor((code % perInitial) / JAMO.finals)] + t.finals[code % JAMO.finals];
}

/** Alif and its forms: و and ي next to one are consonants. */
const ALIF = /[اأإآٱ]/;
/** Arabic letters, not the vowel marks: what makes a letter word-initial or not. */
const ARABIC_LETTER = /[\u0621-\u064a\u0671-\u06d3]/;

/** Cyrillic and Arabic letters and Hangul syllables in Latin (the syllables of one word joined); everything else as it is. */
export function romaniseByTables(s: string): string {
  if (!TABLED.test(s) && !HANGUL.test(s)) return s;
  const { letters, longVowels, wordInitial } = scriptTables();
  const chars = [...s];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const code = ch.charCodeAt(0);
    if (code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST) {
      out += hangulSyllable(ch);
      continue;
    }
    const initial = !ARABIC_LETTER.test(chars[i - 1] ?? '');
    const vowel = longVowels.get(ch);
    if (vowel !== undefined && !initial && !ALIF.test(chars[i - 1]) && !ALIF.test(chars[i + 1] ?? '')) out += vowel;
    else out += (initial ? wordInitial.get(ch) : undefined) ?? letters.get(ch.toLowerCase()) ?? ch;
  }
  return out;
}

/**
 * A Korean person's name in Hangul as the lists write it: the family name, then each syllable of the
 * given name ("김정은" → "kim jong un", as "KIM Jong Un"; "남궁민" → "namgung min").
 */
export function hangulPersonName(text: string): string {
  const compound = scriptTables().compoundSurnames;
  return text.replace(HANGUL_RUN, (run) => {
    const syllables = [...run];
    if (syllables.length < 2) return run;
    const family = compound.find((c) => run.startsWith(c) && run.length > c.length) ?? syllables[0];
    const given = syllables.slice([...family].length).map(hangulSyllable);
    return ` ${romaniseByTables(family)} ${given.join(' ')} `;
  });
}
