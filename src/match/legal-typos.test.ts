import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseName } from '../names/index.ts';
import { compareNames } from './name-similarity.ts';
import { withoutLegalTypos } from './legal-typos.ts';

const org = (s: string) => analyseName(s, 'org')!;

test('a short legal form misspelt at the edge of a name is read as the form the other name has there', () => {
  for (const [a, b] of [
    ['OOl BITRIVER-B', 'OOO BITRIVER-B'],
    ['Lemon LrC Oy', 'Lemon LLC Oy'],
    ['ARGON OnO', 'ARGON OOO'],
    ['Pabas Holding Copr', 'Pabas Holding Corp'],
  ]) {
    const r = compareNames(org(a), org(b));
    assert.ok(r.score >= 0.9, `${a} / ${b}: ${r.score}`);
    assert.match(r.detail, /read as a misspelt legal form of the other name/);
  }
});

test('the word stays a name word when the other name has no such form at that edge, or nothing distinctive would be left', () => {
  // the form is at the other edge
  const [cora] = withoutLegalTypos(org('Cora Lemon'), org('Lemon Corp'));
  assert.deepEqual(
    cora.tokens.map((t) => t.text),
    ['cora', 'lemon'],
  );
  assert.ok(compareNames(org('Cora Lemon'), org('Lemon Corp')).score < 0.75);
  // only a generic word would be left
  assert.ok(compareNames(org('Inca Trading'), org('Trading Inc')).score < 0.75);
  // the other name has no legal form: nothing is set aside
  const [q] = withoutLegalTypos(org('Argon Ono'), org('Argon'));
  assert.deepEqual(
    q.tokens.map((t) => t.text),
    ['argon', 'ono'],
  );
  // person names are not read for legal forms
  const p = analyseName('Lemon Llx', 'person')!;
  assert.equal(withoutLegalTypos(p, org('Lemon LLC'))[0], p);
});
