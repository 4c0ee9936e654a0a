/** Words of firm names read through the name tables: abbreviations, translations, designations and place adjectives (data/names/tokens.yml). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/entity.ts';
import { DEFAULT_THRESHOLD, scorePair } from './index.ts';

const company = (name: string) => ({ schema: 'Company', properties: { name: [name] } });
const entity = (id: string, schema: string, properties: Record<string, string[]>): Entity => ({ id, schema, properties });
const score = (a: string, b: string) => scorePair(company(a), entity('b', 'Company', { name: [b] })).score;

test('"Biotech", "Info" and "Pharma" are the words they shorten; another word in their place still differs', () => {
  assert.ok(score('Tsingke Biotechnology Co., Ltd.', 'Beijing Tsingke Biotech Co., Ltd.') >= DEFAULT_THRESHOLD);
  assert.ok(score('Hengrui Pharma Co., Ltd.', 'Hengrui Pharmaceutical Co., Ltd.') >= DEFAULT_THRESHOLD);
  assert.ok(score('Kunlun Info Technology Co., Ltd.', 'Kunlun Information Technology Co., Ltd.') >= DEFAULT_THRESHOLD);
  assert.ok(score('Tsingke Biotech Co., Ltd.', 'Tsingke Pharma Co., Ltd.') < DEFAULT_THRESHOLD);
});

test('"ME" in a firm name is Middle East: the name written out matches, another region does not', () => {
  assert.ok(score('SANCO ME, LLC.', 'SANCO Middle East, LLC') >= DEFAULT_THRESHOLD);
  assert.ok(score('SANCO ME FZC', 'SANCO Far East FZC') < DEFAULT_THRESHOLD);
});

test('Russian organisational abbreviations are the words they stand for (KB: design bureau, FNPTS, NTTS); another name beside them still differs', () => {
  assert.ok(score('KB Svyaz', 'Svyaz Design Bureau, OJSC') >= DEFAULT_THRESHOLD);
  assert.ok(score('JSC FNPTS Titan-Barrikady', 'Joint Stock Company Federal Scientific and Production Center Titan-Barrikady') >= DEFAULT_THRESHOLD);
  assert.ok(score('NTTS MODUL INNOVATSII', 'NAUCHNO TEKHNICHESKII TSENTR MODUL INNOVATSII') >= DEFAULT_THRESHOLD);
  assert.ok(score('KB Svyaz', 'Almaz Design Bureau, OJSC') < DEFAULT_THRESHOLD);
  // the words they stand for are generic: "OKB" alone is no name
  assert.ok(score('OKB JSC', 'JSC EXPERIMENTAL DESIGN BUREAU AEROSPACE SYSTEMS') < DEFAULT_THRESHOLD);
  assert.ok(score('OOO TD PODSHIPNIK TRADE', 'OOO TD SIBIRSKIY PODSHIPNIK') < DEFAULT_THRESHOLD);
});

test('transliterated generic words are read in English: Treyd Komponent is Trade-Component', () => {
  assert.ok(score('Treyd Komponent', 'OOO Trade-Component') >= DEFAULT_THRESHOLD);
  assert.ok(
    score('AKTSIONERNOE OBSHCHESTVO IZHEVSKI ELEKTROMEKHANICHESKI ZAVOD KUPOL', 'JOINT STOCK COMPANY IZHEVSK ELECTROMECHANICAL PLANT KUPOL') >=
      DEFAULT_THRESHOLD,
  );
  // the generic words agree, the names do not
  assert.ok(score('Treyd Komponent Almaz', 'OOO Trade-Component Rubin') < DEFAULT_THRESHOLD);
  // "IT" is no abbreviation read in English: in "JSC NPO IT" it is izmeritelnoi tekhniki (measuring equipment)
  assert.ok(score('JSC IT', 'JSC NPO IT') >= DEFAULT_THRESHOLD);
  assert.ok(score('JSC IT', 'Info Tech') < DEFAULT_THRESHOLD);
});

test('a Russian place adjective matches its place: Kazanskii Optiko-Mekhanicheskii Zavod is the Kazan Optical and Mechanical Plant, not the Tomsk one', () => {
  assert.ok(score('JSC KAZAN OPTICAL AND MECHANICAL PLANT', 'KAZANSKII OPTIKO-MEKHANICHESKII ZAVOD AO') >= DEFAULT_THRESHOLD);
  assert.ok(score('Alagirsky Resistor Factory', 'Alagir Resistor Factory') >= DEFAULT_THRESHOLD);
  assert.ok(score('JSC TOMSK OPTICAL AND MECHANICAL PLANT', 'KAZANSKII OPTIKO-MEKHANICHESKII ZAVOD AO') < DEFAULT_THRESHOLD);
});

test('place_qualifier: "UK" opening a name is the Russian management company (upravlyayushchaya kompaniya), not the country; after a name it is the country', () => {
  const pair = (a: string, b: string) => scorePair(company(a), entity('c', 'Company', { name: [b] }));
  for (const [a, b] of [
    ['UK VELES MANAGEMENT', 'VELES MANAGEMENT LTD'],
    ['UK KAPO-ZHILBYTSERVIS OOO', 'LIMITED LIABILITY COMPANY KAPO-ZHILBYTSERVIS'],
    ['UK BITRIVER, LLC', 'OOO MANAGEMENT COMPANY BITRIVER'],
  ]) {
    const r = pair(a, b);
    assert.equal(r.explanation.place_qualifier, undefined, `${a} / ${b}`);
    assert.ok(r.score >= DEFAULT_THRESHOLD, `${a} / ${b}: ${r.score}`);
  }
  const british = pair('Yamahdi Trading Limited', 'Yamahdi Trading UK Limited');
  assert.equal(british.explanation.place_qualifier?.score, 1);
  assert.ok(british.score < DEFAULT_THRESHOLD, String(british.score));
  // "UK" alone is a name word, not a designation of nothing
  assert.equal(pair('UK', 'UK Limited').explanation.place_qualifier, undefined);
});
