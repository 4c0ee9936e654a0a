/**
 * Official entries whose name is the same as or near a pack party's (scored by the project's matcher) but which
 * the pack neither merges into any of its parties nor keeps apart from this one with a reason. That is how a
 * Hong Kong "Hytera Communications Limited" on the Entity List shows up next to Hytera of Shenzhen.
 */
import { buildIndex } from '../match/index.ts';
import { nameKey } from '../graph/world.ts';
import { PACK_PREFIX, type PackParty } from '../pack/index.ts';
import { namesOf, type OfficialIndex, type PackFinding } from './pack-verify.ts';

/** Names the matcher compares: a party's names and aliases in every script. */
function queryNames(party: PackParty): string[] {
  return [...(party.properties.name ?? []), ...(party.properties.alias ?? [])];
}

function keptApartFrom(party: PackParty, listsOf: string[], names: string[]): boolean {
  const keys = new Set(names.map(nameKey));
  return party.keptApart.some((k) => listsOf.includes(k.list) && keys.has(nameKey(k.name)));
}

export function nearNameFindings(parties: PackParty[], index: OfficialIndex, threshold: number): PackFinding[] {
  const matcher = buildIndex(index.parties);
  const byId = new Map(index.parties.map((e) => [e.id, e]));
  const out: PackFinding[] = [];
  for (const party of parties) {
    // Names only: a name-alike in another country (Hytera of Hong Kong) is exactly what must be looked at.
    const query = { schema: party.schema, properties: { name: queryNames(party) } };
    for (const hit of matcher.match(query, { threshold, cutoff: threshold, limit: 20 })) {
      if (hit.score < threshold) continue;
      // Merged into a pack party (this one or another): the pack models it.
      if (index.world.canonicalId(hit.id)?.startsWith(PACK_PREFIX)) continue;
      const entity = byId.get(hit.id);
      if (!entity) continue;
      const listsOf = [...new Set((index.sanctionsOf.get(entity.id) ?? []).flatMap((s) => s.properties.programId ?? []))];
      if (keptApartFrom(party, listsOf, namesOf(entity))) continue;
      out.push({
        file: party.file,
        line: party.line,
        party: party.id,
        kind: 'near-name',
        message: `${listsOf.join('/')} entry "${hit.caption}" (${entity.origin?.source ?? '?'} ${entity.id}, score ${hit.score.toFixed(2)}) is neither merged (sameAs) nor kept apart (keptApart)`,
      });
    }
  }
  return out;
}
