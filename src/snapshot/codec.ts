/**
 * The snapshot file format: a fixed header, a JSON table of contents, then sections (typed arrays and
 * string lists) aligned to 8 bytes, so that opening a file is one read and typed-array views over it.
 *
 *   0  "SLSNAP\0\0"        8  format version (u32)   12  CRC-32 of bytes 16… (u32)
 *   16 contents length (u32)  20 reserved   24 contents (JSON)   … sections
 *
 * A state is a record of typed arrays, string lists, strings, numbers and nested records; nested
 * names are joined with dots in the contents. A wrong magic, version or checksum is a SnapshotError.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** 3: the index's name keys are sorted (an opened index searches them). 4: the candidate index's key order. 5: where each name ref comes from in its entity (refOrigin). */
export const FORMAT_VERSION = 5;
const MAGIC = Buffer.from('SLSNAP\0\0', 'latin1');
const HEAD = 24;
/** String lists are decoded in pieces of about this many bytes (one JS string has a length limit). */
const DECODE_PIECE = 64 * 1024 * 1024;
/** Text per compressed block of a string list read on demand: one entry read inflates one block. */
const BLOCK_BYTES = 64 * 1024;

export class SnapshotError extends Error {}

type Typed = Int32Array | Float64Array | Uint8Array | Uint16Array;
const TYPED = { i32: Int32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array } as const;
type TypedKind = keyof typeof TYPED;

/** A string list read on demand (a snapshot's JSON texts: a command reads a handful of them). */
export interface Strings {
  readonly length: number;
  at(i: number): string | undefined;
}

export type StateValue = Typed | Strings | string | number | boolean | StateRecord;
export interface StateRecord {
  [name: string]: StateValue;
}

interface Section {
  name: string;
  /** `zstrs`: a string list in deflated blocks (`#blocks`: where each block starts, packed and unpacked). */
  kind: TypedKind | 'strs' | 'zstrs' | 'str';
  offset: number;
  bytes: number;
  count: number;
}

export interface Contents {
  meta: Record<string, unknown>;
  values: Record<string, number | boolean>;
  sections: Section[];
}

function kindOf(v: Typed): TypedKind {
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Uint16Array) return 'u16';
  return 'u8';
}

interface Pending {
  section: Omit<Section, 'offset'>;
  /** the section's bytes (typed arrays: a view, no copy) */
  bytes: () => Buffer;
}

/** A string list: the texts separated by NUL, and a section of where each starts (for lazy reading). */
function stringsSections(name: string, list: Strings): Pending[] {
  const starts = new Float64Array(list.length + 1);
  let bytes = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list.at(i)!;
    if (s.includes('\0')) throw new SnapshotError(`snapshot: a string of ${name} holds a NUL character`);
    starts[i] = bytes;
    bytes += Buffer.byteLength(s) + 1;
  }
  starts[list.length] = bytes;
  const write = () => {
    const out = Buffer.alloc(bytes);
    for (let i = 0, at = 0; i < list.length; i++) at += out.write(list.at(i)!, at, 'utf8') + 1;
    return out.subarray(0, Math.max(0, bytes - 1));
  };
  const offsets = Buffer.from(starts.buffer);
  return [
    { section: { name, kind: 'strs', bytes: Math.max(0, bytes - 1), count: list.length }, bytes: write },
    { section: { name: `${name}#starts`, kind: 'f64', bytes: offsets.length, count: starts.length }, bytes: () => offsets },
  ];
}

/**
 * A string list in deflated blocks of about BLOCK_BYTES of text, entries whole within a block: the
 * JSON texts a command reads a handful of take a fifth of the room, so opening reads and checks less.
 */
