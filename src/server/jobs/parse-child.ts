/**
 * Entry of the reader process isolate.ts forks: runs tasks (module, function, arguments) one at a
 * time and answers each with its value or its error. Memory and time are limited by the parent.
 */
import { SightlineError } from '../../errors.ts';

type Task = { module: string; fn: string; args: unknown[] };

process.on('message', async (task: Task) => {
  let answer: unknown;
  try {
    const mod = (await import(task.module)) as Record<string, (...args: unknown[]) => unknown>;
    const fn = mod[task.fn];
    if (typeof fn !== 'function') throw new Error(`no function ${task.fn} in ${task.module}`);
    // Loading the modules is not reading the file: the parent starts the time limit now.
    process.send?.({ started: true });
    answer = { ok: true, value: await fn(...task.args) };
  } catch (err) {
    // A SightlineError keeps its code and message (which already names the file and record).
    answer =
      err instanceof SightlineError ? { ok: false, code: err.code, message: err.message } : { ok: false, message: (err as Error)?.message ?? String(err) };
  }
  process.send?.(answer);
});
// The server went away: so does its reader.
process.on('disconnect', () => process.exit(0));
