/**
 * The HTTP API's wire types, as TypeBox schemas: Fastify validates requests and serialises responses
 * with them, @fastify/swagger writes /openapi.json from them, and the web UI imports their static
 * types (type-only, so the browser bundle holds none of this). Objects produced by other modules
 * (job results, the entity view) stay open (`additionalProperties`), so a field added there is sent,
 * not silently dropped by the serialiser.
 */
export { ErrorBody, MAX_LIMIT, MAX_QUERIES, fileResponse } from './schemas/common.ts';
export * from './schemas/jobs.ts';
export * from './schemas/match.ts';
export * from './schemas/reconcile.ts';
export * from './schemas/four-eyes.ts';
export * from './schemas/monitors.ts';