function packedSections(name: string, list: Strings): Pending[] {
  const starts = new Float64Array(list.length + 1);
  const blocks: Buffer[] = [];
  // per block: where it starts packed (in the section) and unpacked (in the list's text); one more at the end
  const packedAt = [0];
  const textAt = [0];
  let pieces: Buffer[] = [];
  let text = 0;
  const flush = () => {
    if (!pieces.length) return;
    const block = deflateRawSync(Buffer.concat(pieces), { level: 1 });
    blocks.push(block);
    packedAt.push(packedAt.at(-1)! + block.length);
    textAt.push(text);
    pieces = [];
  };
  for (let i = 0; i < list.length; i++) {
    const s = list.at(i)!;
    if (s.includes('\0')) throw new SnapshotError(`snapshot: a string of ${name} holds a NUL character`);
    starts[i] = text;
    const bytes = Buffer.from(`${s}\0`);
    pieces.push(bytes);
    text += bytes.length;
    if (text - textAt.at(-1)! >= BLOCK_BYTES) flush();
  }
  flush();
  starts[list.length] = text;
  const offsets = Buffer.from(starts.buffer);
  const index = Buffer.from(Float64Array.from([...packedAt, ...textAt]).buffer);
  return [
    { section: { name, kind: 'zstrs', bytes: packedAt.at(-1)!, count: list.length }, bytes: () => Buffer.concat(blocks) },
    { section: { name: `${name}#starts`, kind: 'f64', bytes: offsets.length, count: starts.length }, bytes: () => offsets },
    { section: { name: `${name}#blocks`, kind: 'f64', bytes: index.length, count: index.length / 8 }, bytes: () => index },
  ];
}

const isStrings = (v: unknown): v is Strings =>
  Array.isArray(v) || (typeof v === 'object' && v !== null && typeof (v as Strings).at === 'function' && !ArrayBuffer.isView(v));

