import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packApp } from '../../test/helpers/server.ts';
import { SEARCH_THRESHOLD } from './routes-api.ts';

type Found = { caption: string; score: number; match: boolean };

test('entity search scores each result, keeps only names close enough, and finds nothing for nonsense', async () => {
  const { app, close } = await packApp();
  try {
    const search = async (q: string): Promise<Found[]> => (await app.inject({ url: `/search/default?limit=10&q=${encodeURIComponent(q)}` })).json().results;
    // A misspelling: the real firm, scored; near-misses below the threshold (other firms sharing a word) are not listed.
    const typo = await search('Hikvison');
    assert.ok(typo.some((r) => r.caption === 'Hangzhou Hikvision Digital Technology Co., Ltd.'));
    for (const r of typo) assert.ok(r.match && r.score >= SEARCH_THRESHOLD, `${r.caption} ${r.score}`);
    assert.deepEqual(await search('xyzzy nonexistent plc'), []);
  } finally {
    await close();
  }
});
