/**
 * Xinjiang origin from a supplier's address: the words of the gazetteer (data/supply/xinjiang.yml) found in its
 * address, city and name, and whether they place it in the Xinjiang Uyghur Autonomous Region. Pure.
 *
 * A name places the address alone when it is unambiguous and no other province is named. An ambiguous name (a
 * district also found in another province, 沙湾 in Sichuan) needs a second signal: another Xinjiang name or a
 * postal code 83xxxx–84xxxx. When another province is named (a Xinjiang Road in Qingdao, a Shanghai office),
 * two signals are needed, one of them an unambiguous name. A name followed by a street word is a street.
 */
import { foldWords, xinjiangGazetteer, type Gazetteer, type PlaceTerm } from './gazetteer.ts';

export interface OriginWord {
  /** The words as found in the field. */
  text: string;
  field: string;
  /** "阿克苏地区 Aksu" */
  place: string;
  /** GB/T 2260 code. */
  code: string;
  level: string;
  /** Where else the name is a place, when it is ambiguous here. */
  ambiguousWith?: string;
}

export interface XinjiangAssessment {
  placed: boolean;
  words: OriginWord[];
  postalCodes: { text: string; field: string }[];
  /** Other provinces named in the same fields. */
  otherProvinces: string[];
  /** Why it is or is not placed, in a sentence. */
  reason: string;
}

export interface XinjiangFinding {
  rule: { id: string; name: string; citation: string; text: string };
  words: OriginWord[];
  postalCodes: { text: string; field: string }[];
  /** "placed in Xinjiang by "Aksu" (阿克苏地区 Aksu, 652900) in address → UFLPA rebuttable presumption". */
  text: string;
}

export type OriginFields = Partial<Record<'name' | 'address' | 'city' | 'country', string>>;

const STREET_HAN = /^[东西南北中]?(?:路|街|大街|道|大道|巷|弄|胡同)/;
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'middle', 'central', 'n', 's', 'e', 'w', 'bei', 'nan', 'dong', 'xi', 'zhong']);
const STREETS = new Set(['road', 'rd', 'street', 'st', 'str', 'lu', 'jie', 'dajie', 'avenue', 'ave', 'dadao', 'lane', 'alley', 'hutong']);
const CHINA = /\b(china|p\.?\s?r\.?\s?c\.?|people'?s republic of china|cn)\b|中国|中华人民共和国/i;
/** Fields searched, in the order findings name them. */
const FIELDS = ['address', 'city', 'name'] as const;

function latinStreetAfter(words: string[], end: number): boolean {
  let i = end;
  if (DIRECTIONS.has(words[i] ?? '')) i++;
  return STREETS.has(words[i] ?? '');
}

function hanMatches(g: Gazetteer, text: string, field: string): { term: PlaceTerm; text: string; field: string }[] {
  const covered = new Array<boolean>(text.length).fill(false);
  const out: { term: PlaceTerm; text: string; field: string }[] = [];
  for (const term of g.han) {
    for (let at = text.indexOf(term.key); at >= 0; at = text.indexOf(term.key, at + 1)) {
      const end = at + term.key.length;
      if (covered.slice(at, end).some(Boolean)) continue;
      covered.fill(true, at, end);
      if (!STREET_HAN.test(text.slice(end))) out.push({ term, text: term.key, field });
    }
  }
  return out;
}

function latinMatches(g: Gazetteer, text: string, field: string): { term: PlaceTerm; text: string; field: string }[] {
  const words = foldWords(text);
  const out: { term: PlaceTerm; text: string; field: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const candidates = (g.latinByFirstWord.get(words[i]!) ?? [])
      .map((t) => ({ t, parts: t.key.split(' ') }))
      .filter(({ parts }) => parts.every((p, k) => words[i + k] === p))
      .sort((a, b) => b.parts.length - a.parts.length);
    const best = candidates[0];
    if (!best) continue;
    const end = i + best.parts.length;
    if (!latinStreetAfter(words, end)) out.push({ term: best.t, text: words.slice(i, end).join(' '), field });
    i = end - 1;
  }
  return out;
}

function provincesIn(g: Gazetteer, text: string): string[] {
  const found = g.provincesHan.filter((p) => {
    const at = text.indexOf(p);
    return at >= 0 && !STREET_HAN.test(text.slice(at + p.length));
  });
  const words = foldWords(text);
  for (const parts of g.provincesLatin) {
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, k) => words[i + k] === p) && !latinStreetAfter(words, i + parts.length)) {
        found.push(parts.join(' '));
        break;
      }
    }
  }
  return found;
}

