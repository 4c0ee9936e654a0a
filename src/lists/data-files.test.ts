import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readImportTables } from './tables.ts';
import { sourceSpecs } from './update.ts';
import { readLists } from '../model/lists.ts';
import { withTempFile } from '../../test/helpers/temp-file.ts';

function refused(load: (path: string) => unknown, text: string, expected: (path: string) => string): void {
  withTempFile(text, (path) =>
    assert.throws(
      () => load(path),
      (e: Error) => (assert.equal(e.message, expected(path)), true),
    ),
  );
}

test('list-import.yml: a wrong shape is refused with file, line and key', () => {
  const good = 'consPrograms:\n  - { prefix: CMIC, list: CMIC }\nconsDefault: MBS\nidentifierTypes: []\ncompanyWords: [Ltd, gmbh]\n';
  withTempFile(good, (path) => assert.deepEqual([...readImportTables(path).companySet], ['ltd', 'gmbh']));
  refused(readImportTables, good.replace('list: CMIC', 'lst: CMIC'), (p) => `${p}:2:21: consPrograms[0].lst: unknown key (allowed: prefix, list)`);
  refused(readImportTables, good.replace('consDefault: MBS\n', ''), (p) => `${p}:1:1: missing required key "consDefault"`);
});

test('list-sources.yml: a source without files or template is refused where it stands', () => {
  refused(
    sourceSpecs,
    '- name: csl\n  format: csl-json\n  files: [https://x/c.json]\n- name: other\n  format: csv\n',
    (p) => `${p}:4:3: [1]: source other needs files or a template`,
  );
  refused(
    sourceSpecs,
    '- name: csl\n  format: csl-json\n  optional: sometimes\n  files: []\n',
    (p) => `${p}:3:13: [0].optional: expected true or false, got "sometimes"`,
  );
});

test('lists.yml: a missing key or a repeated code is refused with file and line', () => {
  const entry = (code: string) => `- code: ${code}\n  name: Entity List\n  authority: BIS\n`;
  refused(readLists, `${entry('EL')}- code: SDN\n  name: SDN List\n`, (p) => `${p}:4:3: [1]: missing required key "authority"`);
  refused(readLists, entry('EL') + entry('EL'), (p) => `${p}:4:9: [1].code: list code "EL" is defined twice`);
});
