/**
 * Pins what the scanner finds on the benchmark's kind of text, so a change made for speed cannot change a
 * finding unnoticed: bench:scan's generated tender text with the realistic cases of capability-parts.yml woven
 * in, scanned whole and in small chunks. The expected lines (test/fixtures/documents/scan-findings.txt) were
 * written by the scanner at faffc75, before the speed work of issue #28; SIGHTLINE_WRITE_FINDINGS=1 rewrites
 * them after a deliberate change of behaviour (then read the diff).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import fc from 'fast-check';
import { countHanAndLatinWords, createScanner } from './scanner.ts';
import { scanRaw } from './scan-text.ts';
import type { DocumentHit } from './types.ts';
import type { RawHit } from './detect.ts';
import { sampleEntities } from '../../test/fixtures/documents/sample-entities.ts';
import { corpusParagraphs } from '../../test/fixtures/documents/scan-corpus.ts';

const EXPECTED = new URL('../../test/fixtures/documents/scan-findings.txt', import.meta.url);
const cases: { positive: { text: string }[]; brand_locking: { text: string }[]; clean: string[] } = parse(
  readFileSync(new URL('../../test/fixtures/documents/capability-parts.yml', import.meta.url), 'utf8'),
);

/** 1,000 generated paragraphs; after every fifth, on the same line, one of the realistic cases in turn. */
function corpus(): string {
  const next = corpusParagraphs(42);
  const woven = [...cases.positive.map((c) => c.text), ...cases.brand_locking.map((c) => c.text), ...cases.clean];
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) lines.push(i % 5 === 4 ? `${next()} ${woven[Math.floor(i / 5) % woven.length]}` : next());
  return lines.join('\n');
}

/** A finding on one line; the clause by its length and first 30 characters (the offsets place it). */
function line(h: RawHit | DocumentHit): string {
  const who = 'entity' in h ? (h.entity?.id ?? '') : h.row === null ? '' : `row ${h.row}`;
  const clause = h.clause ? `${h.clause.length}: ${h.clause.slice(0, 30)}` : '';
  return [`${h.start}-${h.end}`, h.type, h.category, h.severity, h.term, who, (h.notes ?? []).join('; '), clause].join(' | ');
}

const scanner = createScanner({ entities: sampleEntities() });
const text = corpus();

test("the scanner's findings on generated tender text are those recorded before the speed work", () => {
  const found = scanner.scanText(text).map(line);
  if (process.env.SIGHTLINE_WRITE_FINDINGS === '1') writeFileSync(EXPECTED, `${found.join('\n')}\n`);
  const expected = readFileSync(EXPECTED, 'utf8').trimEnd().split('\n');
  assert.ok(expected.length > 200, `${expected.length} findings expected`);
  assert.deepEqual(found, expected);
});

test('scanned in 4,000-character chunks, the text gives the same raw findings as scanned whole', () => {
  const whole = scanRaw(scanner.patterns, text).map(line);
  const chunked = scanRaw(scanner.patterns, text, 4000).map(line);
  assert.ok(whole.length > 200);
  assert.deepEqual(chunked, whole);
});

test('the language counts are those of the regular expressions they replace, surrogate pairs and cut pairs included', () => {
  const pieces = ['人脸', '識別', '𠀀', '𠮷', '\ud840', '\udc00', '々', '〇', '⺀', 'ab', 'A', 'z', ' ', '1', 'é', '𝐀', '。', 'Wi-Fi'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), (parts, noise) => {
      const s = parts.join('') + noise;
      const expected = { han: s.match(/\p{Script=Han}/gu)?.length ?? 0, latinWords: s.match(/[A-Za-z]{2,}/g)?.length ?? 0 };
      assert.deepEqual(countHanAndLatinWords(s), expected, JSON.stringify(s));
    }),
    { numRuns: 2000 },
  );
});
