/**
 * The corrections of issue #25 to the bundled knowledge pack, checked on the real pack data through the world
 * and the entity view (what `sightline entity … --as-of` prints). Each test failed on the pack before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPack } from '../src/pack/index.ts';
import { createWorld } from '../src/graph/world.ts';
import { entityView } from '../src/graph/entity-view.ts';
import type { Entity } from '../src/model/entity.ts';

const pack = loadPack();
const world = createWorld(pack.entities, pack.sources);

function party(id: string): Entity {
  const e = pack.entities.find((x) => x.id === id);
  assert.ok(e, `missing pack entity ${id}`);
  return e;
}

const names = (e: Entity) => [...(e.properties.name ?? []), ...(e.properties.alias ?? [])];
const view = (id: string, asOf?: string) => entityView(world, id, asOf)!;
const listing = (id: string, list: string) => view(id).listings.find((l) => l.listCode === list);

/** An imported list entry as the list importers produce it: a party and its Sanction. */
function listEntry(id: string, list: string, name: string, since: string): Entity[] {
  return [
    { id, schema: 'Company', properties: { name: [name] }, origin: { source: list } },
    { id: `${id}-s`, schema: 'Sanction', properties: { entity: [id], programId: [list], listingDate: [since] }, origin: { source: list } },
  ];
}

test('Hytera of Shenzhen and the Entity List\'s Hong Kong "Hytera Communications Limited" stay two parties, each saying why', () => {
  const shenzhen = party('pack-hytera');
  const hk = party('pack-hytera-hk');
  assert.ok(!names(shenzhen).includes('Hytera Communications Limited'), 'the EL name is not an alias of the Shenzhen company');
  assert.ok(!shenzhen.sameAs?.some((r) => r.list === 'EL'), 'the Shenzhen company claims no EL entry');
  assert.deepEqual(hk.sameAs, [{ list: 'EL', name: 'Hytera Communications Limited' }]);
  assert.deepEqual(hk.properties.country, ['hk']);
  assert.match(shenzhen.properties.notes?.[0] ?? '', /kept apart/);
  assert.match(hk.properties.notes?.[0] ?? '', /kept apart/);
  // No link of any kind joins them: a name-alike is a review, not a path.
  const links = pack.entities.filter((e) => ['Ownership', 'UnknownLink'].includes(e.schema));
  const joined = links.filter((e) => {
    const ends = [...(e.properties.owner ?? []), ...(e.properties.asset ?? []), ...(e.properties.subject ?? []), ...(e.properties.object ?? [])];
    return ends.includes('pack-hytera') && ends.includes('pack-hytera-hk');
  });
  assert.deepEqual(joined, []);
  // Imported, the EL entry merges into the Hong Kong party; the Shenzhen company keeps only FCC and §889.
  const merged = createWorld([...pack.entities, ...listEntry('el-hytera', 'EL', 'Hytera Communications Limited', '2024-08-27')], pack.sources);
  assert.equal(merged.canonicalId('el-hytera'), 'pack-hytera-hk');
  assert.deepEqual(
    merged.listings('pack-hytera').map((l) => l.listCode),
    ['NDAA889', 'FCC'],
  );
  assert.equal(merged.listings('pack-hytera-hk')[0]?.citation?.includes('89 FR 68548'), true);
});

