import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SightlineError } from '../errors.ts';
import type { Entity } from '../model/entity.ts';
import { buildIndex, DEFAULT_THRESHOLD, FEATURES, scorePair, tokenSimilarity, compareNames } from './index.ts';
import { analyseName } from '../names/index.ts';

const company = (name: string, extra: Record<string, string[]> = {}) => ({ schema: 'Company', properties: { name: [name], ...extra } });
const entity = (id: string, schema: string, properties: Record<string, string[]>): Entity => ({ id, schema, properties });
/** The name_match feature of two person names. */
const nameScore = (a: string, b: string) =>
  scorePair({ schema: 'Person', properties: { name: [a] } }, entity('b', 'Person', { name: [b] })).explanation.name_match.score;
const score = (a: string, b: string, schema = 'Company') => scorePair({ schema, properties: { name: [a] } }, entity('b', schema, { name: [b] })).score;

test('an abbreviated legal form and word still match the full name', () => {
  const r = scorePair(company('Zhejiang Dahua Tech Co Ltd'), entity('d', 'Company', { name: ['Zhejiang Dahua Technology Co., Ltd.'] }));
  assert.ok(r.score >= DEFAULT_THRESHOLD, `score ${r.score}`);
  assert.match(r.explanation.name_match.detail, /legal form 'co ltd'/);
});

test('a short common name does not match a longer one that contains it', () => {
  assert.ok(score('China Co Ltd', 'China Telecom Co Ltd') < DEFAULT_THRESHOLD);
});

test('names sharing only a common word and the legal form do not match', () => {
  assert.ok(score('ABC Trading LLC', 'XYZ Trading LLC') < DEFAULT_THRESHOLD);
});

test('a Chinese person name matches the pinyin "LAST, First" form', () => {
  // a full name match (only a name the same once normalised, name_identical, scores higher)
  assert.ok(nameScore('陈全国', 'CHEN, Quanguo') >= 0.99);
  assert.ok(score('陈全国', 'CHEN, Quanguo', 'Person') >= DEFAULT_THRESHOLD);
});

test('word order and case do not matter for persons', () => {
  assert.equal(score('Wei SUN', 'SUN, Wei', 'Person'), score('SUN, Wei', 'SUN, Wei', 'Person'));
  assert.ok(score('Wei SUN', 'SUN, Wei', 'Person') >= DEFAULT_THRESHOLD);
});

test('a typo in a long word keeps the match, a different given name does not', () => {
  assert.ok(score('SHUVALOrA, Maria Igorevna', 'SHUVALOVA, Maria Igorevna', 'Person') >= DEFAULT_THRESHOLD);
  assert.ok(score('CHERKASOVA, Irina Aleksandrovna', 'CHERKASOVA, Nadia Narimanovna', 'Person') < DEFAULT_THRESHOLD);
});

test('transliteration variants match', () => {
  assert.ok(score('KUZMICHYOV, Aleksey Viktorovich', 'KUZMICHEV, Alexey Viktorovich', 'Person') >= DEFAULT_THRESHOLD);
});

test('joined and split words match ("FAST LINK" ~ "FASTLINK")', () => {
  assert.ok(score('FAST LINK SAL', 'FASTLINK SARL') >= DEFAULT_THRESHOLD);
});

test('numbers in names are compared strictly and a mismatch is penalised', () => {
  const r = scorePair(company('54th Research Institute'), entity('x', 'Company', { name: ['55th Research Institute'] }));
  assert.ok(r.score < DEFAULT_THRESHOLD);
  assert.ok(r.explanation.number_mismatch);
});

test('a shared strong identifier is strong evidence even with a different name', () => {
  const r = scorePair(
    company('Some Vendor', { isinCode: ['CNE100000PM8'] }),
    entity('h', 'Company', { name: ['Hangzhou Hikvision'], isinCode: ['CNE 100000PM8'] }),
  );
  assert.ok(r.score >= 0.99);
  assert.match(r.explanation.identifier_match.detail, /isinCode CNE100000PM8/);
});

