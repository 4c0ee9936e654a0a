import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseName, hanToPinyin, invertPersonName, splitHanOrgName, stripLegalForms, toSimplified } from './index.ts';
import { readChinese } from './tables.ts';

test('legal forms at either end are stripped to a canonical form', () => {
  assert.deepEqual(stripLegalForms(['limited', 'liability', 'company', 'antares']).core, ['antares']);
  assert.deepEqual(stripLegalForms(['antares', 'ooo']).forms, ['llc']);
  assert.deepEqual(stripLegalForms(['zhejiang', 'dahua', 'technology', 'co', 'ltd']), {
    core: ['zhejiang', 'dahua', 'technology'],
    forms: ['ltd'],
    phrases: ['co ltd'],
  });
});

test('"UK" opening a firm name is the management company and goes as a legal form does; after the name, or alone, it stays', () => {
  const words = (s: string) => analyseName(s, 'org')?.tokens.map((t) => t.text);
  assert.deepEqual(words('UK VELES MANAGEMENT'), ['veles', 'management']);
  assert.deepEqual(words('UK BITRIVER, LLC'), ['bitriver']);
  assert.deepEqual(words('Yamahdi (UK) Limited'), ['yamahdi', 'uk']);
  assert.deepEqual(words('Ltd (UK) Development & Research Huawei'), ['uk', 'development', 'research', 'huawei']);
  assert.deepEqual(words('UK Limited'), ['uk']);
  assert.deepEqual(words('UK'), ['uk']);
  // persons keep it: a designation of a firm's kind only
  assert.ok(analyseName('UK Ivanov', 'person')?.tokens.some((t) => t.text === 'uk'));
});

test('an abbreviation of two words is both words in a firm name ("ME": Middle East), not in a person\'s', () => {
  assert.deepEqual(
    analyseName('SANCO ME FZC', 'org')?.tokens.map((t) => t.text),
    ['sanco', 'middle', 'east'],
  );
  assert.deepEqual(
    analyseName('Tech ME', 'person')?.tokens.map((t) => t.text),
    ['tech', 'me'],
  );
});

test('a Russian place adjective or a town in -sk is its place in a firm name ("Kazanskii", "Izhevsk"); short stems and persons stay', () => {
  const words = (s: string, kind: 'org' | 'person' = 'org') => analyseName(s, kind)?.tokens.map((t) => t.text);
  assert.deepEqual(words('KAZANSKII OPTIKO-MEKHANICHESKII ZAVOD'), words('Kazan Optical Mechanical Plant'));
  assert.deepEqual(words('Alagirsky Resistor Factory'), ['alagir', 'resistor', 'factory']);
  assert.deepEqual(words('IZHEVSKII ZAVOD'), words('Izhevsk Plant'));
  assert.deepEqual(words('DONETSKAYA RESPUBLIKA'), words('Donetsk Republic'));
  // a stem of three letters or fewer is another word ("Tomsk" is not "Tom"), and persons keep their names
  assert.deepEqual(words('Tomsk Oil'), ['tomsk', 'oil']);
  assert.deepEqual(words('Husky Energy'), ['husky', 'energy']);
  assert.deepEqual(words('Pavel Kovalsky', 'person'), ['pavel', 'kovalsky']);
});

test('one-word legal forms inside a name are kept', () => {
  assert.deepEqual(stripLegalForms(['china', 'co', 'trading', 'ag']).core, ['china', 'co', 'trading']);
});

test('a name that is only a legal form is kept as it is', () => {
  assert.deepEqual(stripLegalForms(['company', 'limited']).core.length > 0, true);
  assert.deepEqual(stripLegalForms(['ltd']).core, ['ltd']);
});

test('misspelt legal words are still recognised', () => {
  assert.deepEqual(stripLegalForms(['lilited', 'liability', 'company', 'rustmash']).core, ['rustmash']);
});

