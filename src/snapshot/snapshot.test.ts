import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.ts';
import { importFiles } from '../lists/import-files.ts';
import { loadWorld } from '../graph/load.ts';
import { buildIndex, type MatchIndex } from '../match/index.ts';
import { fixture } from '../../test/helpers/lists.ts';
import { openWorldIndex, snapshotPath } from './index.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError, writeSnapshotFile } from './codec.ts';

const QUERIES = ['Hangzhou Hikvision', 'Hikvision Digital', '海康威视', 'Dahua Technology', 'Huawei', 'Zhejiang Uniview'];

function answers(index: MatchIndex): string {
  return JSON.stringify(QUERIES.map((n) => index.match({ schema: 'LegalEntity', properties: { name: [n] } }, { limit: 5 })));
}

async function storeWithList() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-snapshot-'));
  const db = join(dir, 'sightline.db');
  const store = await openStore(db);
  await importFiles(store, [fixture('csl-current.csv')]);
  return { store, path: snapshotPath({ db, dataDir: dir })! };
}

test('the codec gives back typed arrays, string lists (eager and lazy), strings and numbers', () => {
  const state = { a: Int32Array.from([1, -2, 3]), b: { c: Float64Array.from([0.5]), d: ['x', '', 'ü€'], e: 'text', n: 7 }, u: Uint8Array.from([9]) };
  const { state: back, meta } = decodeSnapshot(encodeSnapshot(state, { key: 'k' }), (name) => name === 'b.d');
  assert.deepEqual(meta, { key: 'k' });
  assert.deepEqual([...(back.a as Int32Array)], [1, -2, 3]);
  const b = back.b as Record<string, unknown> & { d: { length: number; at(i: number): string } };
  assert.deepEqual([...(b.c as Float64Array)], [0.5]);
  assert.deepEqual([b.d.length, b.d.at(0), b.d.at(1), b.d.at(2)], [3, 'x', '', 'ü€']);
  assert.equal(b.e, 'text');
  assert.equal(b.n, 7);
  assert.deepEqual([...(back.u as Uint8Array)], [9]);
});

test('string lists kept in deflated blocks read back whole and entry by entry, across block boundaries', () => {
  // entries of about 1 KB: 500 of them fill several 64 KB blocks
  const texts = Array.from({ length: 500 }, (_, i) => `${i}:${'ü€x'.repeat(i % 7)}${JSON.stringify({ id: i, pad: 'p'.repeat(1000) })}`);
  texts[3] = '';
  const file = encodeSnapshot({ w: { all: texts, ids: ['a', 'b'] } }, {}, (name) => name === 'w.all');
  assert.ok(file.length < (500 * 1000) / 4, `packed: ${file.length} bytes`);
  const lazy = decodeSnapshot(file, (name) => name === 'w.all').state.w as Record<string, { length: number; at(i: number): string | undefined }>;
  assert.equal(lazy.all.length, 500);
  for (const i of [499, 0, 3, 64, 65, 250, 1]) assert.equal(lazy.all.at(i), texts[i]);
  assert.equal(lazy.all.at(500), undefined);
  const eager = decodeSnapshot(file).state.w as Record<string, string[]>;
  assert.deepEqual(eager.all, texts);
  assert.deepEqual(eager.ids, ['a', 'b']);
  // a damaged block is refused at open, by the checksum over the whole file
  file[Math.floor(file.length / 2)] ^= 0x40;
  assert.throws(() => decodeSnapshot(file, (name) => name === 'w.all'), /checksum/);
});

test('a snapshot written section by section is byte for byte the encoded one', () => {
  const texts = Array.from({ length: 300 }, (_, i) => `${i}:${'ü€'.repeat(i % 5)}${'q'.repeat(500)}`);
  const state = {
    a: Int32Array.from([1, -2, 3]),
    b: { c: Float64Array.from([0.5, 2]), d: ['x', '', 'ü€'], e: 'text', n: 7 },
    w: { all: texts },
    u: Uint8Array.from([9, 8, 7]),
  };
  const packed = (name: string) => name === 'w.all';
  const path = join(mkdtempSync(join(tmpdir(), 'sightline-snapshot-')), 'file.bin');
  writeSnapshotFile(path, state, { key: 'k' }, packed);
  const written = readFileSync(path);
  assert.ok(written.equals(encodeSnapshot(state, { key: 'k' }, packed)), 'same bytes');
  assert.deepEqual((decodeSnapshot(written).state.w as { all: string[] }).all, texts);
});

test('a damaged or foreign file is refused by the codec', () => {
  const file = encodeSnapshot({ a: Int32Array.from([1, 2, 3]) }, {});
  file[file.length - 3] ^= 0xff;
  assert.throws(() => decodeSnapshot(file), SnapshotError);
  assert.throws(() => decodeSnapshot(Buffer.from('not a snapshot at all, just text')), SnapshotError);
});

test('the first use builds and writes the snapshot; the next opens it and answers as a fresh build does', async () => {
  const { store, path } = await storeWithList();
  try {
    const first = await openWorldIndex(store, path);
    assert.equal(first.from, 'built');
    assert.ok(existsSync(path));
    const second = await openWorldIndex(store, path);
    assert.equal(second.from, 'snapshot');
    const { world } = await loadWorld(store);
    assert.equal(answers(second.index), answers(buildIndex(world.parties())));
    const hik = second.index.match({ schema: 'LegalEntity', properties: { name: ['Hangzhou Hikvision'] } })[0];
    assert.ok(hik.match);
    // as JSON: a field left undefined is not written to the file
    const same = (a: unknown, b: unknown) => assert.equal(JSON.stringify(a), JSON.stringify(b));
    same(second.world.listings(hik.id), world.listings(hik.id));
    same(second.world.get(hik.id), world.get(hik.id));
    same(second.world.relationsFrom(hik.id), world.relationsFrom(hik.id));
    same(second.world.members(hik.id), world.members(hik.id));
    assert.deepEqual(
      second.world.findByName('hikvision').map((e) => e.id),
      world.findByName('hikvision').map((e) => e.id),
    );
    assert.deepEqual(second.versions, first.versions);
  } finally {
    await store.close();
  }
});

test('a flipped byte in the snapshot is detected: the next call rebuilds, answers correctly and rewrites the file', async () => {
  const { store, path } = await storeWithList();
  try {
    const built = await openWorldIndex(store, path);
    const expected = answers(built.index);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(path, bytes);
    const after = await openWorldIndex(store, path);
    assert.equal(after.from, 'built');
    assert.match(after.rejected ?? '', /checksum/);
    assert.equal(answers(after.index), expected);
    assert.equal((await openWorldIndex(store, path)).from, 'snapshot', 'the rebuilt file is sound');
  } finally {
    await store.close();
  }
});

test('a snapshot of other list versions is stale: rebuilt for the new versions, never used', async () => {
  const { store, path } = await storeWithList();
  try {
    await openWorldIndex(store, path);
    const before = statSync(path).mtimeMs;
    await importFiles(store, [fixture('csl-2019.csv')], { source: 'csl' });
    const after = await openWorldIndex(store, path);
    assert.equal(after.from, 'built');
    assert.match(after.rejected ?? '', /other list versions/);
    assert.ok(after.versions.some((v) => v.source === 'csl' && v.number === 2));
    assert.ok(statSync(path).mtimeMs >= before);
    assert.equal((await openWorldIndex(store, path)).from, 'snapshot');
  } finally {
    await store.close();
  }
});
