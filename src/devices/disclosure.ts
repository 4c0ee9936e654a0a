/**
 * The §889 representation and disclosure, drafted from a devices run for the user's counsel to complete:
 * FAR 52.204-24(d) representation and (e) disclosure (offers), 52.204-26(c) annual representation, each
 * covered item's producing entity, brand and model with blank fields for its use and phase-out plan, and a
 * "reasonable inquiry" record (inputs examined, when, rules and list versions). Pure: the CLI writes it.
 */
import type { Certificate } from '../report/index.ts';
import { html, htmlDocument } from '../report/index.ts';
import { makerInfo } from './rules.ts';
import type { DeviceRecord } from './types.ts';

export const DRAFT_LABEL =
  'DRAFT FOR COUNSEL — prepared by Sightline from a network inventory. Not a representation until reviewed, completed and signed by an authorised official.';

/** One covered item, as 52.204-24(e)(1)(i)–(iii) asks to describe it. */
export interface DisclosedItem {
  /** The entity that produced it (legal name), e.g. "Hangzhou Hikvision Digital Technology Co., Ltd.". */
  entity: string;
  brand: string;
  model: string;
  /** Where it is: IP, MAC, hostname. */
  device: string;
  lists: string[];
  rule: string;
  evidence: string[];
  inputs: string[];
}

export interface DisclosureDraft {
  label: string;
  covered: DisclosedItem[];
  /** Weak-signal items: not disclosed, to be confirmed before signing. */
  toConfirm: DisclosedItem[];
  inquiry: {
    performedAt: string;
    asOf: string;
    inputs: string;
    inputSha256: string;
    devicesExamined: number;
    rules: string[];
    lists: string[];
    tool: string;
    runId: string;
  };
}

const USE_FIELD = 'Proposed use, and why it is permissible under 52.204-24(b) / 52.204-25(b): ______________________';
const PHASE_OUT_FIELD = 'Plan to phase out or replace (dates, replacement, interim measures): ______________________';
export const FIELDS = { use: USE_FIELD, phaseOut: PHASE_OUT_FIELD };

export function buildDisclosure(records: DeviceRecord[], certificate: Certificate): DisclosureDraft {
  const item = (r: DeviceRecord): DisclosedItem => {
    const a = r.attribution;
    const maker = a.manufacturer ?? 'unknown';
    return {
      entity: makerInfo(maker)?.legalName ?? maker,
      brand: a.brand ?? maker,
      model: a.model ?? 'model not read: confirm on the device label',
      device: [r.ip, r.mac && `MAC ${r.mac}`, r.hostname].filter(Boolean).join(', ') || r.ref,
      lists: a.coverage.map((c) => `${c.list}${c.since ? ` since ${c.since}` : ''}${c.citation ? ` (${c.citation})` : ''}`),
      rule: a.rule,
      evidence: a.signals.slice(0, 4).map((s) => `${s.kind}: ${s.value} (${s.source})`),
      inputs: r.inputs ?? [r.input],
    };
  };
  return {
    label: DRAFT_LABEL,
    covered: records.filter((r) => r.attribution.verdict === 'covered').map(item),
    toConfirm: records.filter((r) => r.attribution.verdict === 'likely covered').map(item),
    inquiry: {
      performedAt: certificate.generatedAt,
      asOf: certificate.asOf ?? certificate.generatedAt.slice(0, 10),
      inputs: certificate.input?.name ?? 'n/a',
      inputSha256: certificate.input?.sha256 ?? 'n/a',
      devicesExamined: records.length,
      rules: certificate.rules.map((r) => `${r.name}${r.citation ? ` (${r.citation})` : ''}: ${r.status}${r.note ? ` — ${r.note}` : ''}`),
      lists: certificate.sources.length
        ? certificate.sources.map((s) => `${s.source} version ${s.versionId}, imported ${s.importedAt}, sha256 ${s.sha256.slice(0, 16)}…`)
        : ['no list imported: the built-in §889 / FCC table of data/devices/makers.yml was used'],
      tool: `${certificate.tool.name} ${certificate.tool.version}`,
      runId: certificate.runId,
    },
  };
}

