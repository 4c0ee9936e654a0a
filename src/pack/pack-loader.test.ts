import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPack, packSources, isPackDate } from './index.ts';
import { SightlineError } from '../errors.ts';
import { allLists } from '../model/lists.ts';
import type { Entity } from '../model/entity.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/pack/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);

function byId(entities: Entity[], id: string): Entity {
  const e = entities.find((x) => x.id === id);
  assert.ok(e, `missing entity ${id}`);
  return e;
}

function loadError(dir: string): SightlineError {
  try {
    loadPack(dir);
  } catch (e) {
    assert.ok(e instanceof SightlineError, `expected SightlineError, got ${String(e)}`);
    return e;
  }
  assert.fail(`pack ${dir} loaded without error`);
}

// --- the real pack ---------------------------------------------------------------------------------------

const real = loadPack();

test('the bundled pack loads without errors and stays a focused size', () => {
  const parties = real.entities.filter((e) => !['Sanction', 'Ownership', 'UnknownLink'].includes(e.schema));
  assert.ok(parties.length >= 80 && parties.length <= 400, `parties: ${parties.length}`);
  assert.match(real.sha256, /^[0-9a-f]{64}$/);
  assert.ok(real.sources.length >= 30);
});

test('Hikvision carries its Chinese name, ISIN, ticker and USCC', () => {
  const hik = byId(real.entities, 'pack-hikvision');
  assert.equal(hik.schema, 'Company');
  assert.ok(hik.properties.alias.includes('杭州海康威视数字技术股份有限公司'));
  assert.ok(hik.properties.alias.includes('海康威视'));
  assert.deepEqual(hik.properties.isinCode, ['CNE100000PM8']);
  assert.deepEqual(hik.properties.ticker, ['002415']);
  assert.deepEqual(hik.properties.uscCode, ['91330000733796106P']);
  assert.deepEqual(hik.origin?.file, 'entities/hikvision.yml');
  assert.ok(hik.sameAs?.some((r) => r.identifier === 'isinCode:CNE100000PM8'));
  assert.ok(hik.sameAs?.some((r) => r.list === 'CMIC' && r.name === 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.'));
});

test('CETC owns 42% of Hikvision, with evidence', () => {
  const own = real.entities.filter((e) => e.schema === 'Ownership' && e.properties.asset?.[0] === 'pack-hikvision' && e.properties.owner?.[0] === 'pack-cetc');
  assert.equal(own.length, 1);
  assert.deepEqual(own[0]!.properties.percentage, ['42']);
  assert.ok((own[0]!.origin?.evidence ?? []).includes('fp-2018-06-13'));
});

test('Ezviz is linked to Hikvision as a subsidiary', () => {
  const link = byId(real.entities, 'pack-rel-subsidiary-hikvision-ezviz');
  assert.equal(link.schema, 'UnknownLink');
  assert.deepEqual(link.properties.subject, ['pack-hikvision']);
  assert.deepEqual(link.properties.object, ['pack-ezviz']);
  assert.deepEqual(link.properties.role, ['subsidiary']);
});

test('Hikvision is listed on EL, CMIC, FCC and NDAA889, each with a date and a source', () => {
  const expected: Record<string, string> = { EL: '2019-10-09', CMIC: '2021-06-03', FCC: '2021-03-12', NDAA889: '2019-08-13' };
  for (const [code, since] of Object.entries(expected)) {
    const s = byId(real.entities, `pack-hikvision-${code.toLowerCase()}`);
    assert.equal(s.schema, 'Sanction');
    assert.deepEqual(s.properties.entity, ['pack-hikvision']);
    assert.deepEqual(s.properties.programId, [code]);
    assert.deepEqual(s.properties.startDate, [since]);
    assert.ok(s.properties.authority?.[0], `${code} has an authority`);
    assert.ok((s.origin?.evidence ?? []).length > 0, `${code} has evidence`);
  }
  assert.match(byId(real.entities, 'pack-hikvision-el').properties.summary![0]!, /84 FR 54002/);
});

// Issue #25: Dahua owned Lorex until 2022-11-24 (sale to Skywatch agreed 2022-11-23), not "until 2023".
test('Lorex is a dated Dahua subsidiary and Amcrest a Dahua OEM brand with confidence', () => {
  const lorex = byId(real.entities, 'pack-rel-subsidiary-dahua-lorex');
  assert.deepEqual(lorex.properties.startDate, ['2018']);
  assert.deepEqual(lorex.properties.endDate, ['2022-11-24']);
  const amcrest = byId(real.entities, 'pack-rel-oem-dahua-amcrest');
  assert.equal(amcrest.confidence, 0.9);
});

test('GLOMAG officials carry their Chinese names and SDN listing dates', () => {
  const dates: Record<string, string> = {
    'chen-quanguo': '2020-07-09',
    'zhu-hailun': '2020-07-09',
    'wang-junzheng': '2021-03-22',
    'chen-mingguo': '2021-03-22',
  };
  for (const [id, since] of Object.entries(dates)) {
    assert.equal(byId(real.entities, `pack-${id}`).schema, 'Person');
    assert.deepEqual(byId(real.entities, `pack-${id}-sdn`).properties.startDate, [since]);
  }
  assert.ok(byId(real.entities, 'pack-chen-quanguo').properties.alias.includes('陈全国'));
});

test('every evidence id used by the real pack exists and every list code is registered', () => {
  const ids = new Set(real.sources.map((s) => s.id));
  const codes = new Set(allLists().map((l) => l.code));
  for (const e of real.entities) {
    for (const id of e.origin?.evidence ?? []) assert.ok(ids.has(id), `${e.id} cites ${id}`);
    for (const c of e.properties.programId ?? []) assert.ok(codes.has(c), `${e.id} uses list ${c}`);
  }
});

test('no name or alias in the real pack is a legal-form fragment left by an unquoted comma', () => {
  for (const e of real.entities) {
    for (const v of [...(e.properties.name ?? []), ...(e.properties.alias ?? [])]) {
      assert.doesNotMatch(v, /^(ltd\.?|inc\.?|co\.?|llc|limited|corp\.?)$/i, `${e.id}: "${v}"`);
    }
  }
});

test('packSources returns the evidence documents with their dates', () => {
  const sources = packSources();
  const fr = sources.find((s) => s.id === 'fr-84-54002');
  assert.equal(fr?.date, '2019-10-09');
  assert.equal(sources.length, real.sources.length);
});

// --- small fixtures --------------------------------------------------------------------------------------

test('a valid tiny pack converts parties, listings and relations to FtM entities', () => {
  const pack = loadPack(fixture('valid'));
  const acme = byId(pack.entities, 'pack-acme');
  assert.deepEqual(acme.properties.ticker, ['000123']);
  assert.deepEqual(acme.origin, { source: 'pack', file: 'entities/acme.yml', record: 'acme', evidence: ['doc-a'] });
  const el = byId(pack.entities, 'pack-acme-el');
  assert.deepEqual([el.properties.startDate, el.properties.listingDate, el.properties.date], [['2019-10-08'], ['2019-10-08'], ['2019-10-09']]);
  const fcc = byId(pack.entities, 'pack-acme-fcc');
  assert.deepEqual(fcc.properties.endDate, ['2022-01-01']);
  assert.deepEqual(fcc.properties.sourceUrl, ['https://www.fcc.gov/supplychain/coveredlist']);
  const own = byId(pack.entities, 'pack-rel-ownership-holding-acme');
  assert.equal(own.schema, 'Ownership');
  assert.deepEqual(own.properties.percentage, ['51.5']);
  assert.deepEqual(own.properties.startDate, ['2018-08']);
  assert.deepEqual(own.properties.date, ['2019-04']);
  assert.deepEqual(own.properties.summary, ['majority stake']);
  assert.equal(byId(pack.entities, 'pack-rel-oem-acme-acme-brand').confidence, 0.8);
  assert.deepEqual(pack.sources.find((s) => s.id === 'doc-b')?.date, '2021');
});

test('the pack hash changes when any pack file changes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  try {
    cpSync(fixture('valid'), dir, { recursive: true });
    const before = loadPack(dir).sha256;
    assert.equal(loadPack(dir).sha256, before);
    const rel = join(dir, 'relations.yml');
    writeFileSync(rel, readFileSync(rel, 'utf8').replace('majority stake', 'majority holding'));
    assert.notEqual(loadPack(dir).sha256, before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const malformed: [string, string, RegExp][] = [
  ['bad-evidence', 'entities/acme.yml, line 6, record beta', /unknown evidence id "doc-zzz"/],
  ['bad-relation', 'relations.yml, line 1, record brand acme -> ghost-brand', /unknown entity id "ghost-brand"/],
  ['bad-list', 'entities/acme.yml, line 1, record acme', /unknown list code "XYZ"/],
  ['bad-date', 'entities/acme.yml, line 1, record acme', /ISO date.*2019-02-30/],
  ['bad-property', 'entities/acme.yml, line 1, record acme', /no FtM property "isinCode"/],
  ['bad-number', 'entities/acme.yml:6:14: [0].properties.ticker[0]', /expected a string \(quote numbers\), got 2415/],
  ['duplicate-id', 'entities/b.yml, line 1, record acme', /duplicate entity id "acme" \(also in entities\/a.yml\)/],
  ['bad-relation-kind', 'relations.yml, line 2, record 2', /unknown relation kind "partnership"/],
  ['bad-sameas', 'entities/acme.yml, line 1, record acme', /needs the exact "name"/],
];

for (const [name, where, message] of malformed) {
  test(`a malformed pack (${name}) fails with an error naming the file and the entry`, () => {
    const err = loadError(fixture(name));
    assert.equal(err.code, 'BAD_INPUT');
    assert.ok(err.message.startsWith(where), `message "${err.message}" should start with "${where}"`);
    assert.match(err.message, message);
  });
}

test('isPackDate accepts full and partial ISO dates and refuses impossible ones', () => {
  for (const ok of ['2019', '2019-10', '2019-10-09', '2020-02-29']) assert.ok(isPackDate(ok), ok);
  for (const bad of ['2019-13', '2019-02-30', '2021-02-29', '19-10-09', '2019/10/09', '2019-10-9']) assert.ok(!isPackDate(bad), bad);
});

test('a pack file of the wrong shape is refused with file, line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  try {
    cpSync(fixture('valid'), dir, { recursive: true });
    const acme = join(dir, 'entities', 'acme.yml');
    writeFileSync(acme, readFileSync(acme, 'utf8').replace('sources:', 'sauces:'));
    assert.throws(
      () => loadPack(dir),
      (e: SightlineError) =>
        e.code === 'BAD_INPUT' && /^entities\/acme\.yml:\d+:\d+: \[0\]\.sauces: unknown key \(allowed: id, schema, sources/.test(e.message),
    );
    writeFileSync(acme, readFileSync(acme, 'utf8').replace('sauces:', 'sources:').replace('published: 2019-10-09', 'published: 2019-10-32'));
    assert.throws(() => loadPack(dir), /^SightlineError: entities\/acme\.yml, line 1, record acme: "published" must be an ISO date .*2019-10-32/);
    writeFileSync(acme, readFileSync(acme, 'utf8').replace('2019-10-32', '2019-10-09'));
    const rel = join(dir, 'relations.yml');
    writeFileSync(rel, readFileSync(rel, 'utf8').replace('reported: 2019-04', 'reported: April 2019'));
    assert.throws(() => loadPack(dir), /^SightlineError: relations\.yml, line 1, record ownership holding -> acme: "reported" must be an ISO date/);
    writeFileSync(join(dir, 'sources.yml'), '- id: doc-a\n  title: [A]\n');
    assert.throws(
      () => loadPack(dir),
      /^SightlineError: sources\.yml:2:10: \[0\]\.title: expected a non-empty string \(quote numbers and dates\), got a list$/,
    );
    writeFileSync(join(dir, 'sources.yml'), '- id: doc-a\n  title: "A\n');
    assert.throws(() => loadPack(dir), /sources\.yml:\d+:\d+: invalid YAML/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `fn` on a copy of the valid fixture pack. */
function withPackCopy(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-pack-'));
  try {
    cpSync(fixture('valid'), dir, { recursive: true });
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a source without the date it was read, or that cannot be found again, is refused with file and line', () => {
  withPackCopy((dir) => {
    const sources = join(dir, 'sources.yml');
    writeFileSync(
      sources,
      '- {id: doc-a, title: A, url: "https://example.org/a", read: 2026-01-05}\n- {id: doc-b, title: B, citation: "85 FR 1", date: 2021}\n',
    );
    assert.throws(() => loadPack(dir), /^SightlineError: sources\.yml, line 2, record doc-b: source "doc-b" needs "read": the date a curator read it$/);
    writeFileSync(
      sources,
      '- {id: doc-a, title: A, url: "https://example.org/a", read: 2026-01-05}\n- {id: doc-b, title: B, publisher: P, read: 2026-01-05}\n',
    );
    assert.throws(
      () => loadPack(dir),
      /^SightlineError: sources\.yml, line 2, record doc-b: source "doc-b" cannot be found again: give a "url", an official "citation"/,
    );
    writeFileSync(
      sources,
      '- {id: doc-a, title: A, url: "https://example.org/a", read: 2026-01-05}\n- {id: doc-b, title: B, publisher: P, date: 2021-03, read: 2026-01-05}\n',
    );
    assert.equal(loadPack(dir).sources.find((s) => s.id === 'doc-b')?.read, '2026-01-05');
  });
});

test('keptApart names the official entry, its list and the reason; listings carry their own line', () => {
  withPackCopy((dir) => {
    const acme = join(dir, 'entities', 'acme.yml');
    const text = readFileSync(acme, 'utf8').replace(
      '  listings:\n',
      '  keptApart:\n    - {list: EL, name: "Acme Vision (HK) Ltd.", because: "Hong Kong addresses only"}\n  listings:\n',
    );
    writeFileSync(acme, text);
    const party = loadPack(dir).parties.find((p) => p.id === 'acme')!;
    assert.deepEqual(party.keptApart, [{ list: 'EL', name: 'Acme Vision (HK) Ltd.', because: 'Hong Kong addresses only' }]);
    const lines = text.split('\n');
    assert.match(lines[party.listings[0]!.line - 1]!, /list: EL, since: 2019-10-08/);
    assert.match(lines[party.listings[1]!.line - 1]!, /list: FCC/);
    writeFileSync(acme, text.replace('because: "Hong Kong addresses only"', 'why: x'));
    assert.throws(() => loadPack(dir), /acme\.yml:\d+:\d+: \[0\]\.keptApart\[0\]\.why: unknown key/);
  });
});
