/**
 * A development checkout whose sources changed after the last build (a `git pull` without `npm run build`)
 * runs the old compiled CLI: bin/sightline.js says so on stderr, and says nothing when dist/ is current or
 * when there is no src/ (an installed package). Run on a copy of the launcher beside a stand-in dist/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A checkout: bin/sightline.js, a dist/cli/main.js that prints "ran", and optionally src/ files with their mtimes. */
function checkout(sources: Record<string, Date>, builtAt: Date): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-stale-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(resolve('bin/sightline.js'), join(dir, 'bin/sightline.js'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  mkdirSync(join(dir, 'dist/cli'), { recursive: true });
  const main = join(dir, 'dist/cli/main.js');
  writeFileSync(main, "export async function main() { process.stdout.write('ran\\n'); return 0; }\n");
  utimesSync(main, builtAt, builtAt);
  for (const [file, at] of Object.entries(sources)) {
    const path = join(dir, 'src', file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'export {};\n');
    utimesSync(path, at, at);
  }
  return dir;
}

function run(dir: string): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'bin/sightline.js')], { encoding: 'utf8', env: { ...process.env, SIGHTLINE_FROM_SOURCE: '' } });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

const built = new Date('2026-12-01T12:00:00Z');
const before = new Date('2026-11-30T12:00:00Z');
const after = new Date('2026-12-02T12:00:00Z');

test('a source newer than dist/ is named in a warning, and the compiled CLI still runs', () => {
  const r = run(checkout({ 'match/scorer.ts': after, 'cli/main.ts': before }, built));
  assert.equal(r.stdout, 'ran\n');
  assert.match(r.stderr, /warning: src\/match\/scorer\.ts is newer than the compiled CLI in dist\/: run `npm run build`/);
});

test('no warning when dist/ is newer than every source, when only a test changed, or without src/', () => {
  assert.equal(run(checkout({ 'match/scorer.ts': before }, built)).stderr, '');
  assert.equal(run(checkout({ 'match/scorer.ts': before, 'match/scorer.test.ts': after }, built)).stderr, '');
  assert.equal(run(checkout({}, built)).stderr, '');
});
