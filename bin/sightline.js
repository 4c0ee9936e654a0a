#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` builds it through `prepare`).
// A checkout without dist/ runs the TypeScript sources through tsx when tsx is installed (slower start);
// SIGHTLINE_FROM_SOURCE=1 does the same on purpose, to run edited sources without rebuilding.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let entry = compiled;
const fromSource = process.env.SIGHTLINE_FROM_SOURCE === '1';
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
