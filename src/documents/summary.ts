/** Plain-English risk summary of one document's hits: what was found and why it matters. */
import type { Lexicon } from './lexicon.ts';
import type { DocumentHit, DocumentResult } from './types.ts';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export function summarise(hits: DocumentHit[], lexicon: Lexicon): DocumentResult['summary'] {
  const entityHits = hits.filter((h) => h.type === 'entity');
  const capHits = hits.filter((h) => h.type === 'capability');
  const high = hits.filter((h) => h.severity === 'high').length;

  const firms = new Map<string, DocumentHit>();
  for (const h of entityHits) if (h.entity && !firms.has(h.entity.id)) firms.set(h.entity.id, h);
  const listed = [...firms.values()].filter((h) => h.listings?.length);
  const unlisted = [...firms.values()].filter((h) => !h.listings?.length);

  // Each category once, at its worst severity.
  const cats = new Map<string, { severity: DocumentHit['severity']; notes: Set<string> }>();
  for (const h of capHits) {
    const c = cats.get(h.category);
    const notes = (h.notes ?? []).filter((n) => n.startsWith('stated accuracy'));
    if (!c) cats.set(h.category, { severity: h.severity, notes: new Set(notes) });
    else {
      if (SEVERITY_ORDER[h.severity] < SEVERITY_ORDER[c.severity]) c.severity = h.severity;
      notes.forEach((n) => {
        c.notes.add(n);
      });
    }
  }
  const label = (name: string) => {
    const n = [...cats.get(name)!.notes];
    return n.length ? `${name} (${n.join(', ')})` : name;
  };
  const byLevel = (level: string) => [...cats.entries()].filter(([, c]) => c.severity === level).map(([n]) => n);

  const sentences: string[] = [];
  const clauses: string[] = [];
  if (listed.length) {
    const detail = listed
      .map((h) => `${h.entity!.caption}: ${h.listings!.map((l) => (l.since ? `${l.list} since ${l.since}` : l.list)).join(', ')}`)
      .join('; ');
    clauses.push(`Names ${listed.length} listed firm${listed.length > 1 ? 's' : ''} (${detail})`);
  }
  if (unlisted.length) clauses.push(`${clauses.length ? 'names' : 'Names'} ${unlisted.map((h) => h.entity!.caption).join(', ')} (not listed)`);
  const highCats = byLevel('high');
  if (highCats.length) {
    clauses.push(
      `${clauses.length ? 'asks' : 'Asks'} for ${highCats.length} high-severity capabilit${highCats.length > 1 ? 'ies' : 'y'}: ${highCats.map(label).join(', ')}`,
    );
  }
  if (clauses.length) sentences.push(`${clauses.join(' and ')}.`);
  const other = [...byLevel('medium'), ...byLevel('low')];
  if (other.length) sentences.push(`Also mentions: ${other.map(label).join(', ')}.`);
  const why = highCats.map((c) => lexicon.categories[c]?.why).filter(Boolean);
  if (why.length) sentences.push(`Why it matters: ${why.map((w) => w!.replace(/\.$/, '')).join('; ')}.`);
  if (!sentences.length) sentences.push('No listed firms or surveillance capabilities found.');
  return { entities: entityHits.length, capabilities: capHits.length, high, text: sentences.join(' ') };
}
