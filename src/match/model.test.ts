import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibration, fitLogistic, predict } from './fit.ts';
import { buildIndex, DEFAULT_THRESHOLD, FEATURES, MODEL_RECORD, scorePair } from './index.ts';
import { EVIDENCE_GATE, NEAR_GATE } from './weights.ts';
import { logistic, logit } from './model.ts';

const pair = (schema: string, a: string, b: string, extraA: Record<string, string[]> = {}, extraB: Record<string, string[]> = {}) =>
  scorePair({ schema, properties: { name: [a], ...extraA } }, { id: 'b', schema, properties: { name: [b], ...extraB } });

test('the fit recovers the weights that generated the labels', () => {
  // labels drawn from σ(-1 + 3x₀ − 2x₁) on a grid, each row weighted by its probability: the exact optimum
  const rows: { x: number[]; y: 0 | 1; w: number }[] = [];
  for (let i = 0; i <= 10; i++) {
    for (const x1 of [0, 1]) {
      const x = [i / 10, x1];
      const p = logistic(-1 + 3 * x[0] - 2 * x1);
      rows.push({ x, y: 1, w: p }, { x, y: 0, w: 1 - p });
    }
  }
  const fit = fitLogistic(rows, 0);
  assert.ok(Math.abs(fit.intercept + 1) < 1e-3 && Math.abs(fit.weights[0] - 3) < 1e-3 && Math.abs(fit.weights[1] + 2) < 1e-3, JSON.stringify(fit));
  assert.ok(Math.abs(predict(fit, [0.5, 0]) - logistic(0.5)) < 1e-3);
  // the penalty keeps a feature that never fires at 0, where no penalty would leave it undetermined
  const never = fitLogistic(
    rows.map((r) => ({ ...r, x: [...r.x, 0] })),
    1e-3,
  );
  assert.equal(never.weights[2], 0);
});

test('the calibration table counts the share of matches per tenth of score', () => {
  const t = calibration([
    { p: 0.05, y: 0 },
    { p: 0.92, y: 1 },
    { p: 0.95, y: 0 },
    { p: 1, y: 1 },
  ]);
  assert.equal(t.length, 10);
  assert.deepEqual(t[0], { from: 0, to: 0.1, pairs: 1, matches: 0 });
  assert.equal(t[9].pairs, 3, 'a score of 1 falls in the last tenth');
  assert.equal(t[9].matches, 0.667);
});

test('the shipped model records its fit and has a weight for every declared feature', () => {
  assert.match(MODEL_RECORD.fit.command, /fit:match/);
  assert.ok(MODEL_RECORD.fit.training_sets.length >= 3);
  for (const f of Object.keys(FEATURES)) assert.equal(typeof MODEL_RECORD.weights[f], 'number', f);
  assert.ok(FEATURES.name_match.coefficient > 0 && FEATURES.words_unrelated.coefficient < 0);
  assert.ok(Math.abs(logit(logistic(1.5)) - 1.5) < 1e-9);
});

test('words_near: left-over words a typo apart are a variant; words_unrelated: unlike ones are two parties', () => {
  const typo = pair('Person', 'Mark Cooney', 'Mark Carney');
  assert.ok(typo.explanation.words_near, JSON.stringify(typo.explanation));
  assert.match(typo.explanation.words_near.detail, /'cooney' ~ 'carney'/);
  assert.equal(typo.explanation.words_unrelated, undefined);
  const other = pair('Person', 'GHAZI HAMMUD AL-DURI', 'GHAZI HAMMUD AL-UBAIDI');
  assert.ok(other.explanation.words_unrelated, JSON.stringify(other.explanation));
  assert.equal(other.explanation.words_near, undefined);
  assert.ok(other.score < DEFAULT_THRESHOLD);
  assert.ok(typo.score > other.score);
  // neither fires when one name is fully inside the other (extra words are the name score's business)
  const inside = pair('Person', 'Vladimir Putin', 'Vladimir Vladimirovich Putin');
  assert.equal(inside.explanation.words_near, undefined);
  assert.equal(inside.explanation.words_unrelated, undefined);
});