test('long common words are read through a one-letter typo; short words and names are not', () => {
  const words = (name: string) => analyseName(name, 'org')?.tokens.map((t) => [t.text, t.weight]);
  assert.deepEqual(words('Aerokon Terhnologies'), [
    ['aerokon', 1],
    ['technologies', 0.15],
  ]);
  assert.deepEqual(words('Internatonal Kalashnikov'), [
    ['international', 0.15],
    ['kalashnikov', 1],
  ]);
  // "Tecnica" is seven letters: as likely a brand as a typo
  assert.deepEqual(words('Tecnica Trading'), [
    ['tecnica', 1],
    ['trading', 0.15],
  ]);
  // person names are never repaired
  assert.equal(
    analyseName('Terhnologies, Ivan', 'person')?.tokens.some((t) => t.text === 'terhnologies'),
    true,
  );
});

test('letters spelt out one by one in an organisation name are one word, as with dots', () => {
  const words = (name: string, kind: 'org' | 'person' = 'org') => analyseName(name, kind)?.tokens.map((t) => t.text);
  assert.deepEqual(words('M D S THMORDA S E Z CO., LTD.'), ['mds', 'thmorda', 'sez']);
  assert.deepEqual(words('M D S THMORDA S E Z CO., LTD.'), words('M.D.S. THMORDA S.E.Z. CO., LTD.'));
  assert.deepEqual(words('I B M'), ['ibm']);
  // a single letter is not a run; person initials stay initials
  assert.deepEqual(words('Z Axis'), ['z', 'axis']);
  assert.deepEqual(words('J R Smith', 'person'), ['j', 'r', 'smith']);
});

test('traditional characters become simplified', () => {
  assert.equal(toSimplified('商湯集團有限公司'), '商汤集团有限公司');
});

test('Hanzi become toneless pinyin syllables', () => {
  assert.deepEqual(hanToPinyin('海康威视'), ['hai', 'kang', 'wei', 'shi']);
});

test("each place's Latin spelling in chinese.yml is its joined pinyin, and a Latin place word weighs as a place", () => {
  const { places, placesLatin } = readChinese();
  assert.ok(places.length > 100);
  const computed = new Set(places.map((p) => hanToPinyin(p).join('')));
  assert.deepEqual([...placesLatin].sort(), [...computed].sort());
  const hangzhou = analyseName('Hangzhou Hikvision', 'org')!.tokens;
  assert.ok(hangzhou[0]!.weight < hangzhou[1]!.weight, 'hangzhou is a place word, hikvision the distinctive one');
});

test('a Chinese company name splits into place, core, industry words and legal form', () => {
  const p = splitHanOrgName('杭州海康威视数字技术股份有限公司');
  assert.deepEqual(p.places, ['杭州']);
  assert.equal(p.core, '海康威视');
  assert.deepEqual(p.generic, ['数字技术']);
  assert.deepEqual(p.legal, ['jsc']);
});

test('the core of a Chinese name is never stripped below two characters', () => {
  assert.equal(splitHanOrgName('北京科技').core.length >= 2, true);
});

test('person names "LAST, First" are inverted', () => {
  assert.equal(invertPersonName('CHEN, Quanguo'), 'Quanguo CHEN');
  assert.equal(invertPersonName('A, B, C'), 'A, B, C');
});

test('a Chinese person name becomes surname and joined given name', () => {
  assert.equal(analyseName('陈全国', 'person')?.key, 'chen quanguo');
});

test('places and common words weigh less than distinctive words', () => {
  const f = analyseName('Zhejiang Dahua Tech Co Ltd', 'org')!;
  assert.equal(f.key, 'zhejiang dahua technology');
  const w = Object.fromEntries(f.tokens.map((t) => [t.text, t.weight]));
  assert.ok(w.zhejiang < 1 && w.technology < 1 && w.dahua === 1);
});

test('numbers are kept as number tokens, ordinals and number words as digits', () => {
  assert.deepEqual(analyseName('54th Research Institute', 'org')?.numbers, ['54']);
  assert.deepEqual(analyseName('Fifty-Fourth Research Institute', 'org')?.numbers, ['54']);
  assert.deepEqual(analyseName('Research Institute No. 54', 'org')?.numbers, ['54']);
  // not in person names, and not a word that merely starts like a number
  assert.deepEqual(analyseName('Seven Oneida', 'person')?.numbers, []);
  assert.deepEqual(analyseName('Nonesuch Trading', 'org')?.numbers, []);
});

