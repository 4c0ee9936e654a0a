import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { ChineseFile, LegalFormsFile, readChinese, readLegalForms, readTokens, tables, TokensFile } from './tables.ts';
import { givenNamesOf, GivenNamesFile } from './given-names.ts';
import { ScriptsFile, scriptTablesOf } from './scripts.ts';
import { withTempFile } from '../../test/helpers/temp-file.ts';

const shipped = (file: string) => readFileSync(dataPath('names', file), 'utf8');

test('copies of the shipped name tables read the same', () => {
  withTempFile(shipped('legal-forms.yml'), (p) => assert.deepEqual(readLegalForms(readDataFile(p, LegalFormsFile)).legal, tables().legal));
  withTempFile(shipped('tokens.yml'), (p) => assert.deepEqual(readTokens(readDataFile(p, TokensFile)).weakOrg, tables().weakOrg));
  withTempFile(shipped('chinese.yml'), (p) => assert.deepEqual(readChinese(readDataFile(p, ChineseFile)).english, tables().english));
});

test('same_form groups name canonical forms, each in one group', () => {
  const forms = 'source: s\nforms:\n  - canonical: ltd\n    latin: [ltd]\n  - canonical: llc\n    latin: [llc]\n';
  withTempFile(`${forms}same_form:\n  - forms: [ltd, llc]\n    source: s\n`, (p) => {
    assert.equal(readLegalForms(readDataFile(p, LegalFormsFile)).legal.sameForm.get('llc'), 'ltd');
  });
  withTempFile(`${forms}same_form:\n  - forms: [ltd, lcc]\n    source: s\n`, (p) => {
    assert.throws(() => readLegalForms(readDataFile(p, LegalFormsFile)), /'lcc' is no canonical form/);
  });
  withTempFile(`${forms}same_form:\n  - forms: [ltd, llc]\n    source: s\n  - forms: [llc, ltd]\n    source: s\n`, (p) => {
    assert.throws(() => readLegalForms(readDataFile(p, LegalFormsFile)), /in two groups/);
  });
});

test('transformed groups name legal-form phrases of the forms, each in one group', () => {
  const forms = 'source: s\nforms:\n  - canonical: llc\n    latin: [ooo]\n  - canonical: jsc\n    latin: [ao, oao]\n';
  withTempFile(`${forms}transformed:\n  - phrases: [ooo, ao, oao]\n    source: s\n`, (p) => {
    const t = readLegalForms(readDataFile(p, LegalFormsFile)).legal.transformed;
    assert.equal(t.get('ooo'), t.get('oao'));
  });
  withTempFile(`${forms}transformed:\n  - phrases: [ooo, oaoo]\n    source: s\n`, (p) => {
    assert.throws(() => readLegalForms(readDataFile(p, LegalFormsFile)), /'oaoo' is no legal-form phrase/);
  });
  withTempFile(`${forms}transformed:\n  - phrases: [ooo, ao]\n    source: s\n  - phrases: [oao, ao]\n    source: s\n`, (p) => {
    assert.throws(() => readLegalForms(readDataFile(p, LegalFormsFile)), /in two groups/);
  });
});

test('broken name tables are refused with file, line and key', () => {
  withTempFile('source: s\nforms:\n  - canonical: ltd\n    latin: [ltd, 7]\n', (p) => {
    assert.throws(() => readDataFile(p, LegalFormsFile), /file\.yml:4:18: forms\[0\]\.latin\[1\]: expected a word \(quote numbers\), got 7/);
  });
  withTempFile('source: s\nweak:\n  0.2: [al]\n  1.5: [el]\n', (p) => {
    assert.throws(() => readTokens(readDataFile(p, TokensFile)), /file\.yml:4:8: weak\["1\.5"\]: weight 1\.5 not in 0\.\.1/);
  });
  withTempFile('source: s\nenglish:\n  中国: China\n', (p) => {
    assert.throws(() => readDataFile(p, ChineseFile), /file\.yml:3:7: english\.中国: expected lower-case English words, or a list of them, got "China"/);
  });
});

test('a given-name spelling in two groups is refused where it repeats', () => {
  withTempFile('source: s\nslavic:\n  - [ivan, iwan]\narabic:\n  - [umar, omar, ivan]\nother: []\n', (p) => {
    assert.throws(() => givenNamesOf(readDataFile(p, GivenNamesFile)), /file\.yml:5:18: arabic\[0\]\[2\]: 'ivan' is in the group of 'ivan' already/);
  });
  withTempFile('source: s\nslavic:\n  - [ivan]\narabic: []\nother: []\n', (p) => {
    assert.throws(() => readDataFile(p, GivenNamesFile), /file\.yml:3:5: slavic\[0\]: expected a group of two spellings or more, got a list/);
  });
});

test('a script table with a short Hangul list or a two-letter key is refused with its line', () => {
  const text = shipped('scripts.yml');
  const short = text.replace(/initials: \[k, /, 'initials: [');
  withTempFile(short, (p) =>
    assert.throws(() => readDataFile(p, ScriptsFile), /file\.yml:\d+:\d+: hangul\.initials: expected 19 lower-case Latin spellings, got a list/),
  );
  const twoLetters = text.replace(/^ {2}б: b$/m, '  бб: b');
  withTempFile(twoLetters, (p) =>
    assert.throws(() => scriptTablesOf(readDataFile(p, ScriptsFile)), /file\.yml:\d+:\d+: cyrillic\.бб: one letter expected as the key/),
  );
});
