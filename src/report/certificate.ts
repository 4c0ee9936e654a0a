/**
 * The screening certificate: what was screened (input name and sha256), against what (each list source's
 * version id, import time and sha256), under which rules and thresholds, by which tool version, and when.
 * Shared by file, device and document screening; rendered as HTML and as text.
 */
import { randomUUID } from 'node:crypto';
import { VERSION } from '../version.ts';
import type { VersionInfo } from '../store/index.ts';
import { html, type SafeHtml } from './html.ts';

export interface CertificateSource {
  source: string;
  /** The source's own version number (1, 2, 3…). */
  version: number;
  /** The store's global version id. */
  versionId: number;
  importedAt: string;
  sha256: string;
  files: string[];
  entities: number;
  lists: Record<string, number>;
}

export interface CertificateRule {
  id: string;
  name: string;
  status: 'applied' | 'not in force';
  effective?: string;
  note?: string;
  citation?: string;
}

export interface Certificate {
  title: string;
  runId: string;
  tool: { name: string; version: string };
  generatedAt: string;
  /** The date the world was screened as of (listings, ownership, brands); absent = current data. */
  asOf?: string;
  input?: { name: string; sha256: string; bytes?: number; format?: string; encoding?: string };
  sources: CertificateSource[];
  rules: CertificateRule[];
  thresholds: Record<string, number>;
  options: Record<string, unknown>;
}

export interface CertificateArgs {
  title?: string;
  runId?: string;
  now?: Date;
  asOf?: string;
  input?: Certificate['input'];
  versions: VersionInfo[];
  rules?: CertificateRule[];
  thresholds?: Record<string, number>;
  options?: Record<string, unknown>;
}

export function buildCertificate(a: CertificateArgs): Certificate {
  return {
    title: a.title ?? 'Screening certificate',
    runId: a.runId ?? randomUUID(),
    tool: { name: 'Sightline', version: VERSION },
    generatedAt: (a.now ?? new Date()).toISOString(),
    asOf: a.asOf,
    input: a.input,
    sources: a.versions.map((v) => ({
      source: v.source,
      version: v.number,
      versionId: v.id,
      importedAt: v.createdAt,
      sha256: v.sha256,
      files: v.fileNames,
      entities: v.entityCount,
      lists: v.counts.byList,
    })),
    rules: a.rules ?? [],
    thresholds: a.thresholds ?? {},
    options: a.options ?? {},
  };
}

function listCounts(l: Record<string, number>): string {
  return Object.entries(l)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export function certificateHtml(c: Certificate): SafeHtml {
  return html`<section class="certificate" id="certificate">
<h2>${c.title}</h2>
<dl>
<dt>Run</dt><dd><code>${c.runId}</code></dd>
<dt>Tool</dt><dd>${c.tool.name} ${c.tool.version}</dd>
<dt>Generated</dt><dd>${c.generatedAt}</dd>
<dt>Screened as of</dt><dd>${c.asOf ?? 'current data (no --as-of date)'}</dd>
${c.input ? html`<dt>Input</dt><dd>${c.input.name}${c.input.bytes !== undefined ? ` (${c.input.bytes} bytes${c.input.format ? `, ${c.input.format}` : ''}${c.input.encoding ? `, ${c.input.encoding}` : ''})` : ''}<br><span class="small">sha256 <code>${c.input.sha256}</code></span></dd>` : ''}
<dt>Thresholds</dt><dd>${
    Object.entries(c.thresholds)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ') || 'n/a'
  }</dd>
</dl>
<h3>List sources screened</h3>
<table><thead><tr><th>source</th><th class="num">version</th><th>imported</th><th>files</th><th class="num">entities</th><th>lists</th><th>sha256</th></tr></thead><tbody>
${c.sources.map((s) => html`<tr><td>${s.source}</td><td class="num">${s.version} (id ${s.versionId})</td><td>${s.importedAt}</td><td>${s.files.join(', ')}</td><td class="num">${s.entities}</td><td class="small">${listCounts(s.lists)}</td><td class="small"><code>${s.sha256}</code></td></tr>`)}
</tbody></table>
<h3>Rule sets</h3>
${
  c.rules.length
    ? html`<table><thead><tr><th>rule</th><th>status</th><th>effective</th><th>citation</th></tr></thead><tbody>
${c.rules.map((r) => html`<tr><td><code>${r.id}</code> ${r.name}</td><td>${r.status}${r.note ? html`<br><span class="small muted">${r.note}</span>` : ''}</td><td>${r.effective ?? ''}</td><td class="small">${r.citation ?? ''}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted">none</p>`
}
${Object.keys(c.options).length ? html`<h3>Options</h3><p class="small"><code>${JSON.stringify(c.options)}</code></p>` : ''}
</section>`;
}

export function certificateText(c: Certificate): string {
  const lines = [
    `${c.title}`,
    `  run: ${c.runId}`,
    `  tool: ${c.tool.name} ${c.tool.version}`,
    `  generated: ${c.generatedAt}`,
    `  as of: ${c.asOf ?? 'current data'}`,
  ];
  if (c.input) lines.push(`  input: ${c.input.name} sha256 ${c.input.sha256}`);
  lines.push(
    `  thresholds: ${Object.entries(c.thresholds)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
  );
  lines.push('  sources:');
  for (const s of c.sources)
    lines.push(
      `    ${s.source} version ${s.version} (id ${s.versionId}, ${s.importedAt}, ${s.entities} entities${Object.keys(s.lists).length ? `: ${listCounts(s.lists)}` : ''}) sha256 ${s.sha256}`,
    );
  lines.push(`  rules: ${c.rules.map((r) => `${r.id}${r.status === 'applied' ? '' : ` (${r.note ?? r.status})`}`).join(', ') || 'none'}`);
  return lines.join('\n');
}
