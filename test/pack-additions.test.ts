/**
 * Issue #25 acceptance: a vendor file naming the firms the pack gained is screened against the pack and small
 * official-format lists; each firm is found with its listing date and citation, and with its family path where the
 * pack has one (Hikmicro through Hikvision, a Huawei affiliate through Huawei, both §889 parents).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bufferIO } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { fixture } from './helpers/lists.ts';

const vendors = fileURLToPath(new URL('./fixtures/screen/pack-additions-vendors.csv', import.meta.url));

interface Row {
  input: { id: string };
  status: string;
  match?: { id: string };
  listings: { list: string; since?: string; end?: string; citation?: string }[];
  paths?: { steps: { id: string }[] }[];
}

async function screen(asOf: string): Promise<Map<string, Row>> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-pack-additions-'));
  try {
    const db = join(dir, 'test.db');
    for (const f of ['csl-pack-additions.csv', '1260h-history.csv', 'dhs_uflpa.json'])
      assert.equal(await main(['--db', db, 'lists', 'import', fixture(f)], bufferIO()), 0, `import ${f}`);
    const io = bufferIO();
    assert.equal(await main(['--db', db, 'screen', vendors, '--format', 'json', '--as-of', asOf, '--no-save'], io), 1);
    const results = JSON.parse(io.stdout.join('\n')).results as Row[];
    return new Map(results.map((r) => [r.input.id, r]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const listing = (row: Row, list: string) => row.listings.find((l) => l.list === list);

test('the firms added to the pack are found with listing date and citation; an ordinary vendor stays clear', async () => {
  const rows = await screen('2025-06-01');
  const expected: [string, string, string, string, RegExp][] = [
    ['P-1', 'pack-hikmicro', 'EL', '2021-12-17', /86 FR 71559/],
    ['P-2', 'pack-cetc-hik-group', 'EL', '2021-12-17', /aliases of the CETC 52nd Research Institute entry/],
    ['P-3', 'pack-sun-create', '1260H', '2025-01-07', /DoD list 2025; removed 2026-02-17/],
    ['P-4', 'pack-hefei-bitland', 'UFLPA', '2022-06-21', /UFLPA §2\(d\)\(2\)\(B\)/],
    ['P-5', 'pack-ntechlab', 'EL', '2024-12-11', /89 FR 99703/],
    ['P-6', 'pack-dajiang-baiwang', '1260H', '2025-01-07', /DoD lists 2025, 2026/],
    ['P-7', 'pack-hw-huawei-cloud-argentina', 'EL', '2020-08-20', /85 FR 51603/],
    ['P-8', 'pack-urumqi-haishi-xinan', 'EL', '2023-03-30', /88 FR 18985/],
  ];
  for (const [id, entity, list, since, citation] of expected) {
    const row = rows.get(id)!;
    assert.equal(row.status, 'hit', id);
    assert.equal(row.match?.id, entity, id);
    assert.equal(listing(row, list)?.since, since, `${id} ${list} since`);
    assert.match(listing(row, list)?.citation ?? '', citation, `${id} ${list} citation`);
  }
  assert.equal(rows.get('P-9')!.status, 'clear');
});

test('family paths: Hikmicro through Hikvision and a Huawei affiliate through Huawei (§889 subsidiaries and affiliates)', async () => {
  const rows = await screen('2025-06-01');
  const path = (id: string) => rows.get(id)!.paths?.map((p) => p.steps.map((s) => s.id));
  assert.deepEqual(path('P-1')?.[0], ['pack-hikmicro', 'pack-hikvision']);
  assert.deepEqual(path('P-7')?.[0], ['pack-hw-huawei-cloud-argentina', 'pack-huawei']);
});

test('Sun Create is no longer a 1260H hit after its removal on 2026-02-17', async () => {
  const rows = await screen('2026-03-01');
  assert.notEqual(rows.get('P-3')!.status, 'hit');
  assert.equal(rows.get('P-1')!.status, 'hit');
});
