/** Wire schemas of the Reconciliation API v0.2 data extension, type and property suggest. */
import { Type } from 'typebox';
import { Int, Str } from './common.ts';

const ServiceRef = Type.Object({ service_url: Str, service_path: Str });
export const PropertySetting = Type.Object({
  name: Str,
  label: Str,
  type: Str,
  default: Type.Union([Type.Number(), Str]),
  help_text: Str,
});
/** `extend` of the manifest. */
export const ManifestExtend = Type.Object({ propose_properties: ServiceRef, property_settings: Type.Array(PropertySetting) });
export const ManifestSuggest = Type.Object({ entity: ServiceRef, type: ServiceRef, property: ServiceRef });

export const ProposeQuerystring = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export const ProposedProperties = Type.Object({
  type: Str,
  limit: Int,
  properties: Type.Array(Type.Object({ id: Str, name: Str, description: Str })),
});
export const ExtendResponse = Type.Object({
  meta: Type.Array(Type.Object({ id: Str, name: Str })),
  rows: Type.Record(Str, Type.Record(Str, Type.Array(Type.Object({ str: Str })))),
});
export const SuggestPrefixQuerystring = Type.Object({
  prefix: Type.String({ maxLength: 200 }),
  cursor: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export const SuggestResults = Type.Object({ result: Type.Array(Type.Object({ id: Str, name: Str, description: Str })) });