function flatten(state: StateRecord, prefix: string, values: Contents['values'], out: Pending[], packed: (name: string) => boolean): void {
  for (const [key, v] of Object.entries(state)) {
    const name = prefix + key;
    if (typeof v === 'number' || typeof v === 'boolean') values[name] = v;
    else if (typeof v === 'string') {
      const [text] = stringsSections(name, [v]);
      out.push({ ...text, section: { ...text.section, kind: 'str' } });
    } else if (isStrings(v)) out.push(...(packed(name) ? packedSections(name, v) : stringsSections(name, v)));
    else if (ArrayBuffer.isView(v)) {
      const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      out.push({ section: { name, kind: kindOf(v), bytes: v.byteLength, count: v.length }, bytes: () => bytes });
    } else flatten(v as StateRecord, `${name}.`, values, out, packed);
  }
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Where everything goes in the file for `state`: the head (header and contents, padded), then each section at its offset. */
function layout(
  state: StateRecord,
  meta: Record<string, unknown>,
  packed: (name: string) => boolean,
): { head: Buffer; pending: Pending[]; offsets: number[]; size: number } {
  const values: Contents['values'] = {};
  const pending: Pending[] = [];
  flatten(state, '', values, pending, packed);
  // offsets are relative to the end of the contents; the contents' size does not depend on them
  let at = 0;
  const sections = pending.map((p) => {
    const s = { ...p.section, offset: at };
    at = align(at + s.bytes);
    return s;
  });
  const contents = Buffer.from(JSON.stringify({ meta, values, sections } satisfies Contents));
  const base = align(HEAD + contents.length);
  const head = Buffer.alloc(base);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(FORMAT_VERSION, 8);
  head.writeUInt32LE(contents.length, 16);
  contents.copy(head, HEAD);
  return { head, pending, offsets: sections.map((s) => base + s.offset), size: base + at };
}

/** The file for `state`, with `meta` (JSON) in its contents; the string lists `packed` names in deflated blocks. */
export function encodeSnapshot(state: StateRecord, meta: Record<string, unknown>, packed: (name: string) => boolean = () => false): Buffer {
  const { head, pending, offsets, size } = layout(state, meta, packed);
  const out = Buffer.alloc(size);
  head.copy(out, 0);
  pending.forEach((p, i) => {
    p.bytes().copy(out, offsets[i]);
  });
  out.writeUInt32LE(crc32(out.subarray(16)), 12);
  return out;
}

/**
 * Writes the file encodeSnapshot would give, section by section: no buffer of the whole file, which
 * at a million entities is well over a gigabyte held beside the index it was made from.
 */
export function writeSnapshotFile(path: string, state: StateRecord, meta: Record<string, unknown>, packed: (name: string) => boolean = () => false): void {
  const { head, pending, offsets, size } = layout(state, meta, packed);
  const fd = openSync(path, 'w');
  try {
    let crc = crc32(head.subarray(16));
    let at = writeAll(fd, head, 0);
    const padTo = (end: number) => {
      const zeros = Buffer.alloc(end - at);
      crc = crc32(zeros, crc);
      at = writeAll(fd, zeros, at);
    };
    pending.forEach((p, i) => {
      padTo(offsets[i]);
      const bytes = p.bytes();
      crc = crc32(bytes, crc);
      at = writeAll(fd, bytes, at);
    });
    padTo(size);
    const sum = Buffer.alloc(4);
    sum.writeUInt32LE(crc >>> 0);
    writeAll(fd, sum, 12);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `bytes` at `position`; the position after them. */
function writeAll(fd: number, bytes: Buffer, position: number): number {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return position + bytes.length;
}

/** The contents of a snapshot file, checked (magic, version, checksum); throws SnapshotError. */
export function readContents(buf: Buffer): { contents: Contents; base: number } {
  if (buf.length < HEAD || !buf.subarray(0, 8).equals(MAGIC)) throw new SnapshotError('not a snapshot file');
  const version = buf.readUInt32LE(8);
  if (version !== FORMAT_VERSION) throw new SnapshotError(`snapshot format ${version}, expected ${FORMAT_VERSION}`);
  if (crc32(buf.subarray(16)) !== buf.readUInt32LE(12)) throw new SnapshotError('snapshot checksum mismatch (damaged file)');
  const length = buf.readUInt32LE(16);
  try {
    return { contents: JSON.parse(buf.toString('utf8', HEAD, HEAD + length)) as Contents, base: align(HEAD + length) };
  } catch {
    throw new SnapshotError('snapshot contents unreadable');
  }
}

function decodeStrings(buf: Buffer, from: number, to: number, count: number): string[] {
  if (count === 0) return [];
  const out: string[] = [];
  for (let at = from; at < to || out.length < count; ) {
    let end = Math.min(to, at + DECODE_PIECE);
    if (end < to) {
      const nul = buf.indexOf(0, end);
      end = nul < 0 || nul > to ? to : nul;
    }
    for (const s of buf.toString('utf8', at, end).split('\0')) out.push(s);
    at = end + 1;
  }
  if (out.length !== count) throw new SnapshotError(`snapshot string list has ${out.length} entries, expected ${count}`);
  return out;
}

class LazyStrings implements Strings {
  constructor(
    private readonly buf: Buffer,
    private readonly base: number,
    private readonly starts: Float64Array,
  ) {}
  get length(): number {
    return this.starts.length - 1;
  }
  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    return this.buf.toString('utf8', this.base + this.starts[i], this.base + this.starts[i + 1] - 1);
  }
}

/**
 * Inflated blocks kept per list, in two generations of this many (recently read blocks survive, as in an LRU):
 * a command reading a few hundred entries inflates each block once, and a long screening run, which keeps
 * coming back to the blocks of the entities its candidates name, does not inflate them all again each time
 * the cache fills. bench:screen's rows 1–20,000 (after 6,500 others): 680 inflations when the 64 blocks were
 * dropped at once, 414 now, 146 with generations of 128 (99 keeping every block), but those cost a screening
 * process about 100 MB more peak RSS: at most 2 × 64 × 64 KB = 8 MB per list here.
 */
const KEPT_BLOCKS = 64;

/** A string list in deflated blocks (packedSections), read entry by entry. */
class PackedStrings implements Strings {
  private kept = new Map<number, Buffer>();
  private older = new Map<number, Buffer>();
  private readonly blocks: number;
  constructor(
    private readonly packed: Buffer,
    private readonly starts: Float64Array,
    /** per block (and one more at the end): packed start, then, after those, text start */
    private readonly index: Float64Array,
  ) {
    this.blocks = index.length / 2 - 1;
  }
  get length(): number {
    return this.starts.length - 1;
  }
  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    const from = this.starts[i];
    const b = this.blockOf(from);
    const textAt = this.index[this.blocks + 1 + b];
    return this.block(b).toString('utf8', from - textAt, this.starts[i + 1] - 1 - textAt);
  }
  /** All entries, inflating every block once. */
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
  private blockOf(textOffset: number): number {
    let lo = 0;
    let hi = this.blocks - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.index[this.blocks + 1 + mid] <= textOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  private block(b: number): Buffer {
    let text = this.kept.get(b);
    if (text) return text;
    text = this.older.get(b);
    if (!text) {
      try {
        text = inflateRawSync(this.packed.subarray(this.index[b], this.index[b + 1]));
      } catch (err) {
        throw new SnapshotError(`snapshot block ${b} unreadable: ${(err as Error).message}`);
      }
    }
    if (this.kept.size >= KEPT_BLOCKS) {
      this.older = this.kept;
      this.kept = new Map();
    }
    this.kept.set(b, text);
    return text;
  }
}

function setPath(root: StateRecord, name: string, value: StateValue): void {
  const parts = name.split('.');
  let node = root;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as StateRecord;
  node[parts.at(-1)!] = value;
}

/**
 * The state of a snapshot file: typed arrays are views of `buf` (kept alive by them); string lists
 * decoded, or read on demand when `lazy` says so of their name.
 */
export function decodeSnapshot(buf: Buffer, lazy: (name: string) => boolean = () => false): { state: StateRecord; meta: Record<string, unknown> } {
  if (buf.byteOffset % 8) buf = Buffer.from(buf); // views need aligned offsets
  const { contents, base } = readContents(buf);
  const state: StateRecord = {};
  for (const [name, v] of Object.entries(contents.values)) setPath(state, name, v);
  const parts = new Map<string, Section>();
  for (const s of contents.sections) if (/#(starts|blocks)$/.test(s.name)) parts.set(s.name, s);
  const f64 = (s: Section | undefined) => (s ? new Float64Array(buf.buffer as ArrayBuffer, buf.byteOffset + base + s.offset, s.count) : undefined);
  for (const s of contents.sections) {
    const at = base + s.offset;
    if (at + s.bytes > buf.length) throw new SnapshotError(`snapshot section ${s.name} runs past the end`);
    if (parts.has(s.name)) continue;
    const startsOf = f64(parts.get(`${s.name}#starts`));
    if (s.kind === 'zstrs') {
      const blocks = f64(parts.get(`${s.name}#blocks`));
      if (!startsOf || !blocks) throw new SnapshotError(`snapshot section ${s.name} lacks its block index`);
      const list = new PackedStrings(buf.subarray(at, at + s.bytes), startsOf, blocks);
      setPath(state, s.name, lazy(s.name) ? list : list.all());
    } else if (s.kind === 'strs' && startsOf && lazy(s.name)) {
      setPath(state, s.name, new LazyStrings(buf, at, startsOf));
    } else if (s.kind === 'strs' || s.kind === 'str') {
      const list = decodeStrings(buf, at, at + s.bytes, s.count);
      setPath(state, s.name, s.kind === 'str' ? list[0] : list);
    } else setPath(state, s.name, new TYPED[s.kind](buf.buffer as ArrayBuffer, buf.byteOffset + at, s.count));
  }
  return { state, meta: contents.meta };
}