test('a shared ticker adds its weight and says so; a different one adds nothing', () => {
  const name = 'Hikvision Europe BV';
  const listed = entity('h', 'Company', { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'], ticker: ['002415'] });
  const plain = scorePair(company(name), listed);
  const same = scorePair(company(name, { ticker: ['002415'] }), listed);
  const other = scorePair(company(name, { ticker: ['600000'] }), listed);
  const weight = FEATURES.ticker_match.coefficient;
  assert.equal(same.explanation.ticker_match?.weight, weight);
  assert.match(same.explanation.ticker_match.detail, /ticker 002415/);
  // the weight is added to the log-odds
  const lo = (p: number) => Math.log(p / (1 - p));
  assert.ok(Math.abs(lo(same.score) - lo(plain.score) - weight) < 0.01);
  assert.equal(other.explanation.ticker_match, undefined);
  assert.equal(other.score, plain.score);
});

test('a country mismatch lowers the score and says so', () => {
  const same = scorePair(company('Ozean Trading', { country: ['de'] }), entity('o', 'Company', { name: ['Ozean Trading'], country: ['de'] }));
  const diff = scorePair(company('Ozean Trading', { country: ['Germany'] }), entity('o', 'Company', { name: ['Ozean Trading'], country: ['ir'] }));
  assert.ok(diff.score < same.score);
  assert.match(diff.explanation.country_mismatch.detail, /de vs ir/);
});

test('a different birth year lowers a person score', () => {
  const q = { schema: 'Person', properties: { name: ['IVANOV, Sergei'], birthDate: ['1960-01-01'] } };
  const a = scorePair(q, entity('a', 'Person', { name: ['IVANOV, Sergei'], birthDate: ['1960'] }));
  const b = scorePair(q, entity('b', 'Person', { name: ['IVANOV, Sergei'], birthDate: ['1975-03-02'] }));
  assert.ok(a.score > b.score);
  assert.ok(b.explanation.birth_date.weight < 0);
});

test('a person query never matches a company', () => {
  const r = scorePair({ schema: 'Person', properties: { name: ['Hikvision'] } }, entity('h', 'Company', { name: ['Hikvision'] }));
  assert.equal(r.score, 0);
});

test('token similarity is zero for different short words and numbers', () => {
  const t = (s: string) => analyseName(s, 'org')!.tokens[0];
  assert.equal(tokenSimilarity(t('ali'), t('alo'), false), 0);
  assert.equal(tokenSimilarity(t('1999'), t('1998'), false), 0);
  assert.ok(tokenSimilarity(t('qaddafi'), t('qadhafi'), false) > 0.8);
});

test('name comparison explains which words were aligned', () => {
  const r = compareNames(analyseName('Moore Threads', 'org')!, analyseName('Moore Thread Technology', 'org')!);
  assert.deepEqual(r.pairs.map((p) => p[0]).sort(), ['moore', 'threads']);
});

const hik = entity('hik', 'Company', {
  name: ['Hangzhou Hikvision Digital Technology Co., Ltd.'],
  alias: ['杭州海康威视数字技术股份有限公司', 'Hikvision'],
  isinCode: ['CNE100000PM8'],
});
const world: Entity[] = [
  hik,
  entity('dahua', 'Company', { name: ['Zhejiang Dahua Technology Co., Ltd.'] }),
  entity('hai', 'Company', { name: ['Haikang Shipping Co., Ltd.'] }),
  entity('chen', 'Person', { name: ['CHEN, Quanguo'] }),
  entity('tel', 'Company', { name: ['China Telecom Co Ltd'] }),
  entity('s1', 'Sanction', { entity: ['hik'], program: ['NS-CMIC'] }),
];

test('only parties are indexed', () => {
  assert.equal(buildIndex(world).size, 5);
});

test('a Chinese short name finds the company through its Chinese alias first', () => {
  const r = buildIndex(world).match({ schema: 'Company', properties: { name: ['海康威视'] } });
  assert.equal(r[0].id, 'hik');
  assert.equal(r[0].match, true);
});

test('a pinyin person name finds the listed "LAST, First" entry', () => {
  const r = buildIndex(world).match({ schema: 'Person', properties: { name: ['陈全国'] } });
  assert.equal(r[0]?.id, 'chen');
});

test('a query by identifier alone finds the entity', () => {
  const r = buildIndex(world).match({ schema: 'Company', properties: { isinCode: ['CNE100000PM8'] } });
  assert.equal(r[0]?.id, 'hik');
  assert.ok(r[0].explanation.identifier_match);
});

test('results carry score, match flag and explanation and respect limit', () => {
  const r = buildIndex(world).match({ schema: 'Company', properties: { name: ['Hikvision'] } }, { limit: 1 });
  assert.equal(r.length, 1);
  assert.equal(r[0].caption, 'Hangzhou Hikvision Digital Technology Co., Ltd.');
  assert.equal(typeof r[0].explanation.name_match.score, 'number');
});

// a hang would time the test out; how fast it runs is bench:speed's business, not a test's
test('bad query text gives an empty result, not an error', { timeout: 60_000 }, () => {
  const idx = buildIndex(world);
  for (const name of ['', '   ', '\u0000\u0007', '🙂🙂🙂', 'x'.repeat(10_000), 'Hik'.repeat(3000), 'Ωmega 海康 Газ 🙂']) {
    const r = idx.match({ schema: 'Company', properties: { name: [name] } });
    assert.ok(Array.isArray(r));
  }
});

test('a long run of one letter is no name: its skeleton folds to one letter, as short vowel words do', () => {
  const idx = buildIndex([entity('aiai', 'Organization', { name: ['AIAI'] }), entity('aa', 'Organization', { name: ['Aaaa Aaaa'] })]);
  assert.deepEqual(idx.match({ schema: 'Organization', properties: { name: ['a'.repeat(10_000)] } }), []);
  assert.equal(scorePair({ schema: 'Organization', properties: { name: ['a'.repeat(40)] } }, entity('aiai', 'Organization', { name: ['AIAI'] })).score, 0);
});

test('a malformed query is a clear SightlineError', () => {
  const idx = buildIndex(world);
  assert.throws(() => idx.match({ schema: 'Nope', properties: { name: ['x'] } }), SightlineError);
  assert.throws(() => idx.match({ schema: 'Company', properties: { name: 'x' as unknown as string[] } }), SightlineError);
  assert.throws(() => idx.match({ schema: 'Company', properties: { name: ['x'] } }, { limit: 0 }), SightlineError);
});

// false positives a compliance user would see: each against a tiny candidate set
const screen = (name: string, candidates: Entity[]) => buildIndex(candidates).match({ schema: 'Company', properties: { name: [name] } });

test('a leading letter is part of a short organisation name ("Axis Communications AB" is not "Z AXIS LLC")', () => {
  assert.ok(score('Axis Communications AB', 'Z AXIS LLC') < DEFAULT_THRESHOLD);
  assert.equal(screen('Axis Communications AB', [entity('z', 'Company', { name: ['Z AXIS LLC'] })]).filter((r) => r.match).length, 0);
  assert.ok(score('Axis Communications AB', 'AXIS COMMUNICATIONS') >= DEFAULT_THRESHOLD);
});

test('a different short word is no match ("Cisco Systems Inc." is not "CICKO")', () => {
  assert.equal(screen('Cisco Systems Inc.', [entity('c', 'Company', { name: ['CICKO'] })]).filter((r) => r.match).length, 0);
  assert.ok(score('Cisco Systems Inc.', 'CISCO SYSTEMS') >= DEFAULT_THRESHOLD);
});

test('one letter off in a four-letter name is not a match on its own ("ASML Holding NV" is not "ASBL")', () => {
  assert.ok(score('ASML Holding NV', 'ASBL') < DEFAULT_THRESHOLD);
  assert.equal(screen('ASML Holding NV', [entity('a', 'Organization', { name: ['ASBL'] })]).filter((r) => r.match).length, 0);
  assert.ok(score('ASML Holding NV', 'ASML') >= DEFAULT_THRESHOLD);
});

test('a short word one letter off still matches when the other words agree', () => {
  assert.ok(score('SEuA SECURITY SERVICES', 'SEWA SECURITY SERVICES') >= DEFAULT_THRESHOLD);
});

test('"International Business Machines Corp" does not hit entries that share only generic words', () => {
  const sdn = [
    entity('s1', 'Company', { name: ['INTERNATIONAL BUSINESS COMPANY FOR TRADE'] }),
    entity('s2', 'Company', { name: ['BUSINESS MACHINES TRADING LLC'] }),
    entity('s3', 'Company', { name: ['MACHINES INTERNATIONAL GROUP'] }),
    entity('s4', 'Organization', { name: ['IBM'] }),
  ];
  assert.deepEqual(
    screen('International Business Machines Corp', sdn)
      .filter((r) => r.match)
      .map((r) => r.id),
    [],
  );
});

test('an organisation name against a person is penalised and says why', () => {
  const r = scorePair({ schema: 'LegalEntity', properties: { name: ['Kassem Trading'] } }, { id: 'p', schema: 'Person', properties: { name: ['ABU KASSEM'] } });
  assert.ok(r.explanation.organisation_vs_person, JSON.stringify(r.explanation));
  assert.ok(r.score < DEFAULT_THRESHOLD);
  const plain = scorePair({ schema: 'LegalEntity', properties: { name: ['Kassem'] } }, { id: 'p', schema: 'Person', properties: { name: ['ABU KASSEM'] } });
  assert.equal(plain.explanation.organisation_vs_person, undefined);
});

test('a name with many listed matches returns all of them, not only the first batch scored', () => {
  const many = Array.from({ length: 40 }, (_, i) => entity(`hw${i}`, 'Company', { name: ['Huawei Technologies Co., Ltd.'] }));
  const others = Array.from({ length: 40 }, (_, i) => entity(`o${i}`, 'Company', { name: [`Orchard Technologies ${i} Ltd.`] }));
  const r = buildIndex([...others, ...many]).match({ schema: 'Company', properties: { name: ['Huawei Technologies'] } }, { limit: 100 });
  assert.equal(r.filter((x) => x.match).length, 40);
  assert.ok(r.every((x) => x.match === x.id.startsWith('hw')));
});

test('the index reports what scoring every entity reports (bound pre-check, schema filter, Chinese names, identical names)', () => {
  // ten entities: one first batch, so the index scores all it retrieves, as exhaustive scoring does
  const idx = buildIndex([
    entity('hik', 'Company', { name: ['Hangzhou Hikvision Digital Technology Co., Ltd.', 'Hikvision Digital'], isinCode: ['CNE100000PM8'] }),
    entity('hikzh', 'Company', { name: ['杭州海康威视数字技术股份有限公司'] }),
    entity('hikeu', 'Company', { name: ['Hikvision Europe B.V.'] }),
    entity('dahua', 'Company', { name: ['Zhejiang Dahua Technology Co., Ltd.'] }),
    entity('hua', 'Person', { name: ['HUA, Da'] }),
    entity('chen', 'Person', { name: ['CHEN, Quanguo'] }),
    entity('chenorg', 'Organization', { name: ['Chen Quanguo Foundation'] }),
    entity('sepah', 'Company', { name: ['Bank Sepah'] }),
    entity('fast', 'Company', { name: ['Fast Link Trading LLC'] }),
    entity('vessel', 'Vessel', { name: ['DAHUA STAR'] }),
  ]);
  const queries = [
    company('Hikvision'),
    company('海康威视'),
    company('Zhejiang Dahua Tech Co Ltd'),
    company('Dahua'),
    company('Bank Sepah'),
    company('FastLink Trading'),
    { schema: 'Person', properties: { name: ['Chen Quanguo'] } },
    { schema: 'Person', properties: { name: ['Da Hua'] } },
    { schema: 'LegalEntity', properties: { name: ['Dahua'] } },
    company('Blue River Holdings'),
    // by identifier and by name at once, after other queries (an identifier hit takes all its names)
    company('Hikvision Europe'),
    company('Hikvision Digital', { isinCode: ['CNE100000PM8'] }),
    company('Dahua Hikvision', { isinCode: ['CNE100000PM8'] }),
  ];
  for (const q of queries) {
    for (const opts of [{}, { threshold: 0.5 }, { threshold: 0.95 }]) {
      assert.deepEqual(idx.match(q, opts), idx.matchExhaustive(q, opts), `${q.properties.name[0]} ${JSON.stringify(opts)}`);
    }
  }
  assert.deepEqual(
    idx
      .match(company('Hikvision'))
      .map((r) => r.id)
      .slice(0, 2)
      .sort(),
    ['hik', 'hikeu'],
  );
});

test('a weak alias (OFAC low-quality a.k.a.) is no ground for a match; the names are', () => {
  const index = buildIndex([entity('tro', 'Organization', { name: ['TAMILS REHABILITATION ORGANISATION'], weakAlias: ['TRO'] })]);
  const by = (name: string) => index.match({ schema: 'Organization', properties: { name: [name] } }).map((r) => r.id);
  assert.deepEqual(by('TRO'), []);
  assert.deepEqual(by('Tamils Rehabilitation Organisation'), ['tro']);
  const pair = scorePair(
    { schema: 'Organization', properties: { name: ['TRO'] } },
    entity('tro', 'Organization', { name: ['Tamils Rehabilitation Organisation'], weakAlias: ['TRO'] }),
  );
  assert.ok(pair.score < DEFAULT_THRESHOLD, `score ${pair.score}`);
});

test('a Chinese name meets the English name a list gives the same firm, with the reading in the explanation', () => {
  const index = buildIndex([
    entity('ct', 'Company', { name: ['CHINA TELECOM CORPORATION LIMITED'] }),
    entity('cm', 'Company', { name: ['CHINA MOBILE LIMITED'] }),
    entity('avic', 'Company', { name: ['AVIATION INDUSTRY CORPORATION OF CHINA, LTD.'] }),
    entity('gp', 'Company', { name: ['GENERAL PETROLEUM CORPORATION'] }),
    entity('xy', 'Company', { name: ["Xi'an Xiangyu Aviation Technology Group"] }),
  ]);
  const top = (name: string) => index.match({ schema: 'Company', properties: { name: [name] } });
  const telecom = top('中国电信股份有限公司');
  assert.equal(telecom[0]?.id, 'ct');
  assert.ok(telecom[0].match);
  assert.match(telecom[0].explanation.name_match.detail, /read in English from '中国电信股份有限公司'/);
  assert.ok(!telecom.some((r) => r.id === 'cm' && r.match));
  // the common words of the reading still find their firm next to the Han name's rare syllables
  assert.equal(top('中国航空工业集团有限公司')[0]?.id, 'avic');
  // translated descriptions weigh little: "China Petroleum Chemical" (Sinopec) is not General Petroleum
  assert.ok(!top('中国石油化工股份有限公司').some((r) => r.match));
  // pinyin compares as spelt: 星宇 "xingyu" is not "Xiangyu"
  assert.ok(!top('星宇科技发展有限公司').some((r) => r.match));
});

test('a two-character Chinese core inside a longer one is no match (东方 "the East" is not 东方网力)', () => {
  assert.ok(score('中国东方航空股份有限公司', '东方网力科技股份有限公司') < DEFAULT_THRESHOLD);
  assert.ok(score('海康威视', '杭州海康威视数字技术股份有限公司') >= DEFAULT_THRESHOLD);
});

test("names written in Cyrillic, Hangul and Arabic script meet the lists' Latin spelling", () => {
  // a full name match (only a name the same once normalised, name_identical, scores higher)
  assert.equal(nameScore('김정은', 'KIM, Jong Un'), 1);
  assert.ok(score('Шойгу Сергей Кужугетович', 'SHOIGU, Sergei Kuzhugetovich', 'Person') >= DEFAULT_THRESHOLD);
  assert.equal(nameScore('Трубицын Андрей Григорьевич', 'TRUBITSYN, Andrey Grigorevich'), 1);
  // other scripts through any-ascii (Greek here)
  assert.ok(score('Κυριάκος Μητσοτάκης', 'MITSOTAKIS, Kyriakos', 'Person') >= DEFAULT_THRESHOLD);
  assert.ok(score('قاسم سليماني', 'SOLEIMANI, Qasem', 'Person') >= DEFAULT_THRESHOLD);
});

test('name_identical: a name the same once normalised scores above a name a letter off; near names, other legal forms and other evidence do not', () => {
  const pair = (a: string, b: string, extraQ: Record<string, string[]> = {}, extraC: Record<string, string[]> = {}) =>
    scorePair({ schema: 'Company', properties: { name: [a], ...extraQ } }, entity('c', 'Company', { name: [b], ...extraC }));
  const same = pair('Hytera Communications', 'HYTERA COMMUNICATIONS LIMITED');
  assert.equal(same.explanation.name_identical?.score, 1);
  assert.ok(same.score >= 0.9, `${same.score}`);
  // one letter off, or the same core under another legal form: not identical, and lower
  const typo = pair('Hytera Communication', 'Hytera Communications Limited');
  assert.equal(typo.explanation.name_identical, undefined);
  assert.ok(typo.score < same.score - 0.05, `${typo.score}`);
  const otherForm = pair('Alphabet Inc', 'Alphabet DMCC');
  assert.equal(otherForm.explanation.name_identical, undefined);
  assert.ok(otherForm.score < DEFAULT_THRESHOLD, `${otherForm.score}`);
  // disagreeing evidence lowers an identical name below near-certain
  const abroad = pair('Huawei Cloud Argentina', 'Huawei Cloud Argentina', { country: ['cl'] }, { country: ['ar'] });
  assert.equal(abroad.explanation.name_identical?.score, 1);
  assert.ok(abroad.score < same.score - 0.05, `${abroad.score}`);
});

test('place_qualifier: a country one legal name adds lowers the score; the same country on both sides, none, or a bare group name does not', () => {
  const pair = (a: string, b: string) => scorePair(company(a), entity('c', 'Company', { name: [b] }));
  const added = pair('Banco Santander, S.A.', 'Banco Santander Mexico, S.A.');
  assert.equal(added.explanation.place_qualifier?.score, 1);
  assert.ok(added.explanation.place_qualifier.weight < 0);
  assert.ok(added.score < pair('Banco Santander, S.A.', 'Banco Santander, S.A.').score);
  assert.equal(pair('Banco Santander Mexico SA', 'Banco Santander Mexico SA').explanation.place_qualifier, undefined);
  assert.equal(pair('Banco Santander', 'Banco Santander SA').explanation.place_qualifier, undefined);
  // a name without a legal form names the group or brand: its national subsidiary is part of it, a review at least
  const subsidiary = pair('Hikvision', 'Hikvision USA Inc.');
  assert.equal(subsidiary.explanation.place_qualifier, undefined);
  assert.ok(subsidiary.score >= DEFAULT_THRESHOLD - 0.1, String(subsidiary.score));
});

test('place_mismatch: each name with a place the other lacks lowers the score; one shared place does not', () => {
  const pair = (a: string, b: string) => scorePair(company(a), entity('c', 'Company', { name: [b] }));
  const two = pair('Hefei Naura Microelectronics Equipment Co., Ltd.', "Xi'an Naura Microelectronics Equipment Co., Ltd.");
  assert.equal(two.explanation.place_mismatch?.score, 1);
  assert.ok(two.explanation.place_mismatch.weight < 0);
  assert.match(two.explanation.place_mismatch.detail, /hefei.*xian/);
  assert.ok(two.score < DEFAULT_THRESHOLD);
  assert.equal(pair('Hefei Naura Microelectronics', 'Hefei Naura Microelectronics Equipment').explanation.place_mismatch, undefined);
});
