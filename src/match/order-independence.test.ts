/**
 * A result depends on the query and the index only: scoring a name alone, or after other names (whose
 * alignments fill the scratch space with more and longer candidates, taken tokens and left-over words),
 * gives the same score and explanation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/entity.ts';
import { buildIndex, normaliseCountry, type MatchQuery } from './index.ts';

const listed: Entity[] = [
  { id: 'cloud-ar', schema: 'Company', properties: { name: ['Huawei Cloud Argentina'], country: ['ar'] } },
  { id: 'hikvision', schema: 'Company', properties: { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'], country: ['cn'] } },
  { id: 'cetc52', schema: 'Organization', properties: { name: ['China Electronics Technology Group Corporation 52nd Research Institute'] } },
  { id: 'duri', schema: 'Person', properties: { name: ['GHAZI HAMMUD AL-DURI', 'AL-DURI, Ghazi Hammud Adai'] } },
  { id: 'sun-create', schema: 'Company', properties: { name: ['Anhui Sun Create Electronics Co., Ltd.'], country: ['cn'] } },
  { id: 'ntech', schema: 'Company', properties: { name: ['NtechLab LLC', 'ООО НТЕХЛАБ'], country: ['ru'] } },
];

const q = (name: string, schema = 'LegalEntity', country?: string): MatchQuery => ({
  schema,
  properties: { name: [name], ...(country ? { country: [country] } : {}) },
});

// long and many-worded names first: they grow the alignment arrays and mark tokens far into them
const before: MatchQuery[] = [
  q('Hangzhou Hikmicro Sensing Technology Co. Ltd', 'LegalEntity', 'China'),
  q('CETC Fifty-Second Research Institute of China Electronics Technology Group Corporation Hangzhou Branch', 'Organization'),
  q('GHAZI HAMMUD AL-UBAIDI', 'Person'),
  q('NtechLab LLC', 'LegalEntity', 'Russia'),
  q('Anhui Sun Create Electronics Co Ltd', 'LegalEntity', 'China'),
];
const probes: MatchQuery[] = [q('Huawei Cloud Argentina', 'LegalEntity', 'Argentina'), q('AL-DURI, Ghazi', 'Person'), q('Hikvision', 'Company')];

const strip = (rs: ReturnType<ReturnType<typeof buildIndex>['match']>) => rs.map((r) => ({ id: r.id, score: r.score, explanation: r.explanation }));

test('a name scores the same alone and after other names', () => {
  for (const probe of probes) {
    const alone = strip(buildIndex(listed).match(probe, { cutoff: 0 }));
    const index = buildIndex(listed);
    for (const other of before) index.match(other, { cutoff: 0 });
    const after = strip(index.match(probe, { cutoff: 0 }));
    assert.ok(alone.length > 0, JSON.stringify(probe));
    assert.deepEqual(after, alone, JSON.stringify(probe));
  }
});

test('a country written out is the country its code names; one not known by name counts as no country', () => {
  assert.equal(normaliseCountry('Argentina'), 'ar');
  assert.equal(normaliseCountry('Korea, North'), 'kp');
  const index = buildIndex(listed);
  const [byName] = index.match(q('Huawei Cloud Argentina', 'LegalEntity', 'Argentina'));
  const [byCode] = index.match(q('Huawei Cloud Argentina', 'LegalEntity', 'AR'));
  assert.equal(byName.score, byCode.score);
  assert.equal(byName.explanation.country_mismatch, undefined);
  const [unknown] = index.match(q('Huawei Cloud Argentina', 'LegalEntity', 'Atlantis'));
  assert.equal(unknown.score, index.match(q('Huawei Cloud Argentina'))[0].score);
  // a known other country still disagrees
  const [chile] = index.match(q('Huawei Cloud Argentina', 'LegalEntity', 'Chile'));
  assert.ok(chile.score < byName.score, `${chile.score} < ${byName.score}`);
});
