/**
 * `lists update`: downloads each source's files with conditional requests (ETag / Last-Modified),
 * hashes them, and imports them as one version. Files are downloaded to a side folder first and
 * only kept once the import succeeded, so a failed update leaves the files, cache and store as they were.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import Type from 'typebox';
import { readDataFile } from '../io/data-file.ts';
import { dataPath } from '../paths.ts';
import { SightlineError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { importFiles } from './import-files.ts';

export interface SourceSpec {
  name: string;
  format: string;
  description?: string;
  optional?: boolean;
  files?: string[];
  template?: string;
}

export interface UpdateOptions {
  dataDir: string;
  /** Rewrite every URL to `${mirror}/${host}${path}`. */
  mirror?: string;
  /** Largest file accepted, bytes. */
  maxBytes?: number;
  fetchImpl?: typeof fetch;
  onProgress?: (message: string) => void;
}

export interface UpdateResult {
  source: string;
  status: 'imported' | 'not-modified' | 'unchanged';
  versionId?: number;
  /** The source's own version number (1 for its first import). */
  versionNumber?: number;
  entities?: number;
  files: { url: string; status: number; bytes?: number; sha256?: string }[];
}

/** data/list-sources.yml */
export const ListSourcesFile = Type.Array(
  Type.Object(
    {
      name: Type.String({ pattern: '^[a-z0-9-]+$', description: 'a source name (lower-case letters, digits, dashes)' }),
      format: Type.String(),
      description: Type.Optional(Type.String()),
      optional: Type.Optional(Type.Boolean()),
      files: Type.Optional(Type.Array(Type.String())),
      template: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
);

export function sourceSpecs(path = dataPath('list-sources.yml')): SourceSpec[] {
  const doc = readDataFile(path, ListSourcesFile);
  doc.value.forEach((s, i) => {
    if (!s.files?.length && !s.template) throw doc.fail([i], `source ${s.name} needs files or a template`);
  });
  return doc.value;
}

/** Resolves `csl`, `ofac-sdn`, or `opensanctions:<dataset>` to a source with concrete URLs. */
export function resolveSource(name: string, specs = sourceSpecs()): SourceSpec {
  const [base, arg] = name.split(':', 2);
  const spec = specs.find((s) => s.name === base);
  if (!spec) throw new SightlineError('USAGE', `unknown list source "${name}"; known: ${specs.map((s) => s.name).join(', ')}`);
  if (spec.template) {
    if (!arg || !/^[a-z0-9_]+$/.test(arg)) throw new SightlineError('USAGE', `source ${base} needs a dataset name, e.g. ${base}:us_fcc_covered`);
    return { ...spec, name: `${base}:${arg}`, files: [spec.template.replace('{dataset}', arg)] };
  }
  return spec;
}

export function mirrored(url: string, mirror?: string): string {
  if (!mirror) return url;
  const u = new URL(url);
  return `${mirror.replace(/\/$/, '')}/${u.host}${u.pathname}${u.search}`;
}

export async function updateSource(store: Store, source: SourceSpec, opts: UpdateOptions): Promise<UpdateResult> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const maxBytes = opts.maxBytes ?? 2 * 1024 ** 3;
  const dir = join(opts.dataDir, 'lists', source.name.replace(/[^a-z0-9_-]+/gi, '_'));
  mkdirSync(dir, { recursive: true });
  const files: UpdateResult['files'] = [];
  const parts: { part: string; final: string; cache: { url: string; etag: string | null; last_modified: string | null; sha256: string } }[] = [];
  const paths: string[] = [];
  try {
    for (const url of source.files ?? []) {
      const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'download').toLowerCase();
      const final = join(dir, fileName);
      const cached = await store.httpCache(url);
      const headers: Record<string, string> = { 'user-agent': 'sightline (list update)' };
      if (cached && existsSync(final)) {
        if (cached.etag) headers['if-none-match'] = cached.etag;
        if (cached.last_modified) headers['if-modified-since'] = cached.last_modified;
      }
      const target = mirrored(url, opts.mirror);
      opts.onProgress?.(`GET ${target}`);
      let res: Response;
      try {
        res = await fetchImpl(target, { headers, redirect: 'follow' });
      } catch (err) {
        throw new SightlineError('NETWORK', `cannot download ${target}: ${(err as Error).message}`);
      }
      if (res.status === 304) {
        files.push({ url, status: 304 });
        paths.push(final);
        continue;
      }
      if (!res.ok || !res.body) throw new SightlineError('NETWORK', `download of ${target} failed: HTTP ${res.status}`);
      // Same base name in a side folder, so the version records the real file names.
      mkdirSync(join(dir, '.incoming'), { recursive: true });
      const part = join(dir, '.incoming', fileName);
      const { bytes, sha256 } = await download(res, part, maxBytes, target);
      const expected = res.headers.get('content-length');
      if (expected && Number(expected) !== bytes) throw new SightlineError('CHECKSUM', `download of ${target} truncated: ${bytes} of ${expected} bytes`);
      const published = res.headers.get('x-checksum-sha256');
      if (published && published.toLowerCase() !== sha256) throw new SightlineError('CHECKSUM', `sha256 of ${target} is ${sha256}, server says ${published}`);
      files.push({ url, status: res.status, bytes, sha256 });
      parts.push({ part, final, cache: { url, etag: res.headers.get('etag'), last_modified: res.headers.get('last-modified'), sha256 } });
      paths.push(part);
    }
    if (!parts.length) return { source: source.name, status: 'not-modified', files };
    const outcome = await importFiles(store, paths, { format: source.format, source: source.name });
    for (const p of parts) renameSync(p.part, p.final);
    for (const p of parts) await store.saveHttpCache(p.cache);
    return {
      source: source.name,
      status: outcome.unchanged ? 'unchanged' : 'imported',
      versionId: outcome.version.id,
      versionNumber: outcome.version.number,
      entities: outcome.version.entityCount,
      files,
    };
  } finally {
    for (const p of parts) if (existsSync(p.part)) rmSync(p.part, { force: true });
  }
}

async function download(res: Response, path: string, maxBytes: number, url: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) return cb(new SightlineError('BAD_INPUT', `download of ${url} exceeds ${maxBytes} bytes`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(res.body as any), meter, createWriteStream(path));
  return { bytes, sha256: hash.digest('hex') };
}
