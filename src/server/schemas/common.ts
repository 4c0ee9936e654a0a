/** Building blocks shared by the wire schemas in this folder. */
import { Type, type Static } from 'typebox';

// A type list rather than anyOf: the serialiser writes it with a typeof test instead of a validation per value.
export const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
export const Open = { additionalProperties: true } as const;
export const Str = Type.String();
export const Int = Type.Integer();
export const Strings = Type.Array(Str);
export const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
export const MAX_QUERIES = 100;
export const MAX_LIMIT = 500;

/** Every error answer: the HTTP status, a machine code where there is one, and what went wrong. */
export const ErrorBody = Type.Object({ status: Int, code: Type.Optional(Str), detail: Str });
export type ErrorBody = Static<typeof ErrorBody>;

/** A non-JSON answer (HTML, CSV, XLSX …), described for the docs; Fastify sends the body as it is. */
export function fileResponse(description: string, types: string[]) {
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: Type.String(t.includes('spreadsheet') ? { format: 'binary' } : {}) }])) };
}
