import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Entity } from '../model/entity.ts';
import { analyseName, type NameKind } from '../names/index.ts';
import { nameScore } from './name-similarity.ts';
import { nameBound, signatureBound } from './name-bound.ts';
import { packSignatures, signature } from './name-signature.ts';
import { buildIndex, prepare, scorePrepared } from './index.ts';
import { scoreValue } from './scorer.ts';
import { DEFAULT_WEIGHTS, INTERCEPT } from './weights.ts';
import { logistic } from './model.ts';

// words that collide in many ways: shared letters, transliteration variants, given-name forms, joinable parts, acronyms, initials
const WORDS = [
  'ali',
  'aly',
  'alexander',
  'aleksandr',
  'fast',
  'link',
  'fastlink',
  'ftc',
  'foreign',
  'trade',
  'company',
  'co',
  'ltd',
  'hikvision',
  'hik',
  'vision',
  'kassem',
  'qasim',
  'naumov',
  'naumau',
  'uladzimir',
  'vladimir',
  'j',
  'a',
  '7th',
  '707',
  'bank',
  'sepah',
  'sepahbank',
  'mohammad',
  'muhammad',
  'dzmitry',
  'dmitriy',
  'patty',
  'patricia',
  'aleksandrovna',
  'alyaksandrauna',
  'tech',
  'technology',
  'shanghai',
  'zhejiang',
  'dahua',
  'da',
  'hua',
  'ooo',
  'ool',
  'llc',
  'lrc',
  'corp',
  'cora',
  'gmbh',
];

const wordsArb = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-z]{1,9}$/)), { minLength: 1, maxLength: 6 });
const nameArb = wordsArb.map((w) => w.join(' '));

/** A variant of a name as lists write them: words joined or split, a letter changed, dropped, added or swapped, an acronym, reordered. */
function variant(words: string[], op: number, at: number, letter: string): string {
  const w = words.slice();
  const i = at % w.length;
  switch (op) {
    case 0:
      if (i + 1 < w.length) w.splice(i, 2, w[i] + w[i + 1]);
      break;
    case 1:
      if (w[i].length > 3) w.splice(i, 1, w[i].slice(0, 3), w[i].slice(3));
      break;
    case 2:
      w[i] = w[i].slice(0, at % (w[i].length + 1)) + letter + w[i].slice((at % (w[i].length + 1)) + 1);
      break;
    case 3:
      w[i] = w[i].slice(0, at % w[i].length) + w[i].slice((at % w[i].length) + 1) || w[i];
      break;
    case 4:
      w.splice(
        i,
        Math.min(3, w.length - i),
        w
          .slice(i, i + 3)
          .map((x) => x[0])
          .join(''),
      );
      break;
    case 5: {
      const p = at % (w[i].length + 1);
      w[i] = w[i].slice(0, p) + letter + w[i].slice(p);
      break;
    } // a letter inserted
    case 6: {
      const p = at % Math.max(1, w[i].length - 1);
      if (w[i].length > 1) w[i] = w[i].slice(0, p) + w[i][p + 1] + w[i][p] + w[i].slice(p + 2);
      break;
    } // two letters swapped
    default:
      w.reverse();
  }
  return w.join(' ');
}

test('the name bound is never below the alignment score (random names, both kinds)', () => {
  fc.assert(
    fc.property(nameArb, nameArb, fc.constantFrom<NameKind>('org', 'person'), (a, b, kind) => {
      const x = analyseName(a, kind);
      const y = analyseName(b, kind);
      if (!x || !y || x.literal === y.literal) return;
      assert.ok(nameBound(x, y) >= nameScore(x, y) - 1e-9, `${a} | ${b}`);
    }),
    { numRuns: 3000 },
  );
});

test('the name bound is never below the alignment score (a name against its variants)', () => {
  fc.assert(
    fc.property(
      wordsArb,
      fc.nat(7),
      fc.nat(50),
      fc.constantFrom('a', 'e', 'k', 'x', 'h'),
      fc.constantFrom<NameKind>('org', 'person'),
      (words, op, at, letter, kind) => {
        const a = words.join(' ');
        const b = variant(words, op, at, letter);
        const x = analyseName(a, kind);
        const y = analyseName(b, kind);
        if (!x || !y || x.literal === y.literal) return;
        assert.ok(nameBound(x, y) >= nameScore(x, y) - 1e-9, `${a} | ${b}`);
        assert.ok(nameBound(y, x) >= nameScore(y, x) - 1e-9, `${b} | ${a}`);
      },
    ),
    { numRuns: 5000 },
  );
});

test('a signature packed in a pool at its offset bounds as the name does (person or organisation from the signature)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(nameArb, fc.constantFrom<NameKind>('org', 'person')), { minLength: 2, maxLength: 6 }),
      nameArb,
      fc.constantFrom<NameKind>('org', 'person'),
      (cands, query, kind) => {
        const forms = cands.map(([n, k]) => analyseName(n, k)).filter((f) => f !== undefined);
        const q = analyseName(query, kind);
        if (!q || !forms.length) return;
        const { pool, offsets } = packSignatures(forms);
        forms.forEach((c, k) => {
          assert.equal(signatureBound(signature(q), 0, pool, offsets[k]), nameBound(q, c), `${query} | ${c.raw}`);
        });
      },
    ),
    { numRuns: 1000 },
  );
  // a person's name against an organisation's is bounded as organisations are (no person containment bonus)
  const person = analyseName('HANIYEH, Ismail', 'person')!;
  const [asPerson, asOrg] = [analyseName('Ismail Haniyeh Abdel Salam', 'person')!, analyseName('Ismail Haniyeh Abdel Salam', 'org')!];
  assert.ok(nameBound(person, asPerson) > nameBound(person, asOrg));
});

