/** The knowledge pack: curated surveillance-industry parties, listings and links with their evidence. */
export { loadPack, packHash, packSources, packFiles, type Pack, type LoadPackOptions } from './pack-loader.ts';
export { packId, relationId, PACK_PREFIX } from './pack-convert.ts';
export { isPackDate } from './pack-validate.ts';
export type { PackKeptApart, PackListing, PackParty, PackRelation, PackRelationKind } from './pack-types.ts';
