/**
 * The web UI bundle. `npm run build` runs this file compiled (`node dist/web/build.js`) to write the UI into
 * dist/web/ui/, which the compiled server serves as is. Run from the sources (tsx: tests, development), it
 * builds with esbuild into a cache folder keyed by the sources' hash, so edits show up without a rebuild.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, runningFromSource } from '../paths.ts';

/** The UI's sources (present in a checkout, not in the published package). */
const APP_DIR = join(packageRoot, 'src', 'web', 'app');
/** The prebuilt UI: dist/web/ui once built; src/web/ui never exists, so sources always build. */
const BUILT_DIR = join(packageRoot, runningFromSource ? 'src' : 'dist', 'web', 'ui');

function requireSources(): void {
  if (!existsSync(join(APP_DIR, 'main.ts'))) throw new Error(`the web UI is not built and its sources are missing (${APP_DIR}): run \`npm run build\``);
}

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

/** Bundles the UI into `out` (index.html, assets/app.js, assets/app.css); replaces `out` only once complete. */
export async function writeWeb(out: string): Promise<void> {
  requireSources();
  // esbuild is a build-time tool: the compiled package never reaches this import.
  const { build } = await import('esbuild');
  const tmp = `${out.replace(/[\\/]$/, '')}.tmp-${process.pid}`;
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
}

/** Returns the folder holding index.html and assets/: the prebuilt UI if there is one, else a cached build of the sources. */
export async function buildWeb(opts: { cacheDir?: string; force?: boolean } = {}): Promise<string> {
  if (!opts.force && existsSync(join(BUILT_DIR, 'index.html'))) return BUILT_DIR;
  requireSources();
  const hash = createHash('sha256');
  for (const f of sourceFiles(APP_DIR)) hash.update(f.slice(APP_DIR.length)).update(readFileSync(f));
  hash.update(indexHtml());
  const out = join(opts.cacheDir ?? join(tmpdir(), 'sightline-web'), hash.digest('hex').slice(0, 16));
  if (!opts.force && existsSync(join(out, 'index.html'))) return out;
  await writeWeb(out);
  return out;
}

// `node dist/web/build.js` (the last step of `npm run build`) writes the UI next to the compiled server.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeWeb(BUILT_DIR);
  console.log(`web UI written to ${BUILT_DIR}`);
}
