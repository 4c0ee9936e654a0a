import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseRules } from '../graph/rules.ts';
import { readColumnSynonyms } from './columns.ts';
import { withTempFile } from '../../test/helpers/temp-file.ts';

const withFile = (name: string, text: string, fn: (path: string) => void) => withTempFile(text, fn, name);

test('a broken rules file is refused with file, line and the rule field', () => {
  const text = '- id: ofac50\n  name: OFAC 50\n  kind: ownership-aggregate\n  lists: [SDN]\n  threshold: fifty\n';
  withFile('rules.yml', text, (path) => {
    assert.throws(
      () => parseRules(readFileSync(path, 'utf8'), path),
      (e: Error) => {
        assert.equal(e.message, `${path}:5:14: [0].threshold: expected number, got "fifty"`);
        return true;
      },
    );
  });
  assert.throws(
    () => parseRules('- {id: a, name: A, kind: brand, lists: any, threshhold: 5}', 'data/rules.yml'),
    /data\/rules\.yml:1:45: \[0\]\.threshhold: unknown key/,
  );
});

test('a broken columns file is refused with file and line', () => {
  withFile('columns.yml', 'name: [vendor, supplier]\ncountry: land\n', (path) => {
    assert.throws(
      () => readColumnSynonyms(path),
      (e: Error) => {
        assert.equal(e.message, `${path}:2:10: country: expected a list, got "land"`);
        return true;
      },
    );
  });
  withFile('columns.yml', 'name: [vendor, Supplier Name]\n', (path) => {
    assert.deepEqual(
      [...readColumnSynonyms(path)],
      [
        ['vendor', 'name'],
        ['suppliername', 'name'],
      ],
    );
  });
});
