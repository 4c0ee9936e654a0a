import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typoRepair } from './typo-repair.ts';

const repair = typoRepair(['technologies', 'international', 'limited', 'ltd'], 8);

test('a word one edit from a known long word becomes that word', () => {
  assert.equal(repair.repair('terhnologies'), 'technologies'); // substitution
  assert.equal(repair.repair('internatonal'), 'international'); // deletion
  assert.equal(repair.repair('technollogies'), 'technologies'); // insertion
});

test('two edits, short words, known words and words with digits stay as they are', () => {
  assert.equal(repair.repair('tehcnologeis'), 'tehcnologeis');
  assert.equal(repair.repair('limitex'), 'limitex'); // vocabulary word below the length: not a repair target
  assert.equal(repair.repair('technologies'), 'technologies');
  assert.equal(repair.repair('technolog1es'), 'technolog1es');
});
