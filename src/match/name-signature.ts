/**
 * A name's comparison facts packed into one small Int32Array: per token and per joined unit the
 * hashes of its spellings, lengths, letter sets, first letters, flags and weight. The upper bound
 * (name-bound.ts) reads only these: scanning thousands of candidate names through their token objects
 * and strings costs a cache miss per object, a packed signature a few per name.
 *
 * Layout: [tokens, units, acronyms?, 0] then TOKEN fields per token, then UNIT fields per unit.
 */
import type { NameForm, NameToken } from '../names/index.ts';
import { tokenInfo } from './name-units.ts';

export const HEAD = 4;
// token fields
export const T_TEXT = 0;
export const T_SKEL = 1;
export const T_PHON = 2;
export const T_LOOSE = 3;
export const T_LEN = 4;
export const T_SKEL_LEN = 5;
export const T_LETTERS = 6;
export const T_SKEL_LETTERS = 7;
export const T_FLAGS = 8;
export const T_FIRST = 9;
export const T_SKEL_FIRST = 10;
export const T_WEIGHT = 11;
/** first letter of the word as written, for acronyms */
export const T_SOURCE_FIRST = 12;
/** letters of a possible acronym (3–6 plain letters as written), 5 bits each, and their count (0: none) */
export const T_ACRONYM = 13;
export const T_ACRONYM_LEN = 14;
export const TOKEN = 15;
// unit fields
export const U_START = 0;
export const U_SIZE = 1;
export const U_LEN = 2;
export const U_SKEL_LEN = 3;
export const U_LETTERS = 4;
export const U_SKEL_LETTERS = 5;
export const U_TEXT = 6;
export const U_SKEL = 7;
export const U_FIRST = 8;
export const U_SKEL_FIRST = 9;
export const UNIT = 10;

export const F_NUMBER = 1;
export const F_INITIAL = 2;
/** the word as written has more than one letter (may stand in an acronym's expansion) */
export const F_SOURCE_WORD = 4;
/** a place word (city, province, country): see the place conflict in name-similarity.ts */
export const F_PLACE = 8;
/** Weights are stored in millionths; the bound adds a margin for the rounding. */
export const WEIGHT_SCALE = 1_000_000;

/**
 * A spelling as a non-zero 32-bit hash (FNV-1a; 0 means none). The bound only asks whether two
 * spellings are equal, and equal spellings have equal hashes; a collision between two different
 * spellings only makes the bound looser, never wrong. Hashing costs no table: no lookups in a map of
 * every indexed spelling per query word, and nothing kept between index builds.
 */
function spellingId(s: string): number {
  if (!s) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0 || 1;
}

function tokenFields(t: NameToken, acronym: boolean, out: Int32Array, at: number): void {
  out[at + T_TEXT] = spellingId(t.text);
  out[at + T_SKEL] = spellingId(t.skeleton);
  out[at + T_PHON] = spellingId(t.phonetic);
  out[at + T_LOOSE] = spellingId(t.loose);
  out[at + T_LEN] = t.text.length;
  out[at + T_SKEL_LEN] = t.skeleton.length;
  out[at + T_LETTERS] = t.letters;
  out[at + T_SKEL_LETTERS] = t.skelLetters;
  out[at + T_FLAGS] = (t.number ? F_NUMBER : 0) | (t.initial ? F_INITIAL : 0) | (t.source.length > 1 ? F_SOURCE_WORD : 0) | (t.place ? F_PLACE : 0);
  out[at + T_FIRST] = t.text.charCodeAt(0) || 0;
  out[at + T_SKEL_FIRST] = t.skeleton.charCodeAt(0) || 0;
  out[at + T_WEIGHT] = Math.round(t.weight * WEIGHT_SCALE);
  out[at + T_SOURCE_FIRST] = t.source.charCodeAt(0) || 0;
  let letters = 0;
  if (acronym) for (let k = 0; k < t.source.length; k++) letters |= (t.source.charCodeAt(k) - 96) << (5 * k);
  out[at + T_ACRONYM] = letters;
  out[at + T_ACRONYM_LEN] = acronym ? t.source.length : 0;
}

export function signatureSize(form: NameForm): number {
  return HEAD + form.tokens.length * TOKEN + tokenInfo(form).units.length * UNIT;
}

/** Writes the signature of `form` into `out` (sized by signatureSize). */
export function writeSignature(form: NameForm, out: Int32Array): void {
  const info = tokenInfo(form);
  const tokens = form.tokens;
  out[0] = tokens.length;
  out[1] = info.units.length;
  out[2] = info.acronym.some((x) => x === 1) ? 1 : 0;
  let at = HEAD;
  tokens.forEach((t, i) => {
    tokenFields(t, info.acronym[i] === 1, out, at);
    at += TOKEN;
  });
  for (const u of info.units) {
    out[at + U_START] = u.start;
    out[at + U_SIZE] = u.size;
    out[at + U_LEN] = u.text.length;
    out[at + U_SKEL_LEN] = u.skel.length;
    out[at + U_LETTERS] = u.letters;
    out[at + U_SKEL_LETTERS] = u.skelLetters;
    out[at + U_TEXT] = spellingId(u.text);
    out[at + U_SKEL] = spellingId(u.skel);
    out[at + U_FIRST] = u.text.charCodeAt(0) || 0;
    out[at + U_SKEL_FIRST] = u.skel.charCodeAt(0) || 0;
    at += UNIT;
  }
}

/** The signature of a name, computed on first use (queries) or set ahead by `packSignatures` (indexed names). */
export function signature(form: NameForm): Int32Array {
  let sig = form.signature;
  if (!sig) {
    sig = new Int32Array(signatureSize(form));
    writeSignature(form, sig);
    form.signature = sig;
  }
  return sig;
}

/** Packs the signatures of many names side by side in one buffer (an index, at build time: final weights). */
export function packSignatures(forms: NameForm[]): void {
  let size = 0;
  for (const f of forms) size += signatureSize(f);
  const pool = new Int32Array(size);
  let at = 0;
  for (const f of forms) {
    const n = signatureSize(f);
    const sig = pool.subarray(at, at + n);
    writeSignature(f, sig);
    f.signature = sig;
    at += n;
  }
}
