#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` builds it through `prepare`).
// A checkout without dist/ runs the TypeScript sources through tsx when tsx is installed (slower start);
// SIGHTLINE_FROM_SOURCE=1 does the same on purpose, to run edited sources without rebuilding.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let entry = compiled;
if (process.env.SIGHTLINE_FROM_SOURCE === '1' || !existsSync(compiled)) {
  entry = new URL('../src/cli/main.ts', import.meta.url);
  let register;
  if (existsSync(entry)) ({ register } = await import('tsx/esm/api').catch(() => ({})));
  if (!register) {
    process.stderr.write(
      'sightline: the compiled CLI (dist/) is missing: run `npm run build` in the Sightline folder first\n',
    );
    process.exit(2);
  }
  register();
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
