/** Sightline as real child processes (`bin/sightline.js` from the sources), for multi-process tests and benchmarks. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/sightline.js', import.meta.url));

export interface SightlineProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (already written or to come). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnSightline(args: string[], env: NodeJS.ProcessEnv = {}): SightlineProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SIGHTLINE_FROM_SOURCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const l of listeners) l();
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = text.match(pattern);
        if (m) return done(() => resolve(m));
        if (child.exitCode !== null || child.signalCode !== null)
          done(() => reject(new Error(`process ${child.pid} exited before printing ${pattern}:\n${text.slice(-3000)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${text.slice(-3000)}`))), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        fn();
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    pid: child.pid!,
    output: () => text,
    waitFor,
    exited,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `serve` on a free port; resolves with its base URL once it listens. */
export async function startApi(db: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<SightlineProcess & { url: string }> {
  const p = spawnSightline(['--db', db, 'serve', '--port', '0', '--no-ui', '--rate', '0', ...extra], env);
  const m = await p.waitFor(/Sightline is running at (http:\/\/\S+\/)/);
  return Object.assign(p, { url: m[1] });
}

/** `worker` with a health port; resolves with its health base URL once it takes jobs. */
export async function startWorker(db: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<SightlineProcess & { url: string }> {
  const p = spawnSightline(['--db', db, 'worker', '--health-port', '0', ...extra], env);
  const m = await p.waitFor(/health at (http:\/\/\S+\/)healthz/);
  return Object.assign(p, { url: m[1] });
}