/** An index of `names` among 495 other names of unique words, so that a word in five names weighs less than a rare one (rarity.ts). */
function crowdedIndex(names: string[]) {
  const letters = (n: number) => n.toString(26).replace(/\d/g, (d) => 'klmnopqrst'[Number(d)]);
  const filler = Array.from({ length: 495 }, (_, i) => `Zyx${letters(i)}`);
  return buildIndex([...names, ...filler].map((n, i) => ({ id: `e${i}`, schema: 'Person', properties: { name: [n] } })));
}

test('words_near counts from near_gate when the left-over words begin alike and are 4+ letters or a vowel apart; not for a code a letter off or another name', () => {
  assert.ok(NEAR_GATE < EVIDENCE_GATE);
  // "Mark", "Cook" and "EP" are in three names each: the name agreeing in them scores under half
  const index = crowdedIndex([
    'Mark Carney',
    'Mark A',
    'Mark B',
    'Tim Cook',
    'Ann Cook',
    'Bo Cook',
    'EP-IBK',
    'EP-IBL',
    'EP-IBA',
    'Khalid Mahmud',
    'Khalid A',
    'Khalid B',
  ]);
  const features = (q: string, id: string) => index.featuresOf({ schema: 'Person', properties: { name: [q] } }, id);
  for (const [q, id] of [
    ['Mark Cooney', 'e0'],
    ['Tom Cook', 'e3'],
  ]) {
    const v = features(q, id);
    assert.ok(v && v.name_match >= NEAR_GATE && v.name_match < EVIDENCE_GATE, `${q}: ${JSON.stringify(v)}`);
    assert.ok(v.words_near > 0, `${q}: ${JSON.stringify(v)}`);
    assert.ok((index.scoreOne({ schema: 'Person', properties: { name: [q] } }, id)?.score ?? 0) >= DEFAULT_THRESHOLD, q);
  }
  // three letters one consonant apart, in the same band: another code, not a typo
  const code = features('EP-IBS', 'e6');
  assert.ok(code && code.name_match >= NEAR_GATE && code.name_match < EVIDENCE_GATE, JSON.stringify(code));
  assert.equal(code.words_near, 0);
  assert.ok((index.scoreOne({ schema: 'Person', properties: { name: ['EP-IBS'] } }, 'e6')?.score ?? 0) < DEFAULT_THRESHOLD);
  // two names two edits apart from another first letter: another name, not a typo
  const other = features('Ahmed Khalid', 'e9');
  assert.ok(other && other.name_match >= NEAR_GATE && other.name_match < EVIDENCE_GATE, JSON.stringify(other));
  assert.equal(other.words_near, 0);
});

test('acronym_only: firms agreeing only through an acronym are a review that says so; an acronym beside a shared word is not', () => {
  const acronym = pair('Company', 'MEC', 'Maple Engineering Consultants Pvt. Ltd.');
  assert.equal(acronym.explanation.acronym_only?.score, 1, JSON.stringify(acronym.explanation));
  assert.match(acronym.explanation.acronym_only.detail, /acronym/);
  // a review as screening shows one (row-screener.ts REVIEW_THRESHOLD: 0.1 under the threshold), not a hit
  assert.ok(acronym.score >= DEFAULT_THRESHOLD - 0.1 && acronym.score < DEFAULT_THRESHOLD, String(acronym.score));
  const beside = pair('Company', 'CETC Maple Institute', 'China Electronics Technology Group Corporation Maple Institute');
  assert.ok(beside.explanation.name_match.score > 0.5, JSON.stringify(beside.explanation));
  assert.equal(beside.explanation.acronym_only, undefined);
  assert.equal(pair('Company', 'Maple Engineering', 'Maple Engineering Consultants').explanation.acronym_only, undefined);
});

