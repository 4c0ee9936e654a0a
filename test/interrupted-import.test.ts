import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { importFiles } from '../src/lists/import-files.ts';

const HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

function cslRow(i: number): string {
  const cells = new Array(29).fill('');
  cells[0] = `id${i}`;
  cells[1] = 'Entity List (EL) - Bureau of Industry and Security';
  cells[3] = 'Entity';
  cells[5] = `Example Trading Company ${i} Limited`;
  cells[7] = `${i} Example Road, Shenzhen, China`;
  cells[8] = '84 FR 54002, 10/9/19';
  return cells.map((c) => `"${c}"`).join(',');
}

function writeCsl(path: string, rows: number): void {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) lines.push(cslRow(i));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

test('an import killed mid-way leaves the previous version intact', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-kill-'));
  const db = join(dir, 'store.db');
  try {
    writeCsl(join(dir, 'small.csv'), 3);
    {
      const store = await openStore(db);
      const v1 = await importFiles(store, [join(dir, 'small.csv')]);
      assert.equal(v1.unchanged, false);
      await store.close();
    }
    writeCsl(join(dir, 'big.csv'), 120_000);
    const child = spawn(process.execPath, ['bin/sightline.js', 'lists', 'import', join(dir, 'big.csv'), '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // the sources under test, not a dist/ that may be stale
      env: { ...process.env, SIGHTLINE_FROM_SOURCE: '1' },
    });
    let killedMidway = false;
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        // The first progress line means rows are being written inside the open transaction.
        if (!killedMidway && /importing: \d+/.test(chunk.toString())) {
          killedMidway = true;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
    });
    assert.ok(killedMidway, 'the import was killed while it was writing');
    const store = await openStore(db);
    const versions = await store.versions('csl');
    assert.equal(versions.length, 1, 'only the first version exists');
    const { entities } = await store.currentEntities();
    assert.equal(entities.filter((e) => e.schema !== 'Sanction').length, 3);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
