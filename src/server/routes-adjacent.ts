/**
 * yente's `/entities/{id}/adjacent` and `/entities/{id}/adjacent/{property}`: the relations of an entity as FtM
 * relation entities (Ownership, Directorship, UnknownLink) grouped by the entity's reverse property
 * (`ownershipAsset`: its owners, `unknownLinkSubject`: its subsidiaries, joint ventures and brands …), each with the
 * party at the other end nested, paged per property.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { Relation } from '../graph/types.ts';
import type { AppContext } from './context.ts';
import { HttpError } from './http-errors.ts';
import type { WorldSnapshot } from './world-state.ts';
import { ftmEntity } from './yente.ts';
import { AdjacentParams, AdjacentPropertyParams, AdjacentQuerystring, AdjacentResponse, AdjacentResults, type AdjacentEntity } from './schemas.ts';

type Results = Static<typeof AdjacentResults>;

/** The entity's reverse property a relation shows under, and the relation's FtM schema and end properties. */
function shape(r: Relation, id: string) {
  const isFrom = r.from === id;
  if (r.kind === 'ownership') return { property: isFrom ? 'ownershipOwner' : 'ownershipAsset', schema: 'Ownership', ends: ['owner', 'asset'] };
  if (r.kind === 'directorship')
    return { property: isFrom ? 'directorshipDirector' : 'directorshipOrganization', schema: 'Directorship', ends: ['director', 'organization'] };
  return { property: isFrom ? 'unknownLinkSubject' : 'unknownLinkObject', schema: 'UnknownLink', ends: ['subject', 'object'] };
}

function relationEntity(snap: WorldSnapshot, r: Relation, id: string): { property: string; entity: Static<typeof AdjacentEntity> } {
  const { property, schema, ends } = shape(r, id);
  const other = r.from === id ? r.to : r.from;
  const e = snap.world.get(other);
  const nested = e ? ftmEntity(snap, e) : other;
  const properties: Record<string, (string | ReturnType<typeof ftmEntity>)[]> = {
    [ends[0]]: [r.from === id ? id : nested],
    [ends[1]]: [r.to === id ? id : nested],
  };
  if (r.percentage !== undefined) properties.percentage = [String(r.percentage)];
  if (schema === 'UnknownLink') properties.role = [r.kind];
  if (r.start) properties.startDate = [r.start];
  if (r.end) properties.endDate = [r.end];
  if (r.note) properties.summary = [r.note];
  const caption = `${schema === 'UnknownLink' ? r.kind : schema} ${typeof nested === 'string' ? nested : nested.caption}`;
  const datasets = r.origin?.source ? [r.origin.source] : [];
  const entity = { id: r.id, caption, schema, properties, datasets, referents: [], target: false, first_seen: null, last_seen: null, last_change: null };
  return { property, entity };
}

/** Every relation of the entity by reverse property, in a stable order (kind, then the other party's name). */
function adjacent(snap: WorldSnapshot, id: string): Map<string, Static<typeof AdjacentEntity>[]> {
  const out = new Map<string, Static<typeof AdjacentEntity>[]>();
  const relations = [...snap.world.relationsFrom(id), ...snap.world.relationsTo(id)];
  for (const r of relations) {
    const { property, entity } = relationEntity(snap, r, id);
    (out.get(property) ?? out.set(property, []).get(property)!).push(entity);
  }
  for (const list of out.values()) list.sort((a, b) => a.caption.localeCompare(b.caption));
  return out;
}

function page(list: Static<typeof AdjacentEntity>[], limit: number, offset: number): Results {
  return { results: list.slice(offset, offset + limit), total: { value: list.length, relation: 'eq' }, limit, offset };
}

function entityOf(snap: WorldSnapshot, id: string) {
  const e = snap.world.get(id);
  if (!e) throw new HttpError(404, `no entity with id "${id}"`);
  return e;
}

export function registerAdjacentRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['entities'];
  app.get(
    '/entities/:id/adjacent',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "The entity's relations (owners, holdings, subsidiaries, brands …) by property, paged (yente-compatible)",
        tags,
        params: AdjacentParams,
        querystring: AdjacentQuerystring,
        response: { 200: AdjacentResponse },
      },
    },
    async (req) => {
      const { limit = 10, offset = 0 } = req.query;
      const snap = ctx.worlds.get();
      const e = entityOf(snap, req.params.id);
      const groups = adjacent(snap, e.id);
      const out: Record<string, Results> = {};
      for (const [property, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) out[property] = page(list, limit, offset);
      return { entity: ftmEntity(snap, e), adjacent: out };
    },
  );
  app.get(
    '/entities/:id/adjacent/:property',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One property of the entity’s relations, paged',
        tags,
        params: AdjacentPropertyParams,
        querystring: AdjacentQuerystring,
        response: { 200: AdjacentResults },
      },
    },
    async (req) => {
      const { limit = 10, offset = 0 } = req.query;
      const snap = ctx.worlds.get();
      const e = entityOf(snap, req.params.id);
      return page(adjacent(snap, e.id).get(req.params.property) ?? [], limit, offset);
    },
  );
}