test('names with nothing comparable give undefined', () => {
  for (const s of ['', '   ', '🙂🙂', '\u0000\u0001', '...']) assert.equal(analyseName(s, 'org'), undefined);
});

test('mixed scripts keep both parts', () => {
  const f = analyseName('Hikvision 海康威视', 'org')!;
  assert.equal(f.hanCore, '海康威视');
  assert.ok(f.tokens.some((t) => t.text === 'hikvision'));
});

test('a 10k-character name is analysed with a bounded number of tokens', () => {
  const f = analyseName('word '.repeat(2000), 'org')!;
  assert.ok(f.tokens.length <= 24);
});

test('legal forms in transliterated and local languages map to canonical forms', () => {
  const forms = (s: string) => analyseName(s, 'org')!.legal;
  assert.deepEqual(forms('RESPUBLIKANSKAYE UNITARNAYE PRADPRYEMSTVA TSENTRKURORT'), ['gov']);
  assert.deepEqual(forms('TOVARYSTVO Z OBMEZHENOYU VIDPOVIDALNISTYU ORBITA'), ['llc']);
  assert.deepEqual(forms('PT Maju Jaya Tbk'), ['ltd', 'plc']);
  assert.deepEqual(forms('Kilat Maju SDN BHD'), ['plc']);
  assert.deepEqual(forms('SUMILAB S.A. DE C.V.'), ['sa']);
  assert.equal(analyseName('PUBLICHNOE AKTSIONERNOE OBSHCHESTVO SEVERSTAL', 'org')!.key, 'severstal');
});

test('place words in organisation names are marked and weigh little', () => {
  const f = analyseName('Taizhou Germany Orbitex', 'org')!;
  assert.deepEqual(
    f.tokens.map((t) => t.place),
    [true, true, false],
  );
  assert.ok(f.tokens[0].weight < 0.3);
});

test('a word of a legal phrase that is an ordinary name word keeps its weight when it stands alone ("Budget Carrier")', () => {
  const weight = (name: string, word: string) => analyseName(name, 'org')!.tokens.find((t) => t.text === word)?.weight;
  assert.equal(weight('Budget Carrier', 'budget'), 1);
  // a word that only ever stands in legal phrases is still a stray legal word
  assert.equal(weight('Aktsionernoe Rimera Trading', 'aktsionernoe'), 0.1);
});

test('a person name written "LAST, Given" knows its first token is the first given name', () => {
  assert.equal(analyseName('MORON HERNANDEZ, Ricardo Jose', 'person')!.givenFirst, true);
  assert.equal(analyseName('MORON HERNANDEZ, Ricardo Jose', 'person')!.tokens[0].text, 'ricardo');
  // order unknown without the comma; an organisation has no given names
  assert.equal(analyseName('Ricardo Jose Moron Hernandez', 'person')!.givenFirst, false);
  assert.equal(analyseName('MORON, Ricardo Trading', 'org')!.givenFirst, false);
  // a given part that is only a stopword is dropped: the first token is then the family name
  assert.equal(analyseName('SMITH, The', 'person')!.givenFirst, false);
});

test('a surname particle opening an organisation name is part of the brand; elsewhere it is a preposition', () => {
  assert.deepEqual(
    analyseName('DEL BROS OVERSEAS, S.A.', 'org')!.tokens.map((t) => t.text),
    ['del', 'brothers', 'overseas'],
  );
  assert.deepEqual(
    analyseName('Banco del Sur', 'org')!.tokens.map((t) => t.text),
    ['banco', 'sur'],
  );
  // a person's particles are left as they were
  assert.deepEqual(
    analyseName('DE FRUTOS, Jose', 'person')!.tokens.map((t) => t.text),
    ['jose', 'frutos'],
  );
});
