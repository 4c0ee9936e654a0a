/** Locations inside the installed package (data files ship with it), wherever the running code was bundled to. */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True under tsx (tests, benches, SIGHTLINE_FROM_SOURCE=1): the code runs from src/*.ts, not dist/. */
export const runningFromSource = import.meta.url.endsWith('.ts');

/** The nearest folder up from this module holding package.json: this module may be src/paths.ts, dist/paths.js or a bundle chunk in dist/chunks/. */
function findPackageRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`sightline: no package.json above ${from}`);
  }
}

/** The package folder, with a trailing separator (as `new URL('..', …)` gave it; some callers append to it). */
export const packageRoot = join(findPackageRoot(fileURLToPath(import.meta.url)), sep);

export function dataPath(...parts: string[]): string {
  return join(packageRoot, 'data', ...parts);
}

/** The file of one of Sightline's own modules, e.g. `screen/screen-worker`: src/….ts from source, dist/….js compiled. */
export function modulePath(name: string): string {
  return runningFromSource ? join(packageRoot, 'src', `${name}.ts`) : join(packageRoot, 'dist', `${name}.js`);
}
