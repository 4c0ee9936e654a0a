/** The FollowTheMoney schema, loaded once from @opensanctions/followthemoney, used to validate entities. */
import { Model, defaultModel } from '@opensanctions/followthemoney';
import type { Entity } from './entity.ts';
import { badInput } from '../errors.ts';

export const model = new Model(defaultModel);

export function isA(schema: string, parent: string): boolean {
  const s = model.getSchema(schema);
  return s.isA(parent);
}

export function hasSchema(schema: string): boolean {
  return Object.hasOwn(model.schemata, schema);
}

/** Throws a BAD_INPUT error naming the entity if its schema or a property is not in the FtM model. */
export function validateEntity(entity: Entity, where: { file?: string; record?: number | string } = {}): Entity {
  if (!hasSchema(entity.schema)) throw badInput(`unknown FtM schema "${entity.schema}" for entity ${entity.id}`, where);
  const schema = model.getSchema(entity.schema);
  for (const name of Object.keys(entity.properties)) {
    if (!schema.hasProperty(name)) throw badInput(`schema ${entity.schema} has no property "${name}" (entity ${entity.id})`, where);
  }
  return entity;
}
