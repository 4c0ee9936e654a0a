/**
 * Repair of one-letter typos against a vocabulary of known words ("LIlITED" → "limited",
 * "TErHNOLOGIES" → "technologies"), so a misspelt common word keeps its meaning and its low weight
 * instead of passing for a distinctive word of the name.
 */
import { distance } from 'fastest-levenshtein';

export interface TypoRepair {
  /** The known word one edit from `word`, or `word` itself. */
  repair(word: string): string;
}

/**
 * A repairer for words of at least `minLength` letters. Only words of that length are repaired:
 * a shorter word one letter from a common word is as likely a name ("Tecon", "Cosco").
 */
export function typoRepair(vocabulary: Iterable<string>, minLength: number): TypoRepair {
  const known = new Set<string>();
  // a typo keeps the first letter often enough; indexing by it keeps the scan short
  const byStart = new Map<string, string[]>();
  for (const w of vocabulary) {
    known.add(w);
    if (w.length < minLength) continue;
    const list = byStart.get(w[0]);
    if (list) list.push(w);
    else byStart.set(w[0], [w]);
  }
  return {
    repair(word) {
      if (word.length < minLength || known.has(word) || /\d/.test(word)) return word;
      for (const w of byStart.get(word[0]) ?? []) {
        if (Math.abs(w.length - word.length) <= 1 && distance(w, word) === 1) return w;
      }
      return word;
    },
  };
}

/** Repairers by vocabulary object (a loaded table) and length: tables are read-only, so one build each. */
const built = new WeakMap<object, Map<number, TypoRepair>>();

/** The repairer of a loaded table's words (a Set, or a Map's keys), built on first use. */
export function repairerOf(table: Set<string> | Map<string, unknown>, minLength: number): TypoRepair {
  let byLength = built.get(table);
  if (!byLength) built.set(table, (byLength = new Map()));
  let repair = byLength.get(minLength);
  if (!repair) byLength.set(minLength, (repair = typoRepair(table.keys(), minLength)));
  return repair;
}
