import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataPath } from '../paths.ts';
import { loadLexicon, readLexicon, readNameGuards } from './lexicon.ts';
import { withTempFile } from '../../test/helpers/temp-file.ts';

const shipped = readFileSync(dataPath('documents', 'capabilities.yml'), 'utf8');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('the shipped lexicon reads the same from a copy', () => {
  withTempFile(shipped, (path) => assert.deepEqual(readLexicon(path), loadLexicon()));
});

test('a broken capabilities file is refused with file, line and term', () => {
  const bad = shipped.replace('    severity: high\n', '    severity: severe\n');
  withTempFile(bad, (path) => {
    assert.throws(
      () => readLexicon(path),
      (e: Error) => {
        assert.equal(e.message, `${path}:${lineOf(bad, 'severity: severe')}:15: terms[0].severity: expected "high" or "medium" or "low", got "severe"`);
        return true;
      },
    );
  });
  const unknownContext = shipped.replace('requires_context: person-recognition', 'requires_context: person-recognishun');
  withTempFile(unknownContext, (path) => {
    assert.throws(
      () => readLexicon(path),
      new RegExp(`:${lineOf(unknownContext, 'person-recognishun')}:\\d+: terms\\[\\d+\\]\\.requires_context: unknown context person-recognishun`),
    );
  });
  const twice = shipped.replace('  - id: face-detection', '  - id: face-recognition');
  withTempFile(twice, (path) =>
    assert.throws(
      () => readLexicon(path),
      new RegExp(
        `:${lineOf(twice, '  - id: face-recognition\n    category: face recognition\n    severity: medium')}:9: terms\\[1\\]\\.id: term id face-recognition is used twice`,
      ),
    ),
  );
});

test('a broken name-guards file is refused with file and line', () => {
  withTempFile('latin_min_length: 4\ncommon_words: [china, "", group]\n', (path) => {
    assert.throws(() => readNameGuards(path), /file\.yml:2:23: common_words\[1\]: expected a non-empty string, got ""/);
  });
});

test('a lexicon term citing a source that data/pack/sources.yml does not define is refused at its line', () => {
  const bad = shipped.replace('    source: [nyt-2019-05-22]\n', '    source: [nyt-2019-05-22, facts-lexicon]\n');
  assert.notEqual(bad, shipped);
  withTempFile(bad, (path) =>
    assert.throws(
      () => readLexicon(path),
      new RegExp(`:${lineOf(bad, 'facts-lexicon')}:\\d+: terms\\[\\d+\\]\\.source\\[1\\]: unknown source "facts-lexicon" \\(not in data/pack/sources\\.yml\\)`),
    ),
  );
});
