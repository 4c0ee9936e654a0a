/**
 * Builds the web UI with esbuild (already installed as tsx's dependency) into a cache folder keyed by
 * the sources' hash, so `npm start` needs no network and no committed bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('./app/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : [join(dir, d.name)]))
    .sort();
}

export function indexHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sightline</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div id="app"><noscript>Sightline's screens need JavaScript. The API is documented at <a href="/docs">/docs</a>.</noscript></div>
</body>
</html>
`;
}

/** Returns the folder holding index.html and assets/ (app.js, app.css); builds it when the sources changed. */
export async function buildWeb(opts: { cacheDir?: string; force?: boolean } = {}): Promise<string> {
  const hash = createHash('sha256');
  for (const f of sourceFiles(APP_DIR)) hash.update(f.slice(APP_DIR.length)).update(readFileSync(f));
  hash.update(indexHtml());
  const key = hash.digest('hex').slice(0, 16);
  const root = opts.cacheDir ?? join(tmpdir(), 'sightline-web');
  const out = join(root, key);
  if (!opts.force && existsSync(join(out, 'index.html'))) return out;
  const { build } = await import('esbuild');
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'assets'), { recursive: true });
  await build({
    entryPoints: [join(APP_DIR, 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    outfile: join(tmp, 'assets', 'app.js'),
    logLevel: 'silent',
  });
  copyFileSync(join(APP_DIR, 'app.css'), join(tmp, 'assets', 'app.css'));
  writeFileSync(join(tmp, 'index.html'), indexHtml());
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  return out;
}