test('Entity List "since" is the effective date; the publication date and the entry page are kept', () => {
  const expected: Record<string, [string, string, RegExp]> = {
    sugon: ['2019-06-24', '2019-06-24', /entry at 84 FR 29373/],
    higon: ['2019-06-24', '2019-06-24', /entry at 84 FR 29373/],
    'chengdu-haiguang-ic': ['2019-06-24', '2019-06-24', /entry at 84 FR 29373/],
    'chengdu-haiguang-micro': ['2019-06-24', '2019-06-24', /entry at 84 FR 29373/],
    'wuxi-jiangnan': ['2019-06-24', '2019-06-24', /entry at 84 FR 29373/],
    dji: ['2020-12-18', '2020-12-22', /85 FR 83416 \(entry at 85 FR 83420\)/],
    tiandy: ['2022-12-16', '2022-12-19', /87 FR 77505 \(entry at 87 FR 77508\)/],
  };
  for (const [id, [since, published, page]] of Object.entries(expected)) {
    const s = party(`pack-${id}-el`);
    assert.deepEqual(s.properties.startDate, [since], `${id} effective`);
    assert.deepEqual(s.properties.date, [published], `${id} published`);
    assert.match(s.properties.summary?.[0] ?? '', page, `${id} citation`);
    assert.equal(listing(`pack-${id}`, 'EL')?.since, since);
  }
  // Not listed the day before it took effect, listed on the day.
  assert.equal(
    view('pack-dji', '2020-12-17').listings.some((l) => l.listCode === 'EL'),
    false,
  );
  assert.equal(
    view('pack-dji', '2020-12-18').listings.some((l) => l.listCode === 'EL'),
    true,
  );
});

test('Lorex: a Dahua subsidiary until 2022-11-24, not on 2023-06-01; the OEM link is separate and dated', () => {
  const inForce = (asOf: string) => view('pack-lorex', asOf).parents.map((l) => [l.id, l.kind]);
  assert.deepEqual(inForce('2021-06-01'), [['pack-dahua', 'subsidiary']]);
  assert.deepEqual(inForce('2022-11-23'), [['pack-dahua', 'subsidiary']]);
  assert.deepEqual(inForce('2022-11-24'), []);
  assert.deepEqual(inForce('2023-06-01'), []);
  assert.ok(!view('pack-dahua', '2023-06-01').subsidiaries.some((l) => l.id === 'pack-lorex'));
  assert.ok(view('pack-dahua', '2022-06-01').subsidiaries.some((l) => l.id === 'pack-lorex'));
  const sub = party('pack-rel-subsidiary-dahua-lorex');
  assert.deepEqual([sub.properties.startDate, sub.properties.endDate], [['2018'], ['2022-11-24']]);
  assert.ok(sub.origin?.evidence?.includes('dahua-2022-094') && sub.origin.evidence.includes('texas-ag-lorex'));
  // Manufacturing is another fact: Dahua-made Lorex products, dated from the first builds, still in force.
  const oem = view('pack-lorex', '2023-06-01').makers;
  assert.deepEqual(
    oem.map((l) => [l.id, l.kind, l.start]),
    [['pack-dahua', 'oem', '2014']],
  );
  assert.ok(!view('pack-lorex', '2023-06-01').paths.some((p) => p.rule === 'ndaa889'), 'no §889 subsidiary path after the sale');
});

test('Huacheng / Imou: the 32.73% stake and the group link end with the sale announced 2025-03-03', () => {
  const stake = party('pack-rel-ownership-dahua-huacheng');
  assert.deepEqual(stake.properties.percentage, ['32.73']);
  assert.deepEqual(stake.properties.endDate, ['2025-03-03']);
  assert.ok(stake.origin?.evidence?.includes('dahua-2025-008'));
  for (const id of ['pack-rel-subsidiary-dahua-huacheng', 'pack-rel-brand-dahua-imou']) {
    assert.deepEqual(party(id).properties.endDate, ['2025-03-03'], id);
  }
  assert.deepEqual(
    view('pack-huacheng', '2024-06-01').parents.map((l) => l.id),
    ['pack-dahua'],
  );
  assert.deepEqual(view('pack-huacheng', '2025-06-01').parents, []);
  assert.deepEqual(view('pack-huacheng', '2025-06-01').owners, []);
  assert.deepEqual(
    view('pack-imou', '2025-06-01').makers.map((l) => l.id),
    ['pack-huacheng'],
  );
  assert.ok(!view('pack-dahua', '2025-06-01').subsidiaries.some((l) => l.id === 'pack-huacheng'));
  // Undated, the links are shown with their end date, never as current.
  assert.ok(
    view('pack-dahua')
      .subsidiaries.filter((l) => l.id === 'pack-huacheng')
      .every((l) => l.end === '2025-03-03'),
  );
});

