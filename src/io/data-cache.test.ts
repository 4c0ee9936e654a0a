import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Type from 'typebox';
import { readDataFile } from './data-file.ts';
import { dataCacheDir } from './data-cache.ts';

const Tokens = Type.Object({ tokens: Type.Array(Type.Object({ word: Type.String(), weight: Type.Number() }, { additionalProperties: false })) });
const TEXT = 'tokens:\n  - word: co\n    weight: 0.2\n  - word: ltd\n    weight: 0.1\n';

/** A data file and a cache folder of its own (the cache folder is read from the environment on each call). */
function setup(text = TEXT) {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-data-cache-'));
  const cache = join(dir, 'cache');
  process.env.SIGHTLINE_CACHE_DIR = cache;
  const file = join(dir, 'tokens.yml');
  writeFileSync(file, text);
  const entries = () => {
    try {
      return readdirSync(cache).map((f) => join(cache, f));
    } catch {
      return [];
    }
  };
  return { file, cache, entries };
}

test('a checked file is kept; the next read takes the same value from the cache', () => {
  const { file, entries } = setup();
  const first = readDataFile(file, Tokens).value;
  assert.equal(entries().length, 1);
  // the entry is what the next read returns: change it and the change shows
  writeFileSync(entries()[0], JSON.stringify({ tokens: [{ word: 'from-cache', weight: 1 }] }));
  assert.deepEqual(readDataFile(file, Tokens).value, { tokens: [{ word: 'from-cache', weight: 1 }] });
  writeFileSync(entries()[0], JSON.stringify(first));
  assert.deepEqual(readDataFile(file, Tokens).value, first);
});

test('an edited file misses the cache and is parsed and checked again', () => {
  const { file, entries } = setup();
  readDataFile(file, Tokens);
  writeFileSync(file, TEXT.replace('0.2', '0.3'));
  assert.equal(readDataFile(file, Tokens).value.tokens[0].weight, 0.3);
  writeFileSync(file, TEXT.replace('0.2', 'heavy'));
  assert.throws(() => readDataFile(file, Tokens, { name: 'tokens.yml' }), /tokens\.yml:3:13: tokens\[0\]\.weight: expected number/);
  assert.equal(entries().length, 2, 'the refused text left no entry');
});

test('the same text under another schema is another entry', () => {
  const { file, entries } = setup();
  readDataFile(file, Tokens);
  assert.deepEqual(readDataFile(file, Type.Unknown()).value, readDataFile(file, Tokens).value);
  assert.equal(entries().length, 2);
});

test('a damaged entry is a miss: the file is parsed again and the entry rewritten', () => {
  const { file, entries } = setup();
  const value = readDataFile(file, Tokens).value;
  writeFileSync(entries()[0], '{"tokens": [');
  assert.deepEqual(readDataFile(file, Tokens).value, value);
  assert.deepEqual(readDataFile(file, Tokens).value, value);
});

test("a value from the cache still locates a loader's own refusals in the YAML", () => {
  const { file } = setup();
  readDataFile(file, Tokens, { name: 'tokens.yml' });
  const doc = readDataFile(file, Tokens, { name: 'tokens.yml' });
  assert.equal(doc.fail(['tokens', 1, 'word'], 'is not a legal form').message, 'tokens.yml:4:11: tokens[1].word: is not a legal form');
});

test('SIGHTLINE_CACHE_DIR=off keeps nothing', () => {
  const { file, entries } = setup();
  process.env.SIGHTLINE_CACHE_DIR = 'off';
  assert.equal(dataCacheDir(), undefined);
  readDataFile(file, Tokens);
  assert.equal(entries().length, 0);
});
