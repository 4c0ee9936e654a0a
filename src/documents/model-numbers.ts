/**
 * Model numbers of listed makers inside specifications ("DS-2CD2143G2-I", "IPC-HFW2431S-S-S2",
 * "or equivalent to Hikvision DS-…"): the model families of data/devices/models.yml, the same rules the
 * equipment screening uses, so a tender and a network scan name a unit the same way.
 */
import { makerInfo, matchModel } from '../devices/rules.ts';
import type { RawHit } from './detect.ts';

/** Upper-case model-like tokens with a digit: cheap to find, then checked against the model rules. */
// No lookbehind (it makes V8 try every position, 3× slower); the character before is checked in code.
const CANDIDATE = /[A-Z](?=[A-Z0-9-])[A-Z0-9]{0,6}-?[A-Z0-9][A-Za-z0-9/()+._-]{2,40}/g;
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
const LIST_LABEL: Record<string, string> = { NDAA889: 'NDAA §889', FCC: 'FCC Covered List', EL: 'BIS Entity List' };

export function modelNumberHits(original: string): RawHit[] {
  const out: RawHit[] = [];
  for (const m of original.matchAll(CANDIDATE)) {
    if (m.index > 0 && TOKEN_CHAR.test(original[m.index - 1])) continue;
    const token = m[0].replace(/[.)(/_-]+$/, '');
    if (!/\d/.test(token)) continue;
    const rule = matchModel(token);
    if (!rule || rule.covered === false) continue;
    const maker = makerInfo(rule.maker);
    if (!maker?.listings.length) continue;
    const lists = maker.listings.map((l) => `${LIST_LABEL[l.rule] ?? l.rule} since ${l.since}`).join(', ');
    out.push({
      type: 'capability',
      start: m.index,
      end: m.index + token.length,
      term: token,
      row: null,
      category: "listed maker's model",
      severity: 'medium',
      gloss: `${rule.brand ? `${rule.brand} (made by ${maker.name})` : maker.name} model ${token}: ${maker.legalName} is on ${lists}`,
      notes: [`model rule ${rule.id}: ${rule.source}`],
      sources: ['device-rules'],
      clause: undefined, // the caller quotes it
    });
  }
  return out;
}