test('eLine rests on the OEM listing alone: lower confidence, no firmware evidence', () => {
  const eline = party('pack-rel-oem-dahua-eline');
  assert.ok((eline.confidence ?? 1) <= 0.5, `confidence ${eline.confidence}`);
  assert.ok(!eline.origin?.evidence?.includes('dahua-oem-firmware'));
  assert.doesNotMatch(eline.properties.summary?.[0] ?? '', /firmware builds published/);
  assert.doesNotMatch(party('pack-eline').properties.summary?.[0] ?? '', /firmware builds published/);
});

test("CETC's ~42% of Hikvision is dated to its 2018-19 reporting", () => {
  const own = party('pack-rel-ownership-cetc-hikvision');
  assert.deepEqual(own.properties.percentage, ['42']);
  assert.deepEqual(own.properties.date, ['2019-05-22']);
  assert.match(own.properties.summary?.[0] ?? '', /2018-19/);
  assert.doesNotMatch(party('pack-cetc').properties.summary?.[0] ?? '', /controls about 42%/);
});

test('"Hygon" is an alias of Chengdu Haiguang Integrated Circuit, not Higon; Shenzhen HiSilicon is its own EL entry', () => {
  assert.ok(!names(party('pack-higon')).includes('Hygon'));
  assert.ok(names(party('pack-chengdu-haiguang-ic')).includes('Hygon'));
  assert.deepEqual(
    world.findByName('Hygon').map((e) => e.id),
    ['pack-chengdu-haiguang-ic'],
  );
  assert.ok(!names(party('pack-hisilicon')).includes('深圳市海思半导体有限公司'));
  const shenzhen = party('pack-hisilicon-shenzhen');
  assert.ok(names(shenzhen).includes('深圳市海思半导体有限公司'));
  assert.deepEqual(shenzhen.sameAs, [{ list: 'EL', name: 'Shenzhen HiSilicon Technologies Co.' }]);
  assert.equal(listing('pack-hisilicon-shenzhen', 'EL')?.since, '2019-08-21');
  assert.match(listing('pack-hisilicon-shenzhen', 'EL')?.citation ?? '', /84 FR 43495/);
  assert.equal(listing('pack-hisilicon', 'EL')?.since, '2019-05-16');
  assert.deepEqual(
    world.findByName('深圳市海思半导体有限公司').map((e) => e.id),
    ['pack-hisilicon-shenzhen'],
  );
});

test('1260H listings name every edition a firm appears in (DoD 1260H history), each edition cited as a source', () => {
  // From the 2021–2026 listing history: the 2022 and 2024 editions re-listed the firms first named earlier.
  const expected: Record<string, string[]> = {
    hikvision: ['2021', '2022', '2024', '2025', '2026'],
    huawei: ['2021', '2022', '2024', '2025', '2026'],
    'huawei-holding': ['2021', '2022', '2024', '2025', '2026'],
    cetc: ['2021', '2022', '2024', '2025', '2026'],
    inspur: ['2021', '2022', '2024', '2025', '2026'],
    dahua: ['2022', '2024', '2025', '2026'],
    sugon: ['2022', '2024', '2025', '2026'],
    dji: ['2022', '2024', '2025', '2026'],
    cloudwalk: ['2022', '2024', '2025', '2026'],
    netposa: ['2024', '2025', '2026'],
    'megvii-beijing': ['2024'],
  };
  for (const [id, years] of Object.entries(expected)) {
    const s = party(`pack-${id}-1260h`);
    const cited = (s.properties.summary?.[0] ?? '').replace('FY2021', '').match(/\b20\d\d\b/g) ?? ([] as string[]);
    const editions = (s.origin?.evidence ?? []).filter((e) => e.startsWith('dod-1260h-')).map((e) => e.slice('dod-1260h-'.length));
    assert.ok(
      years.every((y) => cited.includes(y)),
      `${id} citation "${s.properties.summary?.[0]}" names ${years.join(', ')}`,
    );
    assert.deepEqual(
      editions.filter((y) => years.includes(y)),
      years,
      `${id} sources`,
    );
    assert.equal(s.properties.startDate?.[0]?.slice(0, 4), years[0], `${id} since`);
  }
});
