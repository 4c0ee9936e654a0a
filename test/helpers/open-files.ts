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

/**
 * The files still open under `dir` once closing has had time to finish: polls until none is left or
 * `deadlineMs` has passed. A stream closes asynchronously (on libuv's thread pool, busy on a loaded
 * machine), so a fixed short sleep before counting can see a file whose close is only queued; a file
 * that is never closed is still reported after the deadline.
 */
export async function openFilesUnderSettled(dir: string, deadlineMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const held = openFilesUnder(dir);
    if (held.length === 0 || Date.now() >= deadline) return held;
    await new Promise((r) => setTimeout(r, 25));
  }
}
