/**
 * Mutations of a seed: stacked byte-level edits (bit flips, interesting bytes, deletions, duplicated
 * and repeated ranges, format tokens, splices with another seed, truncation). ZIP containers are
 * also mutated inside: one member (an XML part) is edited and the container rebuilt, so the XML
 * readers behind the ZIP guard see the damage instead of a CRC error.
 */
import { readZip } from '../../src/io/zip.ts';
import { writeZip } from '../../test/helpers/zip-writer.ts';

/** Inputs are kept small: the point is odd structure, not size (size caps have their own tests). */
export const MAX_INPUT_BYTES = 1 << 20;

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x0d, 0x22, 0x27, 0x2c, 0x3c, 0x3e, 0x26, 0x5c, 0x20, 0x30, 0x39];

function range(rng: Rng, len: number): [number, number] {
  const a = rng.int(len + 1);
  const b = Math.min(len, a + 1 + rng.int(Math.max(1, Math.min(len - a, rng.next() < 0.8 ? 16 : 4096))));
  return [a, b];
}

type Edit = (buf: Buffer, rng: Rng, tokens: string[], other: Buffer) => Buffer;

const EDITS: Edit[] = [
  (b, r) => {
    const out = Buffer.from(b);
    for (let i = 1 + r.int(8); i > 0 && out.length; i--) out[r.int(out.length)]! ^= 1 << r.int(8);
    return out;
  },
  (b, r) => {
    const out = Buffer.from(b);
    for (let i = 1 + r.int(4); i > 0 && out.length; i--) out[r.int(out.length)] = r.pick(INTERESTING);
    return out;
  },
  (b, r) => {
    const [a, z] = range(r, b.length);
    return Buffer.concat([b.subarray(0, a), b.subarray(z)]);
  },
  (b, r) => {
    const [a, z] = range(r, b.length);
    const at = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), b.subarray(a, z), b.subarray(at)]);
  },
  (b, r) => {
    // A range repeated many times: deep nesting, long lines, many fields.
    const [a, z] = range(r, Math.min(b.length, 256));
    const times = 2 + r.int(r.next() < 0.9 ? 64 : 20_000);
    const at = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.alloc((z - a) * times).fill(b.subarray(a, z)), b.subarray(at)]);
  },
  (b, r, tokens) => {
    const at = r.int(b.length + 1);
    const token = r.pick(tokens);
    // Tokens within Latin-1 are raw bytes (0xFF 0xFE, NUL); others are UTF-8 text.
    const bytes = Buffer.from(token, /^[\x00-\xff]*$/.test(token) ? 'latin1' : 'utf8');
    return Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]);
  },
  (b, r) => b.subarray(0, r.int(b.length + 1)),
  (b, r, _t, other) => Buffer.concat([b.subarray(0, r.int(b.length + 1)), other.subarray(r.int(other.length + 1))]),
  (b, r) => {
    const at = r.int(b.length + 1);
    const junk = Buffer.alloc(1 + r.int(32));
    for (let i = 0; i < junk.length; i++) junk[i] = r.int(256);
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
];

export function mutateBytes(seed: Buffer, rng: Rng, tokens: string[], other: Buffer): Buffer {
  let out = seed;
  for (let i = 1 + rng.int(4); i > 0; i--) out = rng.pick(EDITS)(out, rng, tokens, other);
  return out.length > MAX_INPUT_BYTES ? out.subarray(0, MAX_INPUT_BYTES) : out;
}

/** One member of the container mutated (XML parts preferred), the container rebuilt. */
export async function mutateZip(seed: Buffer, rng: Rng, tokens: string[], other: Buffer): Promise<Buffer | undefined> {
  let members: { name: string; data: Buffer }[];
  try {
    members = await readZip(seed, 'seed');
  } catch {
    return undefined;
  }
  if (!members.length) return undefined;
  const xml = members.filter((m) => /\.(xml|rels)$/.test(m.name));
  const victim = rng.pick(xml.length && rng.next() < 0.9 ? xml : members);
  const entries = members.map((m) => ({ name: m.name, data: m === victim ? mutateBytes(m.data, rng, tokens, other) : m.data }));
  if (rng.next() < 0.05) entries.splice(rng.int(entries.length), 1);
  return writeZip(entries);
}
