/** The one interface every list importer implements: detect a file set, then stream its FtM entities. */
import type { Entity } from '../model/entity.ts';

export interface ListFile {
  path: string;
  /** Base file name, used in error messages and `origin.file`. */
  name: string;
}

export type FormatId = 'csl-csv' | 'csl-json' | 'ofac-legacy' | 'ofac-advanced' | 'ftm' | 'list-table' | '1260h-history';

export interface ListFormat {
  id: FormatId;
  description: string;
  /** True if these files (first ~4 KB of each given as `head`) are in this format. */
  detect(files: { name: string; head: string }[]): boolean;
  /** Streams entities; throws SightlineError('BAD_INPUT', …, {file, line|record}) on malformed content. */
  read(files: ListFile[]): AsyncIterable<Entity>;
}
