import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Vocabulary } from './vocabulary.ts';

/** A key list read entry by entry, counting the reads (as a snapshot's on-demand string list). */
function counted(keys: string[]): { list: { length: number; at(i: number): string | undefined }; reads: () => number } {
  let reads = 0;
  return {
    list: {
      length: keys.length,
      at: (i: number) => {
        reads++;
        return keys[i];
      },
    },
    reads: () => reads,
  };
}

test('a vocabulary opened from its state finds every key, and no other, by binary search', () => {
  const built = new Vocabulary();
  // ids in insertion order; non-ASCII, prefixed and Han keys sort by code unit, as `<` compares
  const words = ['hikvision', 's:hkvsn', 'dahua', 'h:海康', 'ezviz', 'ąb', 'a', 'p:HKFS', 'zz'];
  for (const w of words) built.add(w);
  assert.equal(built.id('dahua'), 2);
  const state = built.state();
  const keys = Array.from({ length: state.keys.length }, (_, i) => state.keys.at(i)!);
  assert.deepEqual(keys, words);
  const { list, reads } = counted(keys);
  const opened = new Vocabulary({ keys: list, keyOrder: state.keyOrder });
  assert.equal(reads(), 0, 'opening decodes no key');
  assert.equal(opened.size, words.length);
  words.forEach((w, id) => {
    assert.equal(opened.id(w), id, w);
  });
  for (const absent of ['', 'hik', 'hikvisio', 'zzz', 'b', 'h:海', '\uffff']) assert.equal(opened.id(absent), undefined, absent);
  assert.equal(opened.at(4), 'ezviz');
  // each key decoded once, then kept
  const before = reads();
  for (const w of words) opened.id(w);
  assert.equal(reads(), before);
});

test('an opened vocabulary takes no new key, and refuses a key order of another length', () => {
  const built = new Vocabulary();
  built.add('a');
  built.add('b');
  const state = built.state();
  assert.throws(() => new Vocabulary(state).add('c'), /takes no new keys/);
  assert.throws(() => new Vocabulary({ keys: state.keys, keyOrder: new Int32Array(1) }), /differ in length/);
});

test('after many searches an opened vocabulary maps its keys and answers the same', () => {
  const built = new Vocabulary();
  const words = Array.from({ length: 500 }, (_, i) => `w${(i * 7919) % 1000}`);
  for (const w of words) built.add(w);
  const state = built.state();
  const opened = new Vocabulary(state);
  for (let round = 0; round < 60; round++)
    words.forEach((w, id) => {
      assert.equal(opened.id(w), id);
      assert.equal(opened.id(`${w}x`), undefined);
    });
});
