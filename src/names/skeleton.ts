/**
 * A spelling skeleton of a Latin token that folds common transliteration variants together:
 * Aleksandr/Alexander, Yury/Yuriy/Iouri, Mohamed/Muhammad, Qadhafi/Gaddafi, Evgeny/Yevgeniy.
 * Used as a second opinion by token similarity, never as the index key alone.
 */
/** A letter doubled ("ss"), or two vowels in a row: most words have neither. */
function hasDouble(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) === s.charCodeAt(i - 1)) return true;
  return false;
}
const VOWEL = new Uint8Array(128);
for (const c of 'aeiou') VOWEL[c.charCodeAt(0)] = 1;
function hasVowelRun(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (VOWEL[s.charCodeAt(i)] && VOWEL[s.charCodeAt(i - 1)]) return true;
  return false;
}
/** Ends in iy, yi, ii, yy or ij: both last letters are i, j or y. */
function hasIyEnd(s: string): boolean {
  const a = s[s.length - 2];
  const b = s[s.length - 1];
  return (a === 'i' || a === 'y') && (b === 'i' || b === 'j' || b === 'y');
}

/**
 * Each rule with a test it cannot apply without, a substring or a function: most words need few of
 * them, and the test is much cheaper than running the expression (skeletons are computed for every
 * indexed name and every joined pair of its words).
 */
const RULES: [string | ((s: string) => boolean), RegExp, string][] = [
  ['x', /x/g, 'ks'],
  ['ph', /ph/g, 'f'],
  ['w', /(?<=[aeiouy])w|w(?=[aeiouy])/g, 'v'],
  ['q', /q/g, 'k'],
  ['c', /c(?=[aouklr]|$)/g, 'k'],
  ['ck', /ck/g, 'k'],
  ['h', /(?<=[kgdtsz])h/g, ''],
  ['e', /^(?:y|i)e/g, 'e'],
  ['u', /^yu|^iu/g, 'u'],
  ['a', /^ya|^ia/g, 'a'],
  [hasIyEnd, /(?<=[a-z])(?:iy|yi|ii|yy|ij)$/g, 'y'],
  ['i', /(?<=[a-z])i$/g, 'y'],
  ['o', /ou|oo|uo/g, 'u'],
  // y before the vowel pairs, so "sergey" and "sergei" fold alike
  ['y', /y/g, 'i'],
  ['e', /ee|ie|ei/g, 'i'],
  [hasDouble, /([a-z])\1+/g, '$1'],
  // a run of vowels becomes its first vowel
  [hasVowelRun, /([aeiou])[aeiou]+/g, '$1'],
];

export function skeleton(token: string): string {
  if (token.length < 4 || /[^a-z]/.test(token)) return token;
  let s = token;
  for (const [needs, re, rep] of RULES) if (typeof needs === 'string' ? s.includes(needs) : needs(s)) s = s.replace(re, rep);
  return s;
}

/**
 * A looser key for person-name words, on top of the skeleton: East Slavic spellings folded to the
 * Russian ones (Belarusian "Uladzimir"/"Dzmitry"/"Naumau", Ukrainian "-iy") and vowel runs to two
 * classes, so "Kassem"/"Qasim", "Paulichenka"/"Pavlichenko", "Piotr"/"Petr" agree. Too loose to decide
 * alone: token similarity uses it for words of 4+ letters with the same first letter only.
 */
const SLAVIC_RULES: [RegExp, string][] = [
  [/^ul(?=[a-z])/, 'vl'],
  [/dz/g, 'd'],
  [/(?<=[rl])h/g, 'g'],
  [/(?<=[aeiou])u(?=[^aeiou]|$)/g, 'v'],
];
// vowels fold into two classes, back (a o u) and front (e i y): "Fedosenka" ~ "Fedasenko", "Kassem" ~
// "Qasim", but "Hamid" is not "Hamad" nor "Jamil" "Jamal" (distinct Arabic names); the first letter is
// kept as it is ("Omar" is not "Amir")
const LOOSE_RULES: [RegExp, string | ((run: string) => string)][] = [
  [/(?<=.)[aeiouy]+/g, (run: string) => ('aou'.includes(run[0]) ? 'a' : 'i')],
  [/([a-z])\1+/g, '$1'],
];

export function looseKey(token: string): string {
  if (token.length < 4 || /[^a-z]/.test(token)) return token;
  let s = token;
  for (const [re, rep] of SLAVIC_RULES) s = s.replace(re, rep);
  s = skeleton(s);
  for (const [re, rep] of LOOSE_RULES) s = s.replace(re, rep as string);
  return s;
}
