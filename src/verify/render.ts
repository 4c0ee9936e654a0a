/** The text report of `pack verify`: one line per finding, with the pack file and line, then a summary. */
import type { PackVerifyReport } from './pack-verify.ts';

export function renderPackVerify(report: PackVerifyReport, packDir = 'data/pack'): string {
  const lines = report.findings.map((f) => `${packDir}/${f.file}:${f.line}: ${f.party}: ${f.kind}: ${f.message}`);
  const c = report.counts;
  const unchecked = [...new Set(report.unchecked.map((u) => u.list))].sort();
  lines.push(
    `checked ${c.parties} pack parties (${c.listings} listings, ${c.sameAs} sameAs) against ${c.officialParties} listed parties on ${report.listsChecked.join(', ') || 'no list'}` +
      (unchecked.length ? `; not imported, not checked: ${unchecked.join(', ')} (${report.unchecked.length} listings)` : ''),
    report.findings.length ? `${report.findings.length} disagreement(s)` : 'no disagreement',
  );
  return lines.join('\n');
}
