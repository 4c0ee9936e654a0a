import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Type, { type TSchema } from 'typebox';
import { SightlineError } from '../errors.ts';
import { loadDataFile, parseDataText, pathText, readDataFile } from './data-file.ts';

const Rules = Type.Object({
  rules: Type.Array(
    Type.Object(
      {
        id: Type.String(),
        threshold: Type.Optional(Type.Number()),
        lists: Type.Optional(Type.Union([Type.Literal('any'), Type.Array(Type.String())])),
      },
      { additionalProperties: false },
    ),
  ),
});

const TEXT = `# rules
rules:
  - id: a
    threshold: 50
  - id: b
    threshold: fifty
`;

function refusal(text: string, schema: TSchema = Rules): SightlineError {
  try {
    parseDataText(text, 'data/rules.yml', schema);
  } catch (e) {
    assert.ok(e instanceof SightlineError, `not a SightlineError: ${e}`);
    return e;
  }
  assert.fail('the file was accepted');
}

test('valid data comes back typed and unchanged', () => {
  const doc = parseDataText(TEXT.replace('fifty', '40'), 'data/rules.yml', Rules);
  assert.deepEqual(doc.value, {
    rules: [
      { id: 'a', threshold: 50 },
      { id: 'b', threshold: 40 },
    ],
  });
});

test('a wrong type names file:line:col, the path and what was expected', () => {
  const e = refusal(TEXT);
  assert.equal(e.message, 'data/rules.yml:6:16: rules[1].threshold: expected number, got "fifty"');
  assert.equal(e.code, 'CONFIG');
  assert.deepEqual(e.location, { file: 'data/rules.yml', line: 6, column: 16 });
});

test('a missing required key points at the mapping that lacks it', () => {
  const e = refusal('rules:\n  - id: a\n  - threshold: 3\n');
  assert.equal(e.message, 'data/rules.yml:3:5: rules[1]: missing required key "id"');
});

test('an unknown key in a closed mapping points at the key and lists the allowed ones', () => {
  const e = refusal('rules:\n  - id: a\n    treshold: 3\n');
  assert.equal(e.message, 'data/rules.yml:3:5: rules[0].treshold: unknown key (allowed: id, threshold, lists)');
});

test('a misspelt required key is reported as the misspelling, not as missing', () => {
  const e = refusal('rules:\n  - idd: a\n');
  assert.equal(e.message, 'data/rules.yml:2:5: rules[0].idd: unknown key (allowed: id, threshold, lists)');
});

test('a failed union says what any alternative would have been', () => {
  const e = refusal('rules:\n  - id: a\n    lists: 5\n');
  assert.equal(e.message, 'data/rules.yml:3:12: rules[0].lists: expected "any" or a list, got 5');
});

test('bad YAML syntax names the line and column of the fault', () => {
  const e = refusal('rules:\n  - id: a\n    threshold: [1, 2\n');
  assert.match(e.message, /^data\/rules\.yml:4:1: invalid YAML: /);
  const dup = refusal('rules:\n  - id: a\n    id: b\n');
  assert.match(dup.message, /^data\/rules\.yml:3:5: invalid YAML: .*[Uu]nique/);
});

test('an empty file is refused as the wrong shape, not read as nothing', () => {
  assert.equal(refusal('# nothing\n').message, 'data/rules.yml:1:1: expected a mapping, got nothing');
});

test('a description on the schema words the expectation', () => {
  const Word = Type.Object({ w: Type.String({ pattern: '^[a-z]+$', description: 'one lower-case Latin word' }) });
  assert.equal(refusal('w: Hello\n', Word).message, 'data/rules.yml:1:4: w: expected one lower-case Latin word, got "Hello"');
});

test('loaders locate their own domain errors through fail()', () => {
  const doc = parseDataText(TEXT.replace('fifty', '40'), 'data/rules.yml', Rules);
  const e = doc.fail(['rules', 1, 'threshold'], 'must be below 30');
  assert.equal(e.message, 'data/rules.yml:6:16: rules[1].threshold: must be below 30');
  // a path that is not in the document points at its nearest parent
  assert.deepEqual(doc.position(['rules', 1, 'note']), { line: 5, column: 5 });
});

test('files on disk: the error uses the name given, the code can be BAD_INPUT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-file-'));
  try {
    const path = join(dir, 'rules.yml');
    writeFileSync(path, TEXT);
    assert.throws(
      () => loadDataFile(path, Rules, { name: 'my/rules.yml', code: 'BAD_INPUT' }),
      (e: SightlineError) => {
        assert.equal(e.code, 'BAD_INPUT');
        assert.match(e.message, /^my\/rules\.yml:6:16: /);
        return true;
      },
    );
    assert.throws(() => readDataFile(join(dir, 'missing.yml'), Rules), /cannot read data file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('alias bombs stop at the alias limit', () => {
  const bomb = 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n';
  assert.throws(() => parseDataText(bomb, 'f.yml', Type.Unknown(), { maxAliasCount: 5 }), /f\.yml:1:1: cannot read YAML/);
});

test('paths print the way one writes them', () => {
  assert.equal(pathText(['rules', 2, 'threshold']), 'rules[2].threshold');
  assert.equal(pathText([0, 'id']), '[0].id');
  assert.equal(pathText(['weak', '0.2']), 'weak["0.2"]');
  assert.equal(pathText(['english', '长城']), 'english.长城');
});
