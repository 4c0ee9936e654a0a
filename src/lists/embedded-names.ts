/**
 * Names that embed another name. The Entity List writes some entries as
 * "Lukoil, OAO (a.k.a. Lukoil" or "Gaz-Oil, OOO (f.k.a., Zakrytoe Aktsionernoe Obshchestvo Gaz Oil)": the
 * party's name, then an alias or former name inside a parenthesis that is sometimes never closed (the
 * official text continues the aliases on the next lines). Kept whole, the name matches nothing; split, the
 * first part is the name and the rest an alias (a.k.a., n.k.a.) or a previous name (f.k.a.).
 */

export interface SplitName {
  name: string;
  aliases: string[];
  previousNames: string[];
}

/** "(a.k.a.", "(f.k.a.,", "(n.k.a. " — only inside a parenthesis, so "YK-AKA" or "AKA Integral" stay whole. */
const EMBEDDED = /\s*\(\s*([afn])\.?\s?k\.?\s?a\.?\s*,?\s*/i;

function cleanPart(text: string): string {
  return text
    .replace(/\)\s*$/, '')
    .replace(/^[\s"“”'‘’]+|[\s"“”'‘’.,;]+$/g, '')
    .trim();
}

export function splitEmbeddedName(raw: string): SplitName {
  const m = EMBEDDED.exec(raw);
  if (!m || m.index === 0) return { name: raw, aliases: [], previousNames: [] };
  const name = raw.slice(0, m.index).trim();
  const rest = raw.slice(m.index + m[0].length);
  const others = rest
    .split(/;\s*/)
    .map(cleanPart)
    .filter((s) => s && s !== name);
  const former = m[1]!.toLowerCase() === 'f';
  return { name, aliases: former ? [] : others, previousNames: former ? others : [] };
}
