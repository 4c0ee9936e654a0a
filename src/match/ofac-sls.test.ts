import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jaro, jaroWinkler, soundex } from './string-distance.ts';
import { namePartsScore, partScore, slsCandidate, slsNormalise, slsScore, wholeNameScore } from './ofac-sls.ts';
import { buildAlgorithmIndex, algorithmName, algorithmThreshold } from './algorithms.ts';
import { OFAC_SLS } from './ofac-sls.ts';

test('Jaro-Winkler and Soundex give the textbook values', () => {
  assert.equal(Math.round(jaro('MARTHA', 'MARHTA') * 10000), 9444);
  assert.equal(Math.round(jaroWinkler('MARTHA', 'MARHTA') * 10000), 9611);
  assert.equal(Math.round(jaroWinkler('DIXON', 'DICKSONX') * 10000), 8133);
  assert.equal(jaroWinkler('ABC', 'XYZ'), 0);
  assert.deepEqual(['ROBERT', 'RUPERT', 'ASHCRAFT', 'TYMCZAK', 'PFISTER', 'A'].map(soundex), ['R163', 'R163', 'A261', 'T522', 'P236', 'A000']);
});

test('names are read as the tool reads them: upper case, apostrophes and dots join, other marks separate', () => {
  assert.equal(slsNormalise("O'Brien, J.P."), 'OBRIEN JP');
  assert.equal(slsNormalise('AL-QAEDA'), 'AL QAEDA');
});

test('prefilter: a list name is a candidate only if some part shares the first letter and is half alike', () => {
  assert.ok(slsCandidate('Z', 'ALBARRAQ Z'), 'a later part of the list name counts');
  assert.ok(!slsCandidate('GEORGE BUSH', 'PUTIN, Vladimir'));
  assert.ok(!slsCandidate('PUTIN', 'BUTIN'), 'the first letter must agree');
  assert.ok(!slsCandidate('Владимир Путин', 'PUTIN, Vladimir'), 'the tool does not transliterate');
  assert.equal(slsScore('GEORGE BUSH', 'PUTIN, Vladimir'), undefined);
});

test('technique (a): Jaro-Winkler of the whole names, the list name as written (surname first)', () => {
  assert.equal(wholeNameScore('AL-QAEDA', 'AL QAEDA'), 100);
  assert.equal(wholeNameScore('KIM JONG UN', 'KIM, Song Hun'), Math.round(100 * jaroWinkler('KIM JONG UN', 'KIM SONG HUN')));
  // not reordered to "George HEWANI", which would share the whole first half
  assert.ok(wholeNameScore('GEORGE BUSH', 'HEWANI, George') < 60);
  assert.ok(slsScore('KIM JONG UN', 'KIM, Song Hun')!.score >= 90, 'the whole name carries a pair whose parts differ in first letter');
});

test('technique (b): each entered part against its best list part, averaged over the entered parts', () => {
  assert.equal(namePartsScore('PUTIN', 'PUTIN, Vladimir Vladimirovich'), 100, 'extra list parts do not lower it');
  assert.equal(namePartsScore('MOHAMMED ALI', 'BAZI, Qassem Mohammed Ali'), 100, 'order does not matter');
  assert.equal(namePartsScore('GEORGE BUSH', 'HASWANI, George'), 50, 'a part with no comparable list part counts 0');
  assert.equal(namePartsScore('J.P. MORGAN', 'MORGAN HUERTA, Jose Arnoldo'), 100, 'initials are left out beside longer parts');
  assert.equal(namePartsScore('Z', 'ALBARRAQ Z'), 100, 'but kept when they are all there is');
  // Soundex agreement raises a part pair: ESCOBAR and ESSABAR are both E216
  assert.ok(partScore('ESCOBAR', 'ESSABAR') > jaroWinkler('ESCOBAR', 'ESSABAR'));
  assert.equal(partScore('JONG', 'SONG'), 0, 'different first letters are not compared');
  assert.equal(slsScore('PUTIN', 'PUTIN, Vladimir')!.score, 100, 'the higher technique is the score');
});

test('the ofac-sls index returns entities by their best name or alias, with the slider as threshold', () => {
  assert.equal(algorithmName('best'), 'sightline-v1');
  assert.throws(() => algorithmName('logic-v2'), /unknown algorithm "logic-v2"; known algorithms: sightline-v1, best, ofac-sls/);
  assert.equal(algorithmThreshold(OFAC_SLS), 0.8);
  const index = buildAlgorithmIndex(OFAC_SLS, [
    { id: 'putin', schema: 'Person', properties: { name: ['PUTIN, Vladimir Vladimirovich'] } },
    { id: 'potanin', schema: 'Person', properties: { name: ['POTANIN, Vladimir Olegovich'] } },
    { id: 'obo', schema: 'Company', properties: { name: ['OBORON HOLDING LLC'], alias: ['PUTINSKY TRADE'] } },
    { id: 'far', schema: 'Company', properties: { name: ['GLORY HARVEST'] } },
  ]);
  const results = index.match({ schema: 'LegalEntity', properties: { name: ['VLADIMR PUTIN'] } }, { limit: 5 });
  assert.deepEqual(
    results.map((r) => [r.id, r.match]),
    [
      ['putin', true],
      ['potanin', true],
    ],
  );
  assert.equal(results[0].score, 0.99);
  assert.match(results[0].explanation[OFAC_SLS].detail, /whole name \d+, name parts 99/);
  const persons = index.match({ schema: 'Company', properties: { name: ['PUTIN'] } }, { threshold: 0, cutoff: 0 });
  assert.deepEqual(
    persons.map((r) => r.id),
    ['obo'],
    'the schema filter applies; the alias is searched',
  );
  assert.throws(() => index.match({ schema: 'Person', properties: { name: ['X'] } }, { weights: { name_match: 1 } }), /no feature weights/);
});

test('the index scores exactly as slsScore, pruned or not (its bounds never drop a name that reaches the cutoff)', () => {
  const listNames = ['PUTIN, Vladimir Vladimirovich', 'KIM, Jong Un', 'KIM KIM TRADING CO LTD', 'ALBARRAQ Z', 'AL-ASSAD, Bashar', 'OBORON HOLDING LLC'];
  const entered = ['VLADIMR PUTIN', 'KIM KIM', 'Z', 'ASSAD BASHAR', "O'BRIEN", 'KIM JONG UN', 'J.P. MORGAN'];
  const index = buildAlgorithmIndex(
    OFAC_SLS,
    listNames.map((name, i) => ({ id: `e${i}`, schema: 'LegalEntity', properties: { name: [name] } })),
  );
  for (const q of entered) {
    for (const cutoff of [0, 0.6]) {
      const got = new Map(index.match({ schema: 'LegalEntity', properties: { name: [q] } }, { limit: 10, threshold: 0.8, cutoff }).map((r) => [r.id, r.score]));
      listNames.forEach((name, i) => {
        const expected = slsScore(q, name)?.score;
        const want = expected !== undefined && expected / 100 >= cutoff ? expected / 100 : undefined;
        assert.equal(got.get(`e${i}`), want, `${q} ~ ${name} at cutoff ${cutoff}`);
      });
    }
  }
});
