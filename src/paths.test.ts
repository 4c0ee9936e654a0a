import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath, modulePath, packageRoot, runningFromSource } from './paths.ts';

test('the package root is found from the running module: it holds package.json and the data folder', () => {
  assert.equal(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).name, 'sightline');
  assert.ok(existsSync(dataPath('lists.yml')));
  assert.ok(packageRoot.endsWith('/') || packageRoot.endsWith('\\'), 'callers append to the root');
});

test("a module's file is the source under tsx (the worker and the upload reader are started from it)", () => {
  assert.equal(runningFromSource, true);
  assert.equal(modulePath('screen/screen-worker'), join(packageRoot, 'src', 'screen', 'screen-worker.ts'));
  assert.ok(existsSync(modulePath('server/jobs/parse-child')));
});
