/**
 * Numbers in organisation names written as digits, whatever the name wrote (data/names/numbers.yml):
 * number words ("forty four" → 44), ordinals ("fifty second", "52nd", "third" → 52, 52, 3), and the
 * marker before a number dropped ("no 3" → 3). Words only: up to 99, which covers the institutes,
 * brigades and units lists name; "hundred" and larger stay words.
 */
import Type, { type Static } from 'typebox';
import type { DataDocument } from '../io/data-file.ts';
import { readNameTable, Words } from './tables.ts';

const NumberTable = Type.Record(Type.String({ pattern: '^[a-z]+$' }), Type.Integer({ minimum: 0, maximum: 99 }));

/** data/names/numbers.yml */
export const NumbersFile = Type.Object(
  {
    source: Type.String(),
    units: NumberTable,
    ordinal_units: NumberTable,
    tens: NumberTable,
    ordinal_tens: NumberTable,
    ordinal_suffixes: Words,
    markers: Words,
  },
  { additionalProperties: false },
);

interface NumberWords {
  units: Map<string, number>;
  tens: Map<string, number>;
  ordinalSuffix: RegExp;
  markers: Set<string>;
}

export function numberWordsOf(doc: DataDocument<Static<typeof NumbersFile>>): NumberWords {
  const v = doc.value;
  return {
    units: new Map([...Object.entries(v.units), ...Object.entries(v.ordinal_units)]),
    tens: new Map([...Object.entries(v.tens), ...Object.entries(v.ordinal_tens)]),
    ordinalSuffix: new RegExp(`^(\\d+)(?:${v.ordinal_suffixes.join('|')})$`),
    markers: new Set(v.markers),
  };
}

let cached: NumberWords | undefined;
function numberWords(): NumberWords {
  cached ??= numberWordsOf(readNameTable('numbers.yml', NumbersFile));
  return cached;
}

/** Words with numbers written as digits (see the top of this file); other words unchanged. */
export function numbersAsDigits(words: readonly string[], table: NumberWords = numberWords()): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const ord = table.ordinalSuffix.exec(w);
    if (ord) {
      out.push(String(Number(ord[1])));
      continue;
    }
    const ten = table.tens.get(w);
    if (ten !== undefined) {
      const unit = i + 1 < words.length ? table.units.get(words[i + 1]) : undefined;
      if (unit !== undefined && unit > 0 && unit < 10) {
        out.push(String(ten + unit));
        i++;
      } else out.push(String(ten));
      continue;
    }
    const unit = table.units.get(w);
    if (unit !== undefined) out.push(String(unit));
    // a marker before a number says nothing the number does not ("No. 3", "Nr 28")
    else if (!(table.markers.has(w) && i + 1 < words.length && (/^\d/.test(words[i + 1]) || table.units.has(words[i + 1]) || table.tens.has(words[i + 1]))))
      out.push(w);
  }
  return out;
}
