#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` builds it through `prepare`).
// A checkout without dist/ runs the TypeScript sources through tsx when tsx is installed (slower start);
// SIGHTLINE_FROM_SOURCE=1 does the same on purpose, to run edited sources without rebuilding.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let entry = compiled;
const fromSource = process.env.SIGHTLINE_FROM_SOURCE === '1';
if (!fromSource && existsSync(compiled)) warnIfStale().catch(() => {});
if (fromSource || !existsSync(compiled)) {
  entry = new URL('../src/cli/main.ts', import.meta.url);
  let register;
  if (existsSync(entry)) ({ register } = await import('tsx/esm/api').catch(() => ({})));
  if (!register) {
    process.stderr.write(
      fromSource
        ? 'sightline: SIGHTLINE_FROM_SOURCE=1 needs the src/ folder and tsx (a development install)\n'
        : 'sightline: the compiled CLI (dist/) is missing: run `npm run build` in the Sightline folder first\n',
    );
    process.exit(2);
  }
  register();
}
// `sightline … | head` closes the pipe early: stop quietly instead of crashing on the next write.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));

/**
 * In a development checkout (src/ beside dist/), a `git pull` without `npm run build` leaves dist/ older than
 * the sources: the CLI would run yesterday's code without a word. Say so. The stat calls run in libuv's
 * thread pool while the command starts, so the check costs the command next to nothing.
 */
async function warnIfStale() {
  const src = new URL('../src/', import.meta.url);
  if (!existsSync(src)) return;
  const built = (await stat(compiled)).mtimeMs;
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const times = await Promise.all(
    files.map((f) =>
      stat(new URL(f, src)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  const newer = files.find((_, i) => times[i] > built);
  if (newer)
    process.stderr.write(
      `sightline: warning: src/${newer} is newer than the compiled CLI in dist/: run \`npm run build\` ` +
        '(or set SIGHTLINE_FROM_SOURCE=1 to run the sources)\n',
    );
}
