/** A file written to a fresh temporary folder for the length of a callback, then removed with its folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function withTempFile(text: string, fn: (path: string) => void, name = 'file.yml'): void {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-test-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
