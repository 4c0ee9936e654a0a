/**
 * A spelling skeleton of a Latin token that folds common transliteration variants together:
 * Aleksandr/Alexander, Yury/Yuriy/Iouri, Mohamed/Muhammad, Qadhafi/Gaddafi, Evgeny/Yevgeniy.
 * Used as a second opinion by token similarity, never as the index key alone.
 */
const RULES: [RegExp, string][] = [
  [/x/g, 'ks'],
  [/ph/g, 'f'],
  [/(?<=[aeiouy])w|w(?=[aeiouy])/g, 'v'],
  [/q/g, 'k'],
  [/c(?=[aouklr]|$)/g, 'k'],
  [/ck/g, 'k'],
  [/(?<=[kgdtsz])h/g, ''],
  [/^(?:y|i)e/g, 'e'],
  [/^yu|^iu/g, 'u'],
  [/^ya|^ia/g, 'a'],
  [/(?<=[a-z])(?:iy|yi|ii|yy|ij)$/g, 'y'],
  [/(?<=[a-z])i$/g, 'y'],
  [/ou|oo|uo/g, 'u'],
  // y before the vowel pairs, so "sergey" and "sergei" fold alike
  [/y/g, 'i'],
  [/ee|ie|ei/g, 'i'],
  [/([a-z])\1+/g, '$1'],
  [/[aeiou]+/g, (m: string) => m[0]] as unknown as [RegExp, string],
];

export function skeleton(token: string): string {
  if (token.length < 4 || /[^a-z]/.test(token)) return token;
  let s = token;
  for (const [re, rep] of RULES) s = s.replace(re, rep as string);
  return s;
}

/**
 * A looser key for person-name words, on top of the skeleton: East Slavic spellings folded to the
 * Russian ones (Belarusian "Uladzimir"/"Dzmitry"/"Naumau", Ukrainian "-iy") and every vowel run to one
 * letter, so "Kassem"/"Qasim", "Paulichenka"/"Pavlichenko", "Piotr"/"Petr" agree. Too loose to decide
 * alone: token similarity uses it for words of 4+ letters with the same first letter only.
 */
const SLAVIC_RULES: [RegExp, string][] = [
  [/^ul(?=[a-z])/, 'vl'],
  [/dz/g, 'd'],
  [/(?<=[rl])h/g, 'g'],
  [/(?<=[aeiou])u(?=[^aeiou]|$)/g, 'v'],
];
const LOOSE_RULES: [RegExp, string][] = [
  [/(?<=.)[aeiouy]+/g, 'a'], // the first letter is kept: "Omar" is not "Amir"
  [/([a-z])\1+/g, '$1'],
];

export function looseKey(token: string): string {
  if (token.length < 4 || /[^a-z]/.test(token)) return token;
  let s = token;
  for (const [re, rep] of SLAVIC_RULES) s = s.replace(re, rep);
  s = skeleton(s);
  for (const [re, rep] of LOOSE_RULES) s = s.replace(re, rep);
  return s;
}