test('words_unrelated counts a weak word put in place of another: a particle or generic word replaced is another party', () => {
  // 'abdul' carries little alone, but 'wali' stands where it stood
  const swapped = pair('Person', 'ATIQULLAH ABDUL MOHAMMAD', 'ATIQULLAH WALI MOHAMMAD');
  assert.ok(swapped.explanation.words_unrelated, JSON.stringify(swapped.explanation));
  assert.match(swapped.explanation.words_unrelated.detail, /'abdul' vs 'wali'/);
  assert.ok(swapped.score < DEFAULT_THRESHOLD);
  // two firms of one brand, one word apart: the one sharing the generic word is clearly ahead (OpenRefine auto-match)
  const network = pair('Company', 'Ezviz Network Co. Ltd.', 'Hangzhou EZVIZ Network Co., Ltd.');
  const software = pair('Company', 'Ezviz Network Co. Ltd.', 'Hangzhou Ezviz Software Co., Ltd.');
  assert.ok(software.explanation.words_unrelated);
  assert.ok(network.score - software.score > 0.05, `${network.score} vs ${software.score}`);
  // a weak word on one side only is an extra word, not a substitution
  const extra = pair('Person', 'ATIQULLAH ABDUL MOHAMMAD', 'ATIQULLAH MOHAMMAD');
  assert.equal(extra.explanation.words_unrelated, undefined);
});

test('weak_words_only: two firms agreeing in generic words only are a name-alike; a shared distinctive word or a person is not', () => {
  const weak = pair('Company', 'International Business Machines Corp', 'LIMITED LIABILITY COMPANY INTERNATIONAL BUSINESS CORPORATION');
  assert.equal(weak.explanation.weak_words_only?.score, 1, JSON.stringify(weak.explanation));
  assert.ok(weak.explanation.weak_words_only.weight < 0);
  assert.ok(weak.score < DEFAULT_THRESHOLD);
  assert.equal(pair('Company', 'Acme Business Machines Corp', 'Acme Business Corporation').explanation.weak_words_only, undefined);
  assert.equal(pair('Company', 'China Co Ltd', 'China Telecom Co Ltd').explanation.weak_words_only?.score, 1, 'a shared place names no firm');
  assert.equal(pair('Person', 'Abdul Rahman', 'Abdul Karim').explanation.weak_words_only, undefined);
});

test('words_extra: distinctive words one name adds lower the score; a name explained in full on both sides, or a substitution, does not', () => {
  const extra = pair('Person', 'KAZEMI, Mohammad Hosein Musa', 'Mohammad Hosein');
  assert.ok(extra.explanation.words_extra, JSON.stringify(extra.explanation));
  assert.ok(extra.explanation.words_extra.weight < 0);
  assert.match(extra.explanation.words_extra.detail, /'kazemi'/);
  assert.ok(extra.score < pair('Person', 'Mohammad Hosein', 'Mohammad Hosein').score);
  assert.equal(pair('Person', 'Vladimir Putin', 'Putin, Vladimir').explanation.words_extra, undefined);
  assert.equal(pair('Person', 'GHAZI HAMMUD AL-DURI', 'GHAZI HAMMUD AL-UBAIDI').explanation.words_extra, undefined);
});

test('middle_names: a person named with middle names on one side only, first and last names aligned, scores as the same person', () => {
  const middle = pair('Person', 'LUKASHENKO, Dmitriy', 'LUKASHENKA, Dzmitry Aliaksandravich');
  assert.equal(middle.explanation.middle_names?.score, 1, JSON.stringify(middle.explanation));
  assert.ok(middle.explanation.middle_names.weight > 0);
  assert.match(middle.explanation.middle_names.detail, /'aliaksandravich'/);
  assert.ok(middle.score >= DEFAULT_THRESHOLD);
  assert.equal(pair('Person', 'JANAN MOHAMMAD AHMED AGHA', 'JANAN AGHA').explanation.middle_names?.score, 1);
  // not words added at an end (a surname or given name more), nor more words than the short name has, nor firms
  assert.equal(pair('Person', 'UMAR PATEK ABDULLAH ANSHORI', 'UMAR PATEK').explanation.middle_names, undefined);
  assert.equal(pair('Person', 'MUHAMMAD AL-AHDAL', 'MOHAMMAD HAMDI MOHAMMAD SADIQ AL-AHDAL').explanation.middle_names, undefined);
  assert.equal(pair('Person', 'WALIJAN ABDUL GHAFOOR HAQQANI', 'WALIJAN').explanation.middle_names, undefined);
  // a surname met only by an initial is not a name aligned: "S." may stand for anything
  const initial = pair('Person', 'S. Bernova Constantino', 'STAVRIDIS, Konstantinis');
  assert.equal(initial.explanation.middle_names, undefined, JSON.stringify(initial.explanation));
  assert.ok(initial.score < DEFAULT_THRESHOLD, String(initial.score));
  assert.equal(pair('Person', 'GHAZI HAMMUD AL-DURI', 'GHAZI HAMMUD AL-UBAIDI').explanation.middle_names, undefined);
  assert.equal(pair('Company', 'NEGIN PARTO', 'NEGIN KHAVAR PARTO').explanation.middle_names, undefined);
});

