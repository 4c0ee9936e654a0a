/**
 * Each CLI call loads only what its command uses: `--help` and `--version` load none of the heavy
 * libraries, and a command that needs none of them (`lists status`) loads none either. A static import
 * added to a command file, or to the modules every command shares, makes these fail. (How long loading
 * takes is measured by `npm run bench:cli`, not here.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const BIN = resolve('bin/sightline.js');
const HEAVY = ['exceljs', 'fastify', 'graphile-worker', 'pdfjs-dist', 'unpdf', 'tesseract.js', 'docx', 'mammoth', 'nodemailer', 'pg'];

/** The packages under node_modules that one `sightline` call resolved, recorded by a module resolve hook. */
function packagesLoaded(args: string[], env: Record<string, string> = {}): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-lazy-'));
  const log = join(dir, 'resolved.txt');
  // the hook runs on the loader thread; appending to a file survives the process exit that stderr may not
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], {
    encoding: 'utf8',
    // the sources, not a dist/ that may be older than them
    env: { ...process.env, SIGHTLINE_FROM_SOURCE: '1', SIGHTLINE_DATA_DIR: dir, SIGHTLINE_DB: join(dir, 'sightline.db'), ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  const packages = readFileSync(log, 'utf8')
    .split('\n')
    .map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
    .filter((p): p is string => p !== undefined);
  return new Set(packages);
}

function heavyIn(packages: Set<string>): string[] {
  return [...packages].filter((p) => HEAVY.includes(p) || p.startsWith('@fastify/')).sort();
}

test('sightline --help and --version load commander and none of the heavy libraries', () => {
  for (const args of [['--help'], ['--version'], ['screen', '--help']]) {
    const loaded = packagesLoaded(args);
    assert.ok(loaded.has('commander'), `${args.join(' ')}: the hook saw no package (${[...loaded].join(', ')})`);
    assert.deepEqual(heavyIn(loaded), [], `sightline ${args.join(' ')}`);
    assert.ok(!loaded.has('kysely') && !loaded.has('typebox') && !loaded.has('yaml'), `sightline ${args.join(' ')}: ${[...loaded].join(', ')}`);
  }
});

test('sightline lists status opens the database but loads no server, spreadsheet, PDF or mail library', () => {
  const loaded = packagesLoaded(['lists', 'status', '--json']);
  assert.ok(loaded.has('kysely'), `the store was not opened: ${[...loaded].join(', ')}`);
  assert.deepEqual(heavyIn(loaded), []);
});
