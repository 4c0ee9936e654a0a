/**
 * npm run bench:hostile [-- --dir DIR] [--commands screen,devices,scan] [--only NAME]
 *
 * Every hostile file (the shared reproducers, else test/fixtures/hostile) through each command, each
 * run in its own process: exit code, the message, wall time and the child's peak resident memory
 * (GNU time's maximum RSS, or the kernel's high-water mark read while it runs). The acceptance bar:
 * exit 0, 1 or 2 (2 for unreadable input), a message rather than a stack trace, peak RSS < 1 GB.
 * Prints JSON.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('../', import.meta.url).pathname;
const SHARED = join(ROOT, '../../shared/data/hostile');
const LIMIT_MB = 1024;
const TIMEOUT_MS = 300_000;

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: existsSync(SHARED) ? SHARED : join(ROOT, 'test/fixtures/hostile') },
    commands: { type: 'string', default: 'screen,devices,scan' },
    only: { type: 'string' },
  },
});

interface Run {
  file: string;
  command: string;
  exit: number | null;
  message: string;
  seconds: number;
  peakRssMb: number | null;
  ok: boolean;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (!/\.md$/i.test(name)) out.push(path);
  }
  return out;
}

/** The kernel's high-water mark of a running process, MB (the fallback without GNU time). */
function highWaterMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function message(stderr: string, stdout: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim());
  const own = lines.filter((l) => l.startsWith('sightline:') || /could not be read|: .*(refused|corrupt|limit|unreadable)/.test(l));
  const summary = stdout.split('\n').find((l) => /rows,|devices|documents,/.test(l));
  return (own.join(' | ') || summary || lines.at(-1) || '').slice(0, 300);
}

function runOne(command: string, file: string, db: string): Promise<Run> {
  const timeFile = join(db, 'time.txt');
  const useTime = existsSync('/usr/bin/time');
  const argv = ['bin/sightline.js', command, file];
  const [cmd, cmdArgs] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...argv]] : [process.execPath, argv];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs as string[], { cwd: ROOT, env: { ...process.env, SIGHTLINE_DB: join(db, 'bench.db') } });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c).slice(-65536)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c).slice(-65536)));
    const poll = setInterval(() => (hwm = Math.max(hwm, highWaterMb(child.pid!))), 100);
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      const timed = useTime && existsSync(timeFile) ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
      const peakRssMb = Number.isFinite(timed) ? Math.round(timed) : hwm ? Math.round(hwm) : null;
      const trace = /^\s+at .+\(.+:\d+:\d+\)$/m.test(stderr);
      const ok = code !== null && code <= 2 && !trace && (peakRssMb ?? 0) < LIMIT_MB;
      resolve({
        file: file.slice(args.dir!.length + 1),
        command,
        exit: code,
        message: message(stderr, stdout),
        seconds: (Date.now() - started) / 1000,
        peakRssMb,
        ok,
      });
    });
  });
}

const db = mkdtempSync(join(tmpdir(), 'sightline-bench-hostile-'));
const runs: Run[] = [];
try {
  for (const file of files(args.dir!)) {
    if (args.only && !file.includes(args.only)) continue;
    for (const command of args.commands!.split(',')) {
      const r = await runOne(command, file, db);
      runs.push(r);
      process.stderr.write(`${r.command} ${r.file}: exit ${r.exit}, ${r.peakRssMb} MB, ${r.seconds.toFixed(1)} s${r.ok ? '' : '  NOT OK'}\n`);
    }
  }
} finally {
  rmSync(db, { recursive: true, force: true });
}
const peak = Math.max(0, ...runs.map((r) => r.peakRssMb ?? 0));
console.log(
  JSON.stringify(
    {
      bench: 'hostile',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      dir: args.dir,
      runs: runs.length,
      allOk: runs.every((r) => r.ok),
      exitCodes: Object.fromEntries([0, 1, 2].map((c) => [c, runs.filter((r) => r.exit === c).length])),
      peakRssMb: peak,
      limitMb: LIMIT_MB,
      results: runs,
    },
    null,
    2,
  ),
);
