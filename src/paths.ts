/** Locations inside the installed package (data files ship with it). */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export function dataPath(...parts: string[]): string {
  return join(packageRoot, 'data', ...parts);
}
