/** Device screening reports: summary by maker and verdict, table / CSV / HTML with the certificate. */
import type { DeviceRecord, Verdict } from './types.ts';
import { html, htmlDocument, certificateHtml, certificateText, toCsv, type Certificate } from '../report/index.ts';
import { table } from '../report/text-table.ts';

export interface DeviceSummary {
  devices: number;
  byVerdict: Record<Verdict, number>;
  byMaker: Record<string, number>;
  warnings: string[];
}

export function summariseDevices(records: DeviceRecord[], warnings: string[] = []): DeviceSummary {
  const byVerdict: Record<Verdict, number> = { covered: 0, 'likely covered': 0, 'not covered': 0 };
  const byMaker: Record<string, number> = {};
  for (const r of records) {
    byVerdict[r.attribution.verdict]++;
    const maker = r.attribution.manufacturer ?? 'unattributed';
    byMaker[maker] = (byMaker[maker] ?? 0) + 1;
  }
  return { devices: records.length, byVerdict, byMaker, warnings };
}

const flagged = (r: DeviceRecord) => r.attribution.verdict !== 'not covered';

export function devicesJson(records: DeviceRecord[], summary: DeviceSummary, certificate: Certificate): string {
  return JSON.stringify(
    {
      summary,
      devices: records.map((r) => ({ input: r.input, ref: r.ref, ip: r.ip ?? null, mac: r.mac ?? null, hostname: r.hostname ?? null, ...r.attribution })),
      certificate,
    },
    null,
    2,
  );
}

export function devicesTable(records: DeviceRecord[], summary: DeviceSummary, certificate: Certificate): string {
  const rows = records.map((r) => [
    r.attribution.verdict.toUpperCase(),
    r.ip ?? r.ref,
    r.mac,
    r.attribution.manufacturer ?? '',
    r.attribution.brand ?? '',
    r.attribution.model ?? '',
    r.attribution.confidence.toFixed(2),
    r.attribution.path.join(' → '),
  ]);
  const lines = [
    table(['verdict', 'device', 'mac', 'maker', 'brand', 'model', 'conf', 'path'], rows),
    '',
    `${summary.devices} devices: ${summary.byVerdict.covered} covered, ${summary.byVerdict['likely covered']} likely covered, ${summary.byVerdict['not covered']} not covered`,
    `by maker: ${Object.entries(summary.byMaker)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    ...summary.warnings.map((w) => `warning: ${w}`),
  ];
  for (const r of records.filter(flagged)) {
    lines.push('', `${r.ip ?? r.ref} — ${r.attribution.verdict}: ${r.attribution.path.join(' → ')}`);
    for (const s of r.attribution.signals) lines.push(`    ${s.kind}: ${s.value}  (${s.source}; rule ${s.rule})`);
    for (const n of r.attribution.notes ?? []) lines.push(`    note: ${n}`);
  }
  lines.push('', certificateText(certificate));
  return lines.join('\n');
}

export function devicesCsv(records: DeviceRecord[]): string {
  return toCsv(
    ['input', 'ref', 'ip', 'mac', 'hostname', 'verdict', 'manufacturer', 'brand', 'model', 'confidence', 'lists', 'path', 'signals'],
    records.map((r) => [
      r.input,
      r.ref,
      r.ip,
      r.mac,
      r.hostname,
      r.attribution.verdict,
      r.attribution.manufacturer,
      r.attribution.brand,
      r.attribution.model,
      r.attribution.confidence,
      r.attribution.coverage.map((c) => `${c.listCode}${c.since ? ` ${c.since}` : ''}`).join('; '),
      r.attribution.path.join(' -> '),
      r.attribution.signals.map((s) => `${s.kind}=${s.value}`).join('; '),
    ]),
  );
}

export function devicesHtml(records: DeviceRecord[], summary: DeviceSummary, certificate: Certificate): string {
  const verdictClass = (v: Verdict) => (v === 'covered' ? 'hit' : v === 'likely covered' ? 'review' : 'clear');
  const body = html`<h1>Equipment screening</h1>
<p class="muted">Covered equipment under NDAA §889 and the FCC Covered List, and Entity-Listed makers, found in ${summary.devices} devices.</p>
<h2>Summary</h2>
<table><tbody>
<tr><th>Covered</th><td class="num hit">${summary.byVerdict.covered}</td></tr>
<tr><th>Likely covered (weak signals only)</th><td class="num review">${summary.byVerdict['likely covered']}</td></tr>
<tr><th>Not covered</th><td class="num clear">${summary.byVerdict['not covered']}</td></tr>
</tbody></table>
<p>By maker: ${Object.entries(summary.byMaker)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}</p>
${summary.warnings.map((w) => html`<p class="review">Warning: ${w}</p>`)}
<h2>Rip-and-replace list</h2>
${records.filter(flagged).map(
  (r) => html`<div class="card">
<h3><span class="status ${verdictClass(r.attribution.verdict)}">${r.attribution.verdict}</span> ${r.ip ?? r.ref} ${r.hostname ? `(${r.hostname})` : ''}</h3>
<p>${r.attribution.manufacturer ?? 'unknown maker'}${r.attribution.brand && r.attribution.brand !== r.attribution.manufacturer ? ` — sold as ${r.attribution.brand}` : ''}${r.attribution.model ? `, model ${r.attribution.model}` : ''}; confidence ${r.attribution.confidence.toFixed(2)}; MAC ${r.mac ?? 'n/a'}; from ${r.input}</p>
<p class="path">${r.attribution.path.join(' → ')}</p>
<table><thead><tr><th>signal</th><th>value</th><th>where</th><th>rule</th></tr></thead><tbody>
${r.attribution.signals.map((s) => html`<tr><td>${s.kind}${s.strength ? ` (${s.strength})` : ''}</td><td><code>${s.value}</code></td><td class="small">${s.source}</td><td class="small">${s.rule}${s.ruleSource ? html`<br><span class="muted">${s.ruleSource}</span>` : ''}</td></tr>`)}
</tbody></table>
${(r.attribution.notes ?? []).map((n) => html`<p class="small muted">${n}</p>`)}
</div>`,
)}
<h2>All devices</h2>
<table><thead><tr><th>verdict</th><th>device</th><th>MAC</th><th>maker</th><th>brand</th><th>model</th></tr></thead><tbody>
${records.map((r) => html`<tr><td class="${verdictClass(r.attribution.verdict)}">${r.attribution.verdict}</td><td>${r.ip ?? r.ref}</td><td><code>${r.mac ?? ''}</code></td><td>${r.attribution.manufacturer ?? ''}</td><td>${r.attribution.brand ?? ''}</td><td>${r.attribution.model ?? ''}</td></tr>`)}
</tbody></table>
${certificateHtml(certificate)}`;
  return htmlDocument({ title: 'Sightline equipment screening', body });
}
