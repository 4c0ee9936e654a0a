import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRemarks, splitRemarks } from './remarks.ts';
import { parseDate, parseCitations } from './dates.ts';
import { countryCode, countryOfAddress } from './tables.ts';

test('parseRemarks reads ticker, ISIN, USCC, listing date and Linked To from a CMIC remark', () => {
  const r = parseRemarks(
    'Equity Ticker 002415 CN; ISIN CNE100000PM8; Unified Social Credit Code (USCC) 91330000733796106P (China); Listing Date (CMIC) 03 Jun 2021; Linked To: HUAWEI TECHNOLOGIES CO., LTD.',
  );
  assert.deepEqual(r.props.ticker, ['002415 CN']);
  assert.deepEqual(r.props.isinCode, ['CNE100000PM8']);
  assert.deepEqual(r.props.uscCode, ['91330000733796106P']);
  assert.deepEqual(r.props.country, ['cn']);
  assert.deepEqual(r.listingDates, ['2021-06-03']);
  assert.deepEqual(r.linkedTo, ['HUAWEI TECHNOLOGIES CO., LTD.']);
});

test('parseRemarks collects every alt. ISIN and ticker', () => {
  const r = parseRemarks('ISIN US1694261033; alt. ISIN CNE1000002V2; Equity Ticker CHA US; alt. Equity Ticker 0728 HK.');
  assert.deepEqual(r.props.isinCode, ['US1694261033', 'CNE1000002V2']);
  assert.deepEqual(r.props.ticker, ['CHA US', '0728 HK']);
});

test('parseRemarks reads a person: DOB, POB, passport, nationality, gender, weak a.k.a.', () => {
  const r = parseRemarks("DOB 19 Jun 1951; alt. DOB 1952; POB Giza, Egypt; Passport 1084010 (Egypt); nationality Egypt; Gender Male; a.k.a. 'THE DOCTOR'.");
  assert.deepEqual(r.props.birthDate, ['1951-06-19', '1952']);
  assert.deepEqual(r.props.birthPlace, ['Giza, Egypt']);
  assert.deepEqual(r.props.passportNumber, ['1084010']);
  assert.deepEqual(r.props.nationality, ['eg']);
  assert.deepEqual(r.props.gender, ['male']);
  assert.deepEqual(r.props.weakAlias, ['THE DOCTOR']);
  assert.equal(r.props.country, undefined, 'a passport country is not the person’s country');
});

test('parseRemarks maps company identifiers, contacts and vessel IMO', () => {
  const r = parseRemarks(
    "SWIFT/BIC RUAGRUMM; Website http://www.rshb.ru; Email Address info@example.ru; Tax ID No. 7725114488 (Russia); Registration Number 1027700342890 (Russia); Legal Entity Number 253400WSS48YWMBUA688; Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'",
  );
  assert.deepEqual(r.props.swiftBic, ['RUAGRUMM']);
  assert.deepEqual(r.props.website, ['http://www.rshb.ru']);
  assert.deepEqual(r.props.email, ['info@example.ru']);
  assert.deepEqual(r.props.taxNumber, ['7725114488']);
  assert.deepEqual(r.props.registrationNumber, ['1027700342890']);
  assert.deepEqual(r.props.leiCode, ['253400WSS48YWMBUA688']);
  assert.deepEqual(r.props.imoNumber, ['7406784']);
  assert.deepEqual(r.props.previousName, ['ANA I']);
});

test('parseRemarks keeps sanction statements apart and unreadable items as notes', () => {
  const r = parseRemarks('Effective Date (CMIC) 02 Aug 2021; Secondary sanctions risk: section 1(b) of Executive Order 13224; Director of SOME FRONT.');
  assert.equal(r.sanctionNotes.length, 2);
  assert.deepEqual(r.props.notes, ['Director of SOME FRONT']);
});

test('splitRemarks does not split inside parentheses', () => {
  assert.deepEqual(splitRemarks('A (x; y); B'), ['A (x; y)', 'B']);
});

test('parseDate reads the US list date shapes', () => {
  assert.equal(parseDate('10/9/19'), '2019-10-09');
  assert.equal(parseDate('9/17/81'), '1981-09-17');
  assert.equal(parseDate('12/23/2020'), '2020-12-23');
  assert.equal(parseDate('03 Jun 2021'), '2021-06-03');
  assert.equal(parseDate('circa 1960'), '1960');
  assert.equal(parseDate('Dec 1948'), '1948-12');
  assert.equal(parseDate('2019-10-09'), '2019-10-09');
  assert.equal(parseDate('no date here'), undefined);
});

test('parseCitations returns Federal Register notices in order with their dates', () => {
  assert.deepEqual(parseCitations('84 FR 54004, 10/9/19.\n85 FR 44161, 7/22/20'), [
    { citation: '84 FR 54004', date: '2019-10-09' },
    { citation: '85 FR 44161', date: '2020-07-22' },
  ]);
  assert.deepEqual(parseCitations('46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81')[0], { citation: '46 FR 46154', date: '1981-09-17' });
});

test('country names and addresses map to ISO-2 codes', () => {
  assert.equal(countryCode('Korea, North'), 'kp');
  assert.equal(countryCode('Burma'), 'mm');
  assert.equal(countryCode('CN'), 'cn');
  assert.equal(countryCode('Atlantis'), undefined);
  assert.equal(countryOfAddress('No. 555 Qianmo Road, Binjiang District, Hangzhou 310052, China.'), 'cn');
  assert.equal(countryOfAddress('Room 1905, Wing Lok Street, Sheung Wan, Hong Kong'), 'hk');
  assert.equal(countryOfAddress('15 Rochdelskaya Street, Moscow, 123376, Russia.'), 'ru');
});
