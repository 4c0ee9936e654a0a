import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, formats, readList } from './index.ts';
import { validateEntity } from '../model/ftm.ts';
import { collect, fixture } from '../../test/helpers/lists.ts';

test('detectFormat recognises each fixture format', async () => {
  assert.equal((await detectFormat([fixture('csl-current.csv')])).id, 'csl-csv');
  assert.equal((await detectFormat([fixture('csl-2019.csv')])).id, 'csl-csv');
  assert.equal((await detectFormat([fixture('csl-api.json')])).id, 'csl-json');
  assert.equal((await detectFormat([fixture('ofac-sdn')])).id, 'ofac-legacy');
  assert.equal((await detectFormat([fixture('ofac-cons', 'cons_prim.csv'), fixture('ofac-cons', 'cons_alt.csv')])).id, 'ofac-legacy');
  assert.equal((await detectFormat([fixture('sdn_advanced.xml')])).id, 'ofac-advanced');
  assert.equal((await detectFormat([fixture('opensanctions.ftm.json')])).id, 'ftm');
  assert.equal((await detectFormat([fixture('dhs_uflpa.json')])).id, 'list-table');
  assert.equal((await detectFormat([fixture('1260h-history.csv')])).id, '1260h-history');
  assert.deepEqual(formats.map((f) => f.id).sort(), ['1260h-history', 'csl-csv', 'csl-json', 'ftm', 'list-table', 'ofac-advanced', 'ofac-legacy']);
});

test('readList reads files of different formats in one call', async () => {
  const es = await collect(readList([fixture('csl-api.json'), fixture('opensanctions.ftm.json')]));
  assert.ok(es.some((e) => e.id === 'ofac-30954'));
  assert.ok(es.some((e) => e.id === 'NK-hik'));
});

test('every entity from every fixture is valid FtM, has an origin, and Sanctions point at a party in the stream', async () => {
  for (const f of ['csl-current.csv', 'csl-2019.csv', 'csl-api.json', 'ofac-sdn', 'ofac-cons', 'sdn_advanced.xml']) {
    const es = await collect(readList([fixture(f)]));
    const ids = new Set(es.map((e) => e.id));
    assert.equal(ids.size, es.length, `${f}: ids are unique`);
    for (const e of es) {
      validateEntity(e);
      assert.ok(e.origin?.file && e.origin.record !== undefined, `${f}: ${e.id} has an origin`);
      if (e.schema === 'Sanction') {
        assert.ok(ids.has(e.properties.entity![0]!), `${f}: ${e.id} points at a party`);
        assert.equal(e.id, `${e.properties.entity![0]}-${e.properties.programId![0]!.toLowerCase()}`);
      }
    }
  }
});

test('reading the same file twice gives the same ids (stable for diffs)', async () => {
  const a = (await collect(readList([fixture('csl-current.csv')]))).map((e) => e.id);
  const b = (await collect(readList([fixture('csl-current.csv')]))).map((e) => e.id);
  assert.deepEqual(a, b);
});