/** The representation text of 52.204-26(c) and 52.204-24(d), with the answer the inventory suggests. */
export function representationLines(d: DisclosureDraft): string[] {
  const uses = d.covered.length > 0;
  return [
    'FAR 52.204-24(d)(1) / 52.204-26(c)(1): The Offeror represents that it [ ] does [ ] does not provide covered telecommunications equipment or services as a part of its offered products or services to the Government in the performance of any contract, subcontract, or other contractual instrument. (Not determined from a network inventory: counsel to answer.)',
    `FAR 52.204-24(d)(2) / 52.204-26(c)(2): After conducting a reasonable inquiry, for purposes of this representation, the Offeror represents that it [${uses ? 'x' : ' '}] does [${uses ? ' ' : 'x'}] not use covered telecommunications equipment or services, or any equipment, system, or service that uses covered telecommunications equipment or services. (Suggested by this inventory: ${d.covered.length} covered item${d.covered.length === 1 ? '' : 's'} found.)`,
  ];
}

export function disclosureHtml(d: DisclosureDraft): string {
  const itemCard = (it: DisclosedItem, i: number) => html`<div class="card disclosed-item">
<h3>Item ${i + 1}: ${it.brand} ${it.model}</h3>
<table><tbody>
<tr><th>(e)(1)(i) Entity that produced it</th><td class="entity">${it.entity}</td></tr>
<tr><th>(e)(1)(ii) Brand</th><td class="brand">${it.brand}</td></tr>
<tr><th>(e)(1)(ii) Model number</th><td class="model">${it.model}</td></tr>
<tr><th>Device</th><td class="device">${it.device}</td></tr>
<tr><th>Lists</th><td>${it.lists.join('; ')}</td></tr>
<tr><th>Basis</th><td class="small">${it.rule}<br>${it.evidence.join('; ')}</td></tr>
<tr><th>(e)(1)(iii) Use</th><td class="field">${USE_FIELD}</td></tr>
<tr><th>Phase-out plan</th><td class="field">${PHASE_OUT_FIELD}</td></tr>
</tbody></table></div>`;
  const q = d.inquiry;
  const body = html`<p class="draft"><strong>${d.label}</strong></p>
<h1>Representation regarding covered telecommunications equipment or services</h1>
<p class="muted">FAR 52.204-24 (offers) and 52.204-26 (annual representation); NDAA FY2019 §889(a)(1)(A) and (B).</p>
<h2>Representations</h2>
${representationLines(d).map((l) => html`<p>${l}</p>`)}
<h2>Disclosure — FAR 52.204-24(e)(2): covered equipment used (${d.covered.length} items)</h2>
<div id="covered-items">${d.covered.map(itemCard)}</div>
${d.toConfirm.length ? html`<h2>To confirm before signing (${d.toConfirm.length}): weak signals only, not disclosed above</h2>${d.toConfirm.map((it) => html`<p>${it.device}: ${it.brand} — ${it.rule}</p>`)}` : ''}
<h2>Record of the reasonable inquiry</h2>
<table><tbody>
<tr><th>Performed</th><td>${q.performedAt}, lists as of ${q.asOf}</td></tr>
<tr><th>Inputs examined</th><td>${q.inputs} (sha256 ${q.inputSha256}); ${q.devicesExamined} devices</td></tr>
<tr><th>Rules applied</th><td>${q.rules.join('; ')}</td></tr>
<tr><th>List versions</th><td>${q.lists.join('; ')}</td></tr>
<tr><th>Tool and run</th><td>${q.tool}, run ${q.runId}</td></tr>
</tbody></table>
<p class="small muted">A network inventory finds only equipment that answered on the network at the time of the scan; equipment and services used through suppliers, cloud services or unmanaged networks need their own inquiry.</p>`;
  return htmlDocument({ title: 'DRAFT §889 representation (for counsel)', body });
}
