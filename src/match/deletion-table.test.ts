import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DeletionTable } from './deletion-table.ts';

/** `s` with each letter from `from` on deleted, one at a time. */
function deletions(s: string, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** The definition, by brute force: one is the other less a letter, or both less a letter are equal. */
function expected(vocab: { key: string; deletable: boolean; from: number }[], word: string, from: number): Set<number> {
  const out = new Set<number>();
  const wordDel = deletions(word, from);
  vocab.forEach(({ key, deletable, from: keyFrom }, id) => {
    if (key === word) return;
    const keyDel = deletable ? deletions(key, keyFrom) : [];
    if (wordDel.includes(key) || keyDel.includes(word) || keyDel.some((d) => wordDel.includes(d))) out.add(id);
  });
  return out;
}

function table(vocab: { key: string; deletable: boolean; from: number }[]): DeletionTable {
  const t = new DeletionTable();
  vocab.forEach(({ key, deletable, from }, id) => {
    t.add(id, key, deletable, from);
  });
  t.finish();
  return t;
}

function found(t: DeletionTable, word: string, from: number): Set<number> {
  const out = new Set<number>();
  t.neighbours(word, from, (id) => out.add(id));
  return out;
}

test('neighbours within one edit: deletion, insertion, substitution; the word itself is not one', () => {
  const vocab = ['hikvision', 'hikvisio', 'hikvisions', 'hekvision', 'dahua', 'dahu', 'daihua', 'uniview', 'hikvision'].map((key) => ({
    key,
    deletable: true,
    from: 0,
  }));
  const t = table(vocab);
  const ids = (word: string) => [...found(t, word, 0)].map((id) => vocab[id].key).sort();
  assert.deepEqual(ids('hikvision'), ['hekvision', 'hikvisio', 'hikvisions']);
  assert.deepEqual(ids('dahua'), ['dahu', 'daihua']);
  // two letters swapped: both less one letter are "daha"
  assert.deepEqual(ids('dahau'), ['dahu', 'dahua']);
  assert.deepEqual(ids('unview'), ['uniview']);
  assert.deepEqual(ids('zte'), []);
});

test('a key not marked deletable is found only as the word less a letter', () => {
  const vocab = [
    { key: 'abcd', deletable: false, from: 0 },
    { key: 'abce', deletable: true, from: 0 },
  ];
  const t = table(vocab);
  assert.deepEqual([...found(t, 'abcdx', 0)].sort(), [0]);
  // "abce" less "e" is "abc", as is "abcx" less "x"; "abcd" would need deleting from the key
  assert.deepEqual([...found(t, 'abcx', 0)].sort(), [1]);
});

test('letters before the edit position are never deleted ("s:" of skeleton keys)', () => {
  const vocab = [
    { key: 's:abcd', deletable: true, from: 2 },
    { key: 'sabcd', deletable: true, from: 0 },
  ];
  const t = table(vocab);
  assert.deepEqual([...found(t, 's:abc', 2)], [0]);
  assert.deepEqual([...found(t, ':abcd', 0)], [1]);
  assert.deepEqual([...found(t, 's:abcde', 2)], [0]);
});

test('neighbours are exactly the brute-force set (random vocabularies over few letters)', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 1, maxLength: 7 });
  fc.assert(
    fc.property(fc.array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 60 }), word, (entries, query) => {
      const vocab = entries.map(([key, deletable]) => ({ key, deletable, from: 0 }));
      assert.deepEqual(
        [...found(table(vocab), query, 0)].sort((a, b) => a - b),
        [...expected(vocab, query, 0)].sort((a, b) => a - b),
      );
    }),
    { numRuns: 300 },
  );
});

test('keys must be added in id order', () => {
  const t = new DeletionTable();
  assert.throws(() => t.add(1, 'abcd', true), /out of order/);
});
