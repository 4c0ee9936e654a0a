/**
 * The layering of README's Architecture section, checked: each folder of src/ imports only the folders its
 * row allows, so data keeps flowing one way (file → io → lists/store → world/index → screening → report →
 * cli/server). Type-only imports are listed apart: they cost nothing at run time but still say who knows whom.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** What both front ends, the server and the CLI, may build on: every capability below them. */
const APPLICATION_LAYERS = [
  'io',
  'model',
  'names',
  'match',
  'store',
  'lists',
  'pack',
  'graph',
  'snapshot',
  'report',
  'review',
  'screen',
  'devices',
  'documents',
  'monitor',
  'supply',
];

/** folder → the folders it may import (values and types). Files directly in src/ (errors, paths…) are open to all. */
const ALLOWED: Record<string, string[]> = {
  io: [],
  model: ['io'],
  names: ['io', 'model'],
  match: ['names', 'model'],
  store: ['model'],
  lists: ['io', 'names', 'store', 'model'],
  pack: ['io', 'model'],
  graph: ['io', 'store', 'pack', 'names', 'model'],
  supply: ['io'],
  snapshot: ['graph', 'match', 'pack', 'store', 'model'],
  report: ['store', 'model'],
  review: ['store', 'report', 'model'],
  screen: ['io', 'graph', 'match', 'names', 'pack', 'store', 'report', 'model', 'supply', 'snapshot'],
  devices: ['io', 'graph', 'match', 'names', 'report', 'model'],
  documents: ['io', 'graph', 'match', 'names', 'report', 'model', 'devices'],
  verify: ['graph', 'match', 'pack', 'model'],
  monitor: ['io', 'model', 'names', 'match', 'store', 'graph', 'screen', 'review', 'report'],
  server: [...APPLICATION_LAYERS, 'web'],
  web: [],
  cli: [...APPLICATION_LAYERS, 'verify', 'server'],
};
/** Type-only imports allowed on top of ALLOWED (shapes shared across a boundary, no code). */
const TYPES_ALLOWED: Record<string, string[]> = {
  pack: ['graph'],
  report: ['screen', 'devices', 'documents', 'supply'],
  web: ['server'],
};

interface ImportEdge {
  file: string;
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'|import\(\s*'([^']+)'\s*\)/gm;

/** Every relative import of a file, resolved to the src/ folder it lands in. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const out: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3];
    if (!spec.startsWith('.')) continue;
    const rel = relative(SRC, resolve(dirname(file), spec)).split(sep);
    if (rel[0] === '..' || rel.length < 2) continue; // outside src/, or a file directly in src/
    out.push({ file, target: rel[0], typeOnly: Boolean(m[1]) });
  }
  return out;
}

function folderOf(file: string): string | undefined {
  const rel = relative(SRC, file).split(sep);
  return rel.length > 1 ? rel[0] : undefined;
}

test('every folder of src/ has a row in the layering table', () => {
  const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
  assert.deepEqual(
    folders.filter((f) => !(f in ALLOWED)),
    [],
  );
});

test('each folder imports only what the layering allows', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const edge of importsOf(file, readFileSync(file, 'utf8'))) {
      if (edge.target === from) continue;
      const ok = ALLOWED[from]?.includes(edge.target) || (edge.typeOnly && TYPES_ALLOWED[from]?.includes(edge.target));
      if (!ok) wrong.push(`${relative(SRC, file)} imports ${edge.typeOnly ? 'types from ' : ''}${edge.target}/`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the import reader sees value, type-only, re-export and dynamic imports', () => {
  const file = join(SRC, 'screen', 'x.ts');
  const edges = importsOf(
    file,
    [
      "import { a } from '../graph/world.ts';",
      "import type { B } from '../store/index.ts';",
      "export { c } from '../io/csv.ts';",
      "const m = await import('../cli/main.ts');",
      "import { d } from './local.ts';",
      "import fs from 'node:fs';",
    ].join('\n'),
  );
  assert.deepEqual(
    edges.map((e) => `${e.target}${e.typeOnly ? ':type' : ''}`),
    ['graph', 'store:type', 'io', 'cli', 'screen'],
  );
});
