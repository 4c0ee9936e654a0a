import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AhoCorasick } from './aho-corasick.ts';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  for (const p of new Set(patterns)) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${i}:${p}`);
  }
  return out.sort();
}

test('finds every occurrence of every pattern, overlapping ones included', () => {
  const ac = new AhoCorasick(['he', 'she', 'his', 'hers', '人脸', '人脸识别', '识别']);
  const got = ac
    .matchInText('ushers 人脸识别')
    .map((m) => `${m.begin}:${m.keyword}`)
    .sort();
  assert.deepEqual(got, naive(['he', 'she', 'his', 'hers', '人脸', '人脸识别', '识别'], 'ushers 人脸识别'));
});

test('agrees with a naive search on random patterns and texts', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '海', '康'), maxLength: 4 }), { maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'c', '海', '康'), maxLength: 40 }),
      (patterns, text) => {
        const got = new AhoCorasick(patterns)
          .matchInText(text)
          .map((m) => `${m.begin}:${m.keyword}`)
          .sort();
        assert.deepEqual(got, naive(patterns, text));
      },
    ),
    { numRuns: 300 },
  );
});
