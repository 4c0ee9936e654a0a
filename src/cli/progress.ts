/** Progress for long work: a bar on a terminal, a line every few seconds otherwise. */
import cliProgress from 'cli-progress';
import type { CliIO } from './io.ts';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(io: CliIO, label: string): Progress {
  if (io.interactive) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} {bar} {value}{totalText}`, hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total ?? 0, 0, { totalText: '' });
          started = true;
        }
        if (total) bar.setTotal(total);
        bar.update(done, { totalText: total ? `/${total}` : '' });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      io.err(`${label}: ${done}${total ? `/${total}` : ''}`);
    },
    stop() {},
  };
}
