import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPack } from '../pack/index.ts';
import { readList } from '../lists/index.ts';
import { collect, fixture } from '../../test/helpers/lists.ts';
import { verifyPack, type PackVerifyReport } from './index.ts';

const packFixture = fileURLToPath(new URL('../../test/fixtures/pack/verify/', import.meta.url));

/** Verifies a copy of the fixture pack, edited by `edit`, against the fixture CSL and 1260H history. */
async function verify(edit: (text: string) => string = (t) => t): Promise<{ report: PackVerifyReport; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-verify-'));
  try {
    cpSync(packFixture, dir, { recursive: true });
    const file = join(dir, 'entities', 'firms.yml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const pack = loadPack(dir);
    const lists = await collect(readList([fixture('csl-verify.csv'), fixture('1260h-history.csv')]));
    return { report: verifyPack(pack.parties, [...pack.entities, ...lists]), lines: readFileSync(file, 'utf8').split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kinds = (r: PackVerifyReport, party: string) => r.findings.filter((f) => f.party === party).map((f) => f.kind);

test('a listing dated neither on its effective nor its publication date is reported at the listing line', async () => {
  const { report, lines } = await verify();
  const date = report.findings.find((f) => f.party === 'hikvision' && f.kind === 'date')!;
  assert.match(date.message, /the list dates the entry 2019-10-09; the pack says since 2019-10-07/);
  assert.equal(date.file, 'entities/firms.yml');
  assert.match(lines[date.line - 1]!, /list: EL, since: 2019-10-07/);
  const fixed = await verify((t) => t.replace('since: 2019-10-07,', 'since: 2019-10-09,'));
  assert.ok(!kinds(fixed.report, 'hikvision').includes('date'));
});

test('a 1260H citation that omits an edition the history records is reported', async () => {
  const { report } = await verify();
  const editions = report.findings.find((f) => f.party === 'hikvision' && f.kind === 'editions');
  assert.match(editions?.message ?? '', /edition\(s\) of 2025-01-07/);
  const fixed = await verify((t) => t.replace('DoD list 2021"', 'DoD lists 2021, 2025"'));
  assert.ok(!kinds(fixed.report, 'hikvision').includes('editions'));
});

test('an official near name that is neither merged nor kept apart is reported; keptApart with a reason silences it', async () => {
  const { report, lines } = await verify();
  const near = report.findings.find((f) => f.party === 'hytera' && f.kind === 'near-name')!;
  assert.match(near.message, /EL entry "Hytera Communications Limited"/);
  assert.match(lines[near.line - 1]!, /id: hytera$/);
  const kept = await verify((t) =>
    t.replace(
      '    country: [cn]\n- id: acme',
      '    country: [cn]\n  keptApart:\n    - {list: EL, name: "Hytera Communications Limited", because: "Hong Kong addresses only"}\n- id: acme',
    ),
  );
  assert.deepEqual(kinds(kept.report, 'hytera'), []);
});

test('a sameAs naming no official entry, and a stale keptApart, are reported', async () => {
  const { report } = await verify((t) =>
    t.replace('    name: [Acme Optics]\n', '    name: [Acme Optics]\n  keptApart:\n    - {list: EL, name: "Acme Optics (HK)", because: "other party"}\n'),
  );
  assert.deepEqual(kinds(report, 'acme').sort(), ['kept-apart', 'sameAs']);
  assert.equal(report.counts.parties, 3);
  assert.deepEqual(report.listsChecked, ['1260H', 'EL']);
});
