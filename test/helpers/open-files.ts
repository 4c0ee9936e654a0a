import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The files this process holds open under a directory (Linux, /proc). Tests count these rather
 * than all descriptors, which other work in the same process opens and closes at any time.
 */
export function openFilesUnder(dir: string): string[] {
  const held: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed between listing and reading
    }
    if (target.startsWith(dir)) held.push(target);
  }
  return held;
}
