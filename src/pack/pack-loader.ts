/**
 * Loads the knowledge pack (data/pack/): sources.yml, entities/*.yml and relations.yml. Validates every
 * entry against the evidence ids, the entity ids, the list registry and the FtM model, converts it to FtM
 * entities, and hashes the files so the store can tell which pack version it holds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../model/entity.ts';
import type { EvidenceSource } from '../graph/types.ts';
import { allLists, type ListInfo } from '../model/lists.ts';
import { badInput, SightlineError } from '../errors.ts';
import { dataPath } from '../paths.ts';
import { parseYamlList } from './pack-yaml.ts';
import { PartyEntry, SourceEntry, validateParties, validateRelations, validateSources, type PackContext } from './pack-validate.ts';
import { partyEntity, relationEntity, sanctionEntity } from './pack-convert.ts';
import type { PackParty } from './pack-types.ts';

export interface Pack {
  entities: Entity[];
  /** The validated parties with their file and lines (for `pack verify`). */
  parties: PackParty[];
  sources: EvidenceSource[];
  /** Hex SHA-256 over all pack files (relative path + content, sorted by path). */
  sha256: string;
}

export interface LoadPackOptions {
  /** List registry to check list codes against; defaults to data/lists.yml. */
  lists?: ListInfo[];
}

/** Refuse absurd files early: the real pack is a few hundred kB. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function readText(dir: string, rel: string): string {
  const path = join(dir, rel);
  if (!existsSync(path)) throw new SightlineError('NOT_FOUND', `pack file missing: ${rel}`, { file: rel });
  if (statSync(path).size > MAX_FILE_BYTES) throw badInput(`pack file larger than ${MAX_FILE_BYTES} bytes`, { file: rel });
  return readFileSync(path, 'utf8');
}

/** Relative paths of the pack files, sorted: sources.yml, entities/*.yml, relations.yml. */
export function packFiles(dir: string): string[] {
  const entityDir = join(dir, 'entities');
  const entityFiles = existsSync(entityDir)
    ? readdirSync(entityDir)
        .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
        .sort()
        .map((f) => `entities/${f}`)
    : [];
  const files = ['sources.yml', ...entityFiles];
  if (existsSync(join(dir, 'relations.yml'))) files.push('relations.yml');
  return files;
}

function hashFiles(texts: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const rel of [...texts.keys()].sort()) {
    hash.update(rel).update('\0').update(texts.get(rel)!).update('\0');
  }
  return hash.digest('hex');
}

/** The pack's hash as `loadPack` computes it, from the files alone (no parsing): what a snapshot is keyed by. */
export function packHash(dir: string = dataPath('pack')): string {
  const texts = new Map<string, string>();
  for (const rel of packFiles(dir)) texts.set(rel, readText(dir, rel));
  return hashFiles(texts);
}

export function loadPack(dir: string = dataPath('pack'), options: LoadPackOptions = {}): Pack {
  const lists = options.lists ?? allLists();
  const listByCode = new Map(lists.map((l) => [l.code, l]));
  const texts = new Map<string, string>();
  for (const rel of packFiles(dir)) texts.set(rel, readText(dir, rel));

  const sources = validateSources(parseYamlList(texts.get('sources.yml')!, 'sources.yml', SourceEntry), 'sources.yml');
  const ctx: PackContext = {
    sourceIds: new Set(sources.map((s) => s.id)),
    listCodes: new Set(listByCode.keys()),
    partyFiles: new Map(),
  };

  const entities: Entity[] = [];
  const parties: PackParty[] = [];
  for (const [rel, text] of texts) {
    if (!rel.startsWith('entities/')) continue;
    for (const party of validateParties(parseYamlList(text, rel, PartyEntry), rel, ctx)) {
      parties.push(party);
      entities.push(partyEntity(party));
      for (const listing of party.listings) entities.push(sanctionEntity(party, listing, listByCode.get(listing.list)!));
    }
  }
  const relText = texts.get('relations.yml');
  if (relText !== undefined) {
    for (const rel of validateRelations(parseYamlList(relText, 'relations.yml'), 'relations.yml', ctx)) {
      entities.push(relationEntity(rel));
    }
  }

  const ids = new Map<string, Entity>();
  for (const e of entities) {
    const other = ids.get(e.id);
    if (other) throw badInput(`two pack entries produce the same id "${e.id}"`, { file: e.origin?.file, record: e.origin?.record });
    ids.set(e.id, e);
  }
  return { entities, parties, sources, sha256: hashFiles(texts) };
}

/** The evidence documents of the pack (sources.yml only), validated. */
export function packSources(dir: string = dataPath('pack')): EvidenceSource[] {
  return validateSources(parseYamlList(readText(dir, 'sources.yml'), 'sources.yml', SourceEntry), 'sources.yml');
}