test('the bound is low for names that share no word', () => {
  const x = analyseName('Blue Orchard Holdings', 'org')!;
  const y = analyseName('Zhejiang Dahua Technology Co Ltd', 'org')!;
  assert.ok(nameBound(x, y) < 0.5);
});

test('the bound rules out look-alike words further apart than the edits allowed', () => {
  // same letters but two edits apart; first and last letter both changed; a skeleton one letter off in a short word
  for (const [a, b, kind] of [
    ['Sine Technologies', 'Inea', 'org'],
    ['Musid al Ubaysi', 'Bashiq', 'person'],
    ['Kave SE', 'S Cape Limited', 'org'],
  ] as const) {
    const x = analyseName(a, kind)!;
    const y = analyseName(b, kind)!;
    assert.ok(nameBound(x, y) < 0.5, `${a} | ${b}: ${nameBound(x, y)}`);
  }
  // and keeps the words one edit or one swap apart
  for (const [a, b] of [
    ['Dahua', 'Dahau'],
    ['Hikvision', 'Hikvsion'],
    ['Uniview', 'Univiev'],
    ['Megvii', 'Megvi'],
  ]) {
    const x = analyseName(a, 'org')!;
    const y = analyseName(b, 'org')!;
    assert.ok(nameBound(x, y) >= nameScore(x, y) - 1e-9 && nameScore(x, y) > 0.5, `${a} | ${b}`);
  }
});

test('with a floor, scores at or above it are exact and those below stay below it', () => {
  const names = [
    'Hangzhou Hikvision Digital Technology Co Ltd',
    'Hikvision Europe BV',
    'EZVIZ Inc',
    'Zhejiang Dahua Technology',
    'Dahua Technology USA',
    'Fast Link Trading',
    'Sepah Bank',
    'Bank Sepah International PLC',
    'Foreign Trade Company',
  ];
  const entities: Entity[] = names.map((n, i) => ({ id: `e${i}`, schema: 'Company', properties: { name: [n] } }));
  buildIndex(entities); // packs signatures with final weights, as in use
  for (const query of ['Hikvision', 'Dahua Tech', 'FastLink Trading Co', 'Bank Sepah', 'FTC', 'Blue River Ltd']) {
    const q = prepare({ schema: 'Company', properties: { name: [query] } }, 'q');
    for (const e of entities) {
      const c = prepare(e);
      const exact = scorePrepared(q, c).score;
      const floored = scoreValue(q, c, undefined, 0.5625);
      if (exact >= 0.5625) assert.equal(floored, exact, `${query} → ${e.properties.name[0]}`);
      else assert.ok(floored < 0.5625, `${query} → ${e.properties.name[0]}`);
    }
  }
});

test('a score resting on a bound stays below the floor once rounded', () => {
  // floors just above a bound that rounds up to them (0.56249 → 0.5625): the floored score must not reach them
  const pairs: [string, string][] = [];
  for (const a of ['Fast Link Trading', 'Bank Sepah', 'Hikvision Europe', 'Dahua Tech', 'Ali Kassem', 'Foreign Trade Company'])
    for (const b of ['Fastlink Holding', 'Sepah Bank International', 'Hik Vision Digital', 'Dahua Technology USA', 'Aly Qasim Naumov', 'FTC'])
      pairs.push([a, b]);
  let checked = 0;
  for (const [a, b] of pairs) {
    const q = prepare({ schema: 'Company', properties: { name: [a] } }, 'q');
    const c = prepare({ id: 'c', schema: 'Company', properties: { name: [b] } });
    const bound = nameBound(q.names[0], c.names[0]);
    const exact = scorePrepared(q, c).score;
    const floor = Math.round(bound * 1e4) / 1e4;
    if (!(floor > bound) || exact >= floor || q.names[0].literal === c.names[0].literal) continue;
    checked++;
    assert.ok(scoreValue(q, c, undefined, floor) < floor, `${a} | ${b}: bound ${bound}, floor ${floor}`);
  }
  assert.ok(checked > 0, 'no pair with a bound that rounds up');
});

test('a score resting on a bound stays below the floor when rounding lifts it onto the floor', () => {
  // floors a bound-based score rounds up to exactly (0.56249 → 0.5625): the pair is pruned, and its score must not reach the floor
  let checked = 0;
  for (const a of ['Fast Link Trading', 'Bank Sepah', 'Hikvision Europe', 'Dahua Tech', 'Ali Kassem', 'Foreign Trade Company', 'Naumov Aleksandr'])
    for (const b of ['Fastlink Holding', 'Sepah Bank International', 'Hik Vision Digital', 'Dahua Technology USA', 'Aly Qasim Naumov', 'FTC', 'Vision']) {
      const q = prepare({ schema: 'Company', properties: { name: [a] } }, 'q');
      const c = prepare({ id: 'c', schema: 'Company', properties: { name: [b] } });
      const boundScore = logistic(INTERCEPT + DEFAULT_WEIGHTS.name_match * nameBound(q.names[0], c.names[0]));
      const floor = Math.round(boundScore * 1e4) / 1e4;
      if (!(floor > boundScore) || scorePrepared(q, c).score >= floor || q.names[0].literal === c.names[0].literal) continue;
      checked++;
      assert.ok(scoreValue(q, c, undefined, floor) < floor, `${a} | ${b}: floor ${floor}`);
    }
  assert.ok(checked > 0, 'no pair whose bound-based score rounds up');
});
