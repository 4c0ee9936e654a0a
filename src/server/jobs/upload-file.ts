/** An upload written to a private temporary folder under its own (sanitised) name, since formats are detected by name and content. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withUploadFile<T>(fileName: string, data: Uint8Array, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-job-'));
  const path = join(dir, fileName.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '') || 'upload');
  try {
    writeFileSync(path, data, { mode: 0o600 });
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Messages name the upload, never the private temporary path it was read from. */
export function withoutTempPath(text: string, path: string, fileName: string): string {
  return text.split(path).join(fileName);
}