test('extra_one_word: distinctive words added to a name of one distinctive word lower the score; generic or place words, or two shared words, do not', () => {
  const one = pair('Company', 'LEGION', 'LEGION KOMPLEKT');
  assert.equal(one.explanation.extra_one_word?.score, 1, JSON.stringify(one.explanation));
  assert.ok(one.explanation.extra_one_word.weight < 0);
  assert.ok(one.score < DEFAULT_THRESHOLD);
  assert.equal(pair('Company', 'NEGIN PARTO', 'NEGIN PARTO KHAVAR').explanation.extra_one_word, undefined);
  const generic = pair('Company', 'Ростех', 'STATE CORPORATION ROSTEC');
  assert.equal(generic.explanation.extra_one_word, undefined);
  assert.ok(generic.score >= DEFAULT_THRESHOLD);
  assert.equal(pair('Company', 'Hikvision', 'Hikvision USA Inc.').explanation.extra_one_word, undefined);
});

test('legal_form_mismatch: two legal forms, none shared, lower the score; the same form or one side without does not', () => {
  const diff = pair('Company', 'Acme Trading LLC', 'Acme Trading GmbH');
  assert.ok(diff.explanation.legal_form_mismatch);
  assert.ok(diff.score < pair('Company', 'Acme Trading LLC', 'Acme Trading').score);
  assert.equal(pair('Company', 'Acme Trading LLC', 'Acme Trading Limited Liability Company').explanation.legal_form_mismatch, undefined);
  assert.equal(pair('Company', 'Acme Trading LLC', 'Acme Trading').explanation.legal_form_mismatch, undefined);
});

test('legal_form_mismatch: "Co." or "Company" names no legal form and disagrees with none; a corporation still disagrees with a free-zone LLC', () => {
  const company = pair('Company', 'NAGHMEH COMPANY', 'NAGHMEH FZE');
  assert.equal(company.explanation.legal_form_mismatch, undefined, JSON.stringify(company.explanation));
  assert.ok(company.score >= DEFAULT_THRESHOLD);
  assert.equal(pair('Company', 'MACHINE PARDAZAN CO. LTD.', 'MACHINE PARDAZAN CO.').explanation.legal_form_mismatch, undefined);
  assert.ok(pair('Company', 'Alphabet Inc', 'ALPHABET INTERNATIONAL DMCC').explanation.legal_form_mismatch);
  assert.ok(pair('Company', 'Acme Corporation', 'Acme GmbH').explanation.legal_form_mismatch);
});

/** Two firm names whose legal forms agree (no legal_form_mismatch, a hit) or disagree (the feature, no hit). */
function assertLegalForms(a: string, b: string, agree: boolean): void {
  const r = pair('Company', a, b);
  if (agree) assert.equal(r.explanation.legal_form_mismatch, undefined, `${a} / ${b}`);
  else assert.ok(r.explanation.legal_form_mismatch, `${a} / ${b}`);
  assert.equal(r.score >= DEFAULT_THRESHOLD, agree, `${a} / ${b}: ${r.score}`);
}

