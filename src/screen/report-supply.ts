/**
 * The supply-chain section of a screening report: one row per exposure of each tier-1 supplier (its own UFLPA/WRO
 * listing or Xinjiang address, and what lies below it by tier), with list, region and path. A plain table a
 * customs broker can use; no map.
 */
import { html, type SafeHtml } from '../report/index.ts';
import { table } from '../report/text-table.ts';
import type { SupplierSupply, SupplySection } from './supply-chain.ts';

export interface SupplyRow {
  row: number;
  supplier: string;
  tier: number;
  exposure: 'list' | 'origin' | 'sector';
  lists: string;
  region: string;
  sectors: string;
  path: string;
}

/** The section as rows, tier-1 findings first, then deeper tiers; sectors alone are a context row. */
export function supplyRows(section: SupplySection): SupplyRow[] {
  const out: SupplyRow[] = [];
  for (const s of section.suppliers) {
    const sectors = s.sectors.map((x) => `${x.name} (${x.via})`).join('; ');
    const base = { row: s.row, supplier: s.supplier, sectors };
    if (s.lists.length)
      out.push({ ...base, tier: 1, exposure: 'list', lists: s.lists.join(' '), region: s.origin ? 'Xinjiang' : '', path: `${s.supplier} is listed` });
    if (s.origin && !s.lists.length) out.push({ ...base, tier: 1, exposure: 'origin', lists: '', region: 'Xinjiang', path: s.origin.text });
    for (const e of s.exposures) out.push({ ...base, tier: e.tier, exposure: e.kind, lists: e.lists.join(' '), region: e.region ?? '', path: e.text });
    if (!s.lists.length && !s.origin && !s.exposures.length)
      out.push({ ...base, tier: 1, exposure: 'sector', lists: '', region: '', path: 'high-priority sector: context for a reviewer, not a finding' });
  }
  return out;
}

function heading(section: SupplySection): string {
  const tiers = section.tiersFile ? `; tiers from ${section.tiersFile}, ${section.links} links` : '; no tiers file (tier 1 only)';
  return `Supply chain — ${section.rule.name}${tiers}`;
}

function exposed(s: SupplierSupply): boolean {
  return s.lists.length > 0 || Boolean(s.origin) || s.exposures.length > 0;
}

export function supplyText(section: SupplySection): string[] {
  const rows = supplyRows(section);
  const out = ['', heading(section)];
  out.push(`${section.suppliers.filter(exposed).length} suppliers exposed (listed, placed in Xinjiang, or with such a supplier below them)`);
  if (rows.length)
    out.push(
      table(
        ['row', 'supplier', 'tier', 'exposure', 'lists', 'region', 'sectors', 'path'],
        rows.map((r) => [r.row, r.supplier, r.tier, r.exposure, r.lists, r.region, r.sectors, r.path]),
      ),
    );
  // The table cuts long paths; each is printed whole below it.
  for (const r of rows) if (r.exposure !== 'sector') out.push(`  row ${r.row}, tier ${r.tier}: ${r.path}`);
  if (section.unreached.length) out.push(`tiers file buyers no tier-1 supplier reaches: ${section.unreached.join(', ')}`);
  return out;
}

export function supplyHtml(section: SupplySection): SafeHtml {
  const rows = supplyRows(section);
  return html`<h2>Supply chain</h2>
<p class="small muted">${heading(section)}. ${section.rule.citation ?? ''}</p>
${
  rows.length
    ? html`<table class="small"><thead><tr><th class="num">row</th><th>tier-1 supplier</th><th class="num">tier</th><th>exposure</th><th>lists</th><th>region</th><th>sectors</th><th>path</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td class="num">${r.row}</td><td>${r.supplier}</td><td class="num">${r.tier}</td><td class="${r.exposure === 'sector' ? 'muted' : 'review'}">${r.exposure}</td><td>${r.lists}</td><td>${r.region}</td><td>${r.sectors}</td><td class="path">${r.path}</td></tr>`)}
</tbody></table>`
    : html`<p class="clear">No supplier is listed, placed in Xinjiang, or buys from one.</p>`
}
${section.unreached.length ? html`<p class="small muted">Buyers in the tiers file that no tier-1 supplier reaches: ${section.unreached.join(', ')}</p>` : ''}`;
}
