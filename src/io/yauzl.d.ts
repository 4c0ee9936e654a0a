/** The part of yauzl 3 we use (the package ships no types and @types/yauzl is not installed). */
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';
  export interface Entry {
    fileName: string | Buffer;
    compressedSize: number;
    uncompressedSize: number;
  }
  export interface ZipFile extends EventEmitter {
    entryCount: number;
    readEntry(): void;
    openReadStream(entry: Entry, cb: (err: Error | null, stream?: Readable) => void): void;
    close(): void;
  }
  export interface Options {
    lazyEntries?: boolean;
    validateEntrySizes?: boolean;
    decodeStrings?: boolean;
    strictFileNames?: boolean;
  }
  export function fromBuffer(buf: Buffer, options: Options, cb: (err: Error | null, zip?: ZipFile) => void): void;
  const yauzl: { fromBuffer: typeof fromBuffer };
  export default yauzl;
}
