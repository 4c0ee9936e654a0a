import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readList } from './index.ts';
import { splitEmbeddedName } from './embedded-names.ts';
import { byId, collect, fixture } from '../../test/helpers/lists.ts';

test('an Entity List name with an unclosed "(a.k.a." is imported as the name plus an alias', async () => {
  const es = await collect(readList([fixture('csl-embedded-names.csv')]));
  const lukoil = byId(es, 'el-lukoil-oao');
  assert.deepEqual(lukoil.properties.name, ['Lukoil, OAO']);
  assert.deepEqual(lukoil.properties.alias, ['Lukoil']);
});

test('an "(f.k.a., …)" name becomes a previous name, next to the aliases of the alt_names column', async () => {
  const es = await collect(readList([fixture('csl-embedded-names.csv')]));
  const gaz = byId(es, 'el-gaz-oil-ooo');
  assert.deepEqual(gaz.properties.name, ['Gaz-Oil, OOO']);
  assert.deepEqual(gaz.properties.previousName, ['Zakrytoe Aktsionernoe Obshchestvo Gaz Oil']);
  assert.ok(gaz.properties.alias?.includes('Gaz-Oil'));
});

test('a dangling "(a.k.a." with nothing after it leaves the bare name; "AKA" inside a word is not a marker', async () => {
  const es = await collect(readList([fixture('csl-embedded-names.csv')]));
  assert.deepEqual(byId(es, 'el-sabanican-company').properties.name, ['Sabanican Company']);
  assert.equal(byId(es, 'el-sabanican-company').properties.alias, undefined);
  assert.deepEqual(byId(es, 'ofac-12345').properties.name, ['YK-AKA']);
});

test('splitEmbeddedName: quotes and the closing parenthesis are trimmed; several aliases split on ";"', () => {
  assert.deepEqual(splitEmbeddedName('Mesbah Energy Company (a.k.a. “MEC”)'), { name: 'Mesbah Energy Company', aliases: ['MEC'], previousNames: [] });
  assert.deepEqual(splitEmbeddedName('Acme (n.k.a. Acme One; Acme Two)'), { name: 'Acme', aliases: ['Acme One', 'Acme Two'], previousNames: [] });
  assert.deepEqual(splitEmbeddedName('AKA Integral Services, S. de R.L.'), { name: 'AKA Integral Services, S. de R.L.', aliases: [], previousNames: [] });
});
