// The last step of `npm run build`: bundles the CLI (dist/cli/main.js) and the screening worker
// (dist/screen/screen-worker.js) with esbuild over the per-file output of tsc. Node then loads a few
// files instead of thousands (typebox alone is 2,351 modules, kysely 978): module loading was most
// of a warm `sightline match`. Lazily imported commands become chunks (dist/chunks/), still loaded
// only when used. The other files tsc wrote stay: child processes (server/jobs/parse-child.js) and
// the web build use them.
// Usage: tsx scripts/bundle.ts
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Packages left to Node: native addons, packages that read their own files or start workers from
 * their folder (would break when moved into a chunk), optional drivers, build tools, and large
 * libraries that no quick command loads.
 */
const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-native',
  '@napi-rs/canvas',
  'pdfjs-dist',
  'unpdf',
  'graphile-worker',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  'pino',
  'thread-stream',
  'exceljs',
  'mammoth',
  'docx',
  'nodemailer',
  'oui-data',
  'esbuild',
  'tsx',
];

const ENTRIES = ['cli/main', 'screen/screen-worker'];

rmSync('dist/chunks', { recursive: true, force: true });
const result = await build({
  entryPoints: ENTRIES.map((e) => `src/${e}.ts`),
  outbase: 'src',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins
  banner: { js: "import { createRequire as __sightlineRequire } from 'node:module'; const require = __sightlineRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

// A bundled package that looks for files beside itself would look in dist/chunks/: refuse the build.
const chunks = readdirSync('dist/chunks').map((f) => join('dist/chunks', f));
for (const file of [...chunks, ...ENTRIES.map((e) => `dist/${e}.js`)]) {
  const code = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/)/.test(line)); // comments may name them
  const uses = code.find((line) => /\b__dirname\b|\b__filename\b/.test(line));
  if (uses) throw new Error(`${file} uses __dirname (${uses.trim().slice(0, 80)}): mark its package external in scripts/bundle.ts`);
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`CLI bundled: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1e6).toFixed(1)} MB`);
