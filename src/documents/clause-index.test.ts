import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ClauseIndex } from './parts.ts';

const STOPS = '。；;，,!?！？\n';

/** The clause bounds as first written: read CLAUSE_REACH (160) characters each way for every pair. */
function reference(text: string, from: number, to: number): [number, number] {
  const isEnd = (i: number) => {
    const c = text[i];
    if (c !== '.') return c !== undefined && STOPS.includes(c);
    const n = text[i + 1];
    return n === ' ' || n === '\n' || n === '\r' || n === '\t' || n === '\u00a0' || n === '\u3000';
  };
  let s = from;
  const sMin = Math.max(0, from - 160);
  while (s > sMin && !isEnd(s - 1)) s--;
  let e = to;
  const eMax = Math.min(text.length, to + 160);
  while (e < eMax && !isEnd(e)) e++;
  if (e < text.length && isEnd(e)) e++;
  return [s, e];
}

test('clause bounds carried from one pair to the next are those read afresh, in any order of lookups (fuzz: a 250 KB run without a stop took over 2 s)', () => {
  const piece = fc.constantFrom('民族', '属性', '。', '，', '. ', 'a', '人员', ' ', '.x', '\n');
  fc.assert(
    fc.property(
      fc.array(piece, { minLength: 1, maxLength: 400 }).map((xs) => xs.join('')),
      fc.array(fc.tuple(fc.nat(), fc.nat(40)), { minLength: 1, maxLength: 60 }),
      fc.boolean(),
      (text, lookups, ascending) => {
        const index = new ClauseIndex(text, STOPS);
        const spans = lookups.map(([at, len]) => {
          const from = at % text.length;
          return [from, Math.min(text.length, from + 1 + len)] as const;
        });
        if (ascending) spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        for (const [from, to] of spans) assert.deepEqual(index.bounds(from, to), reference(text, from, to), `${from}-${to}`);
      },
    ),
    { numRuns: 500 },
  );
});

test('a long run without a clause end reads in linear time: bounds over every position of it agree with the reference at its edges', () => {
  const text = `开头。${'民族属性匁'.repeat(20_000)}结尾。`;
  const index = new ClauseIndex(text, STOPS);
  for (let from = 0; from + 10 < text.length; from += 5) index.bounds(from, from + 10);
  for (const from of [0, 3, 500, text.length - 20]) assert.deepEqual(index.bounds(from, from + 10), reference(text, from, from + 10));
});