function postalCodes(g: Gazetteer, text: string, field: string): { text: string; field: string }[] {
  return [...text.matchAll(/(?<![\d-])(\d{6})(?![\d-])/g)].filter((m) => g.postalPrefixes.includes(m[1]!.slice(0, 2))).map((m) => ({ text: m[1]!, field }));
}

/** The gazetteer words, postal codes and other provinces in a row's fields, and whether they place it in Xinjiang. */
export function assessXinjiang(fields: OriginFields, g: Gazetteer = xinjiangGazetteer()): XinjiangAssessment {
  const matches: { term: PlaceTerm; text: string; field: string }[] = [];
  const postal: { text: string; field: string }[] = [];
  const provinces = new Set<string>();
  for (const field of FIELDS) {
    const text = fields[field];
    if (!text) continue;
    matches.push(...hanMatches(g, text, field), ...latinMatches(g, text, field));
    // A firm's name is searched for places, not for codes or provinces ("Shanghai Aksu Trading" is a Shanghai firm).
    if (field === 'name') continue;
    postal.push(...postalCodes(g, text, field));
    for (const p of provincesIn(g, text)) provinces.add(p);
  }
  const inChina = CHINA.test([fields.country, fields.address, fields.city].filter(Boolean).join(' '));
  const isStrong = (t: PlaceTerm) => t.ambiguity === 'none' || (t.ambiguity === 'abroad' && inChina);
  const strong = matches.filter((m) => isStrong(m.term));
  const codes = new Set(matches.map((m) => m.term.code));
  const signals = codes.size + (postal.length ? 1 : 0);
  const other = [...provinces];
  const words = matches.map(
    (m): OriginWord => ({
      text: m.text,
      field: m.field,
      place: m.term.place,
      code: m.term.code,
      level: m.term.level,
      ...(isStrong(m.term) ? {} : { ambiguousWith: m.term.alsoIn ?? 'another place' }),
    }),
  );
  let placed: boolean;
  let reason: string;
  if (!matches.length) [placed, reason] = [false, postal.length ? 'a Xinjiang postal code alone places nothing' : 'no Xinjiang place named'];
  else if (other.length && (!strong.length || signals < 2))
    [placed, reason] = [false, `names ${other.join(', ')} too, and has no second Xinjiang signal beside ${matches[0]!.text}`];
  else if (strong.length) [placed, reason] = [true, `names ${strong.map((m) => m.term.place).join(', ')}`];
  else if (postal.length) [placed, reason] = [true, `ambiguous ${matches[0]!.text} with a Xinjiang postal code`];
  else [placed, reason] = [false, `${matches.map((m) => m.text).join(', ')} is ambiguous (${words[0]!.ambiguousWith}) and nothing else places it`];
  return { placed, words, postalCodes: postal, otherProvinces: other, reason };
}

function wordText(w: OriginWord): string {
  return `"${w.text}" (${w.place}, ${w.code}${w.ambiguousWith ? `; also ${w.ambiguousWith}` : ''}) in ${w.field}`;
}

/** A Xinjiang-origin finding for a row, or undefined when its fields do not place it there. */
export function xinjiangFinding(fields: OriginFields, g: Gazetteer = xinjiangGazetteer()): XinjiangFinding | undefined {
  const a = assessXinjiang(fields, g);
  if (!a.placed) return undefined;
  const evidence = [...a.words.map(wordText), ...a.postalCodes.map((p) => `postal code ${p.text} in ${p.field}`)];
  return {
    rule: g.rule,
    words: a.words,
    postalCodes: a.postalCodes,
    text: `placed in Xinjiang by ${evidence.join(', ')} → ${g.rule.name}`,
  };
}