test('legal_form_mismatch: forms that legal-forms.yml names one legal form (same_form) agree; other groups still disagree', () => {
  // a Russian OOO is written "Limited Company" as often as "LLC"; PAO (public JSC, Federal Law 99-FZ) is rendered "Incorporated"
  for (const [a, b] of [
    ['SEVERNAYA ZVEZDA LIMITED COMPANY', 'SEVERNAYA ZVEZDA LIMITED LIABILITY COMPANY'],
    ['KOMPONENTA INC', 'KOMPONENTA AO'],
    ['Gazprom Neft PAO', 'Gazprom Neft OAO'],
    ['NORD GOLD SE', 'NORD GOLD PLC'],
    ['PALEA LTD.', 'PALEA D.O.O.'],
  ])
    assertLegalForms(a, b, true);
  // a limited-liability company is not a joint-stock one, nor an LLC a German GmbH
  for (const [a, b] of [
    ['JOINT STOCK COMPANY RADIOPRIBORSNAB', 'LIMITED LIABILITY COMPANY RADIOPRIBORSNAB'],
    ['Acme Trading LLC', 'Acme Trading GmbH'],
    ['Acme Trading Ltd', 'Acme Trading Inc'],
    ['Alphabet Inc', 'ALPHABET INTERNATIONAL DMCC'],
  ])
    assertLegalForms(a, b, false);
});

test('legal_form_mismatch: Russian forms as written (OOO, AO, OAO, ZAO) of one name do not disagree: a company is converted between them keeping its name', () => {
  for (const [a, b] of [
    ['ELITNYE DOMA AO', 'ELITNYE DOMA OOO'],
    ['Gazprom Transgaz Saratov, OaO', 'Gazprom Transgaz Saratov, OOO'],
    ['ZAKRYTOE AKTSIONERNOE OBSHCHESTVO ALMAZ', 'OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU ALMAZ'],
  ])
    assertLegalForms(a, b, true);
  // written in English the forms name no country; a Russian form against another country's still disagrees
  for (const [a, b] of [
    ['ELITNYE DOMA AO', 'ELITNYE DOMA LIMITED LIABILITY COMPANY'],
    ['ELITNYE DOMA OOO', 'ELITNYE DOMA AG'],
    ['ELITNYE DOMA OOO', 'ELITNYE DOMA GMBH'],
  ])
    assertLegalForms(a, b, false);
});

test('numbers: words, ordinals and digits are one number; different numbers are number_mismatch', () => {
  const same = pair('Company', 'CETC 52nd Research Institute', 'CETC Fifty-Second Research Institute');
  assert.equal(same.explanation.number_mismatch, undefined);
  assert.ok(same.score >= DEFAULT_THRESHOLD);
  assert.ok(pair('Company', 'Brigade Forty-Four', 'Brigade 44').score >= DEFAULT_THRESHOLD);
  const other = pair('Company', 'CETC 52nd Research Institute', 'CETC 54th Research Institute');
  assert.ok(other.explanation.number_mismatch);
  assert.ok(other.score < same.score);
});

test('nicknames and short given names by the table: Bill is William, Sasha is Aleksandr; Bill is not Robert', () => {
  assert.ok(pair('Person', 'Bill Gates', 'William Gates').score >= DEFAULT_THRESHOLD);
  assert.ok(pair('Person', 'Sasha Ivanov', 'Aleksandr Ivanov').score >= DEFAULT_THRESHOLD);
  assert.ok(pair('Person', 'Bibi Netanyahu', 'Benjamin Netanyahu').score >= DEFAULT_THRESHOLD);
  assert.ok(pair('Person', 'Bill Menendez', 'Robert Menendez').score < DEFAULT_THRESHOLD);
});

test('country disagreement, an ISIN country included, lowers the score: Alphabet Inc is no hit on a Dubai namesake', () => {
  const r = pair('Company', 'Alphabet Inc Class A', 'ALPHABET INTERNATIONAL DMCC', { isinCode: ['US02079K3059'] }, { country: ['ae'] });
  assert.ok(r.explanation.country_mismatch, JSON.stringify(r.explanation));
  assert.match(r.explanation.country_mismatch.detail, /us vs ae/);
  assert.ok(r.score < DEFAULT_THRESHOLD * 0.75, String(r.score));
  // an international ISIN (XS) names no country
  assert.equal(pair('Company', 'Acme', 'Acme', { isinCode: ['XS0000000009'] }, { country: ['ae'] }).explanation.country_mismatch, undefined);
});
