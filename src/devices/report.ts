/** Device screening reports: summary by maker and verdict, table / CSV / HTML with the certificate. */
import { isFlagged, VERDICTS, type DeviceRecord, type Verdict } from './types.ts';
import { html, htmlDocument, certificateHtml, certificateText, toCsv, type Certificate } from '../report/index.ts';
import { table } from '../report/text-table.ts';

export interface DeviceSummary {
  devices: number;
  byVerdict: Record<Verdict, number>;
  byMaker: Record<string, number>;
  warnings: string[];
}

export function summariseDevices(records: DeviceRecord[], warnings: string[] = []): DeviceSummary {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byMaker: Record<string, number> = {};
  for (const r of records) {
    byVerdict[r.attribution.verdict]++;
    const maker = r.attribution.manufacturer ?? 'unattributed';
    byMaker[maker] = (byMaker[maker] ?? 0) + 1;
  }
  return { devices: records.length, byVerdict, byMaker, warnings };
}

const flagged = (r: DeviceRecord) => isFlagged(r.attribution.verdict);

/** "5 covered, 4 likely covered, …", the verdicts that occur (always covered and not covered). */
export function verdictCounts(summary: DeviceSummary): string {
  return VERDICTS.filter((v) => summary.byVerdict[v] || v === 'covered' || v === 'not covered')
    .map((v) => `${summary.byVerdict[v]} ${VERDICT_LABEL[v]}`)
    .join(', ');
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  covered: 'covered',
  'likely covered': 'likely covered',
  'listed maker': 'made by a listed company',
  'not identified': 'not identified',
  'not covered': 'not covered',
};

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
    r.attribution.verdict === 'listed maker' ? 'LISTED MAKER' : r.attribution.verdict.toUpperCase(),
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
    `${summary.devices} devices: ${verdictCounts(summary)}`,
    `by maker: ${Object.entries(summary.byMaker)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    ...summary.warnings.map((w) => `warning: ${w}`),
  ];
  for (const r of records.filter(flagged)) {
    lines.push('', `${r.ip ?? r.ref} — ${VERDICT_LABEL[r.attribution.verdict]}: ${r.attribution.path.join(' → ')}`, `    rule: ${r.attribution.rule}`);
    if (r.inputs && r.inputs.length > 1) lines.push(`    seen in: ${r.inputs.join(', ')}`);
    for (const s of r.attribution.signals) lines.push(`    ${s.kind}: ${s.value}  (${s.source}; rule ${s.rule})`);
    for (const n of r.attribution.notes ?? []) lines.push(`    note: ${n}`);
  }
  lines.push('', certificateText(certificate));
  return lines.join('\n');
}

export function devicesCsv(records: DeviceRecord[]): string {
  return toCsv(
    ['input', 'ref', 'ip', 'mac', 'hostname', 'verdict', 'rule', 'manufacturer', 'brand', 'model', 'confidence', 'lists', 'path', 'signals'],
    records.map((r) => [
      r.input,
      r.ref,
      r.ip,
      r.mac,
      r.hostname,
      r.attribution.verdict,
      r.attribution.rule,
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
  const verdictClass = (v: Verdict) => (v === 'covered' ? 'hit' : v === 'not covered' ? 'clear' : 'review');
  const body = html`<h1>Equipment screening</h1>
<p class="muted">Covered equipment under NDAA §889 and the FCC Covered List, and Entity-Listed makers, found in ${summary.devices} devices.</p>
<h2>Summary</h2>
<table><tbody>
<tr><th>Covered</th><td class="num hit">${summary.byVerdict.covered}</td></tr>
<tr><th>Likely covered (weak signals only)</th><td class="num review">${summary.byVerdict['likely covered']}</td></tr>
<tr><th>Made by a listed company (not §889-covered)</th><td class="num review">${summary.byVerdict['listed maker']}</td></tr>
<tr><th>Not identified (no maker found)</th><td class="num review">${summary.byVerdict['not identified']}</td></tr>
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
<h3><span class="status ${verdictClass(r.attribution.verdict)}">${VERDICT_LABEL[r.attribution.verdict]}</span> ${r.ip ?? r.ref} ${r.hostname ? `(${r.hostname})` : ''}</h3>
<p>${r.attribution.manufacturer ?? 'unknown maker'}${r.attribution.brand && r.attribution.brand !== r.attribution.manufacturer ? ` — sold as ${r.attribution.brand}` : ''}${r.attribution.model ? `, model ${r.attribution.model}` : ''}; confidence ${r.attribution.confidence.toFixed(2)}; MAC ${r.mac ?? 'n/a'}; from ${r.input}</p>
<p class="path">${r.attribution.path.join(' → ')}</p>
<p class="small">Rule: ${r.attribution.rule}${r.inputs && r.inputs.length > 1 ? `; seen in ${r.inputs.join(', ')}` : ''}</p>
<table><thead><tr><th>signal</th><th>value</th><th>where</th><th>rule</th></tr></thead><tbody>
${r.attribution.signals.map((s) => html`<tr><td>${s.kind}${s.strength ? ` (${s.strength})` : ''}</td><td><code>${s.value}</code></td><td class="small">${s.source}</td><td class="small">${s.rule}${s.ruleSource ? html`<br><span class="muted">${s.ruleSource}</span>` : ''}</td></tr>`)}
</tbody></table>
${(r.attribution.notes ?? []).map((n) => html`<p class="small muted">${n}</p>`)}
</div>`,
)}
<h2>All devices</h2>
<table><thead><tr><th>verdict</th><th>device</th><th>MAC</th><th>maker</th><th>brand</th><th>model</th><th>rule</th><th>inputs</th></tr></thead><tbody>
${records.map((r) => html`<tr><td class="${verdictClass(r.attribution.verdict)}">${VERDICT_LABEL[r.attribution.verdict]}</td><td>${r.ip ?? r.ref}</td><td><code>${r.mac ?? ''}</code></td><td>${r.attribution.manufacturer ?? ''}</td><td>${r.attribution.brand ?? ''}</td><td>${r.attribution.model ?? ''}</td><td class="small">${r.attribution.rule}</td><td class="small">${r.input}</td></tr>`)}
</tbody></table>
${certificateHtml(certificate)}`;
  return htmlDocument({ title: 'Sightline equipment screening', body });
}
