/**
 * UFLPA high-priority sectors (data/supply/sectors.yml) from a product description or an HS code: context for a
 * reviewer ("cotton yarn is a high-priority sector"), never a hit by itself. Pure after the table is read.
 */
import Type, { type Static } from 'typebox';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { foldWords } from './gazetteer.ts';

export const SectorsFile = Type.Object(
  {
    source: Type.String({ minLength: 1 }),
    sectors: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z-]+$' }),
          name: Type.String(),
          since: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          hs: Type.Array(Type.String({ pattern: '^[0-9.]+$' })),
          words: Type.Array(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
type SectorsData = Static<typeof SectorsFile>;

export interface SectorMatch {
  id: string;
  name: string;
  /** Date the UFLPA strategy named the sector. */
  since: string;
  /** What placed the goods in the sector: `HS 5205` or `"cotton yarn"`. */
  via: string;
}

let cached: SectorsData | undefined;

export function sectorTable(path = dataPath('supply', 'sectors.yml')): SectorsData {
  if (path !== dataPath('supply', 'sectors.yml')) return readDataFile(path, SectorsFile).value;
  cached ??= readDataFile(path, SectorsFile).value;
  return cached;
}

const HAN = /\p{Script=Han}/u;

function wordIn(word: string, text: string, folded: string): boolean {
  if (HAN.test(word)) return text.includes(word);
  return ` ${folded} `.includes(` ${foldWords(word).join(' ')} `);
}

/** The high-priority sectors a product description and/or HS code fall in, with what placed them there. */
export function uflpaSectors(product: string | undefined, hsCode?: string, table = sectorTable()): SectorMatch[] {
  const out: SectorMatch[] = [];
  const hs = (hsCode ?? '').replace(/[^0-9]/g, '');
  const text = product ?? '';
  const folded = foldWords(text).join(' ');
  for (const s of table.sectors) {
    const code = hs.length >= 2 ? s.hs.find((h) => hs.startsWith(h.replace(/\./g, ''))) : undefined;
    const word = text ? [...s.words].sort((a, b) => b.length - a.length).find((w) => wordIn(w, text, folded)) : undefined;
    if (code) out.push({ id: s.id, name: s.name, since: s.since, via: `HS ${code}` });
    else if (word) out.push({ id: s.id, name: s.name, since: s.since, via: `"${word}"` });
  }
  return out;
}
