/**
 * A name's comparison facts packed into one small Int32Array: per token and per joined unit its
 * spellings (hash, length, letter and letter-pair sets, first and last letter), flags and weight. The
 * upper bound (name-bound.ts) reads only these: scanning thousands of candidate names through their
 * token objects and strings costs a cache miss per object, a packed signature a few per name.
 *
 * Layout: [tokens, units, acronyms?, person?] then TOKEN fields per token, then UNIT fields per unit.
 */
import type { NameForm, NameToken } from '../names/index.ts';
import { tokenInfo } from './name-units.ts';
import { mayBeLegalTypo } from './legal-typos.ts';

export const HEAD = 5;
/** head fields after the token and unit counts: 1 when a token may be an acronym; 1 for a person's name; 1 when the name had a legal form */
export const H_ACRONYMS = 2;
export const H_PERSON = 3;
export const H_LEGAL = 4;
// a spelling (of a word, a skeleton, a joined unit) has the same fields in the same order wherever
// it occurs, so one test (name-bound.ts mayBeClose) reads them all
export const S_HASH = 0;
export const S_LEN = 1;
/** letter set (name-form.ts letterSet) */
export const S_LETTERS = 2;
/** set of adjacent letter pairs (pairSet) */
export const S_PAIRS = 3;
export const S_FIRST = 4;
export const S_LAST = 5;
export const SPELLING = 6;
// token fields: the word and its skeleton as spellings, then the rest
export const T_TEXT = 0;
export const T_SKEL = SPELLING;
export const T_PHON = 2 * SPELLING;
export const T_LOOSE = T_PHON + 1;
export const T_FLAGS = T_PHON + 2;
export const T_WEIGHT = T_PHON + 3;
/** first letter of the word as written, for acronyms */
export const T_SOURCE_FIRST = T_PHON + 4;
/** letters of a possible acronym (3–6 plain letters as written), 5 bits each, and their count (0: none) */
export const T_ACRONYM = T_PHON + 5;
export const T_ACRONYM_LEN = T_PHON + 6;
/** the given name a person-name word spells (name-form.ts `givenName`), hashed; 0 for none */
export const T_GIVEN = T_PHON + 7;
export const TOKEN = T_PHON + 8;
// unit fields: the joined text and its skeleton as spellings, then which tokens were joined
export const U_TEXT = 0;
export const U_SKEL = SPELLING;
export const U_START = 2 * SPELLING;
export const U_SIZE = U_START + 1;
export const UNIT = U_START + 2;

export const F_NUMBER = 1;
export const F_INITIAL = 2;
/** the word as written has more than one letter (may stand in an acronym's expansion) */
export const F_SOURCE_WORD = 4;
/** a place word (city, province, country): see the place conflict in name-similarity.ts */
export const F_PLACE = 8;
/** the first or last word of an organisation name, short enough to be a misspelt legal form (legal-typos.ts) */
export const F_EDGE_LEGAL = 16;
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

/**
 * The adjacent letter pairs of a word as a 32-bit set (each pair hashed to one bit). An edit removes
 * at most two of a word's pairs, so words within d edits differ in at most 2·d pairs (the q-gram
 * lemma); pairs hashed to the same bit can only hide differences, never add one.
 */
function pairSet(word: string): number {
  let m = 0;
  for (let i = 0; i + 1 < word.length; i++) m |= 1 << (Math.imul(word.charCodeAt(i) * 31 + word.charCodeAt(i + 1), 0x9e3779b1) >>> 27);
  return m;
}

function spellingFields(text: string, letters: number, out: Int32Array, at: number): void {
  out[at + S_HASH] = spellingId(text);
  out[at + S_LEN] = text.length;
  out[at + S_LETTERS] = letters;
  out[at + S_PAIRS] = pairSet(text);
  out[at + S_FIRST] = text.charCodeAt(0) || 0;
  out[at + S_LAST] = text.charCodeAt(text.length - 1) || 0;
}

function tokenFields(t: NameToken, acronym: boolean, edgeLegal: boolean, out: Int32Array, at: number): void {
  spellingFields(t.text, t.letters, out, at + T_TEXT);
  spellingFields(t.skeleton, t.skelLetters, out, at + T_SKEL);
  out[at + T_PHON] = spellingId(t.phonetic);
  out[at + T_LOOSE] = spellingId(t.loose);
  out[at + T_GIVEN] = spellingId(t.givenName);
  out[at + T_FLAGS] =
    (t.number ? F_NUMBER : 0) |
    (t.initial ? F_INITIAL : 0) |
    (t.source.length > 1 ? F_SOURCE_WORD : 0) |
    (t.place ? F_PLACE : 0) |
    (edgeLegal ? F_EDGE_LEGAL : 0);
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
  out[H_ACRONYMS] = info.acronym.some((x) => x === 1) ? 1 : 0;
  out[H_PERSON] = form.kind === 'person' ? 1 : 0;
  out[H_LEGAL] = form.legalPhrases.length > 0 ? 1 : 0;
  const org = form.kind === 'org' && tokens.length >= 2;
  let at = HEAD;
  tokens.forEach((t, i) => {
    tokenFields(t, info.acronym[i] === 1, org && (i === 0 || i === tokens.length - 1) && mayBeLegalTypo(t), out, at);
    at += TOKEN;
  });
  for (const u of info.units) {
    spellingFields(u.text, u.letters, out, at + U_TEXT);
    spellingFields(u.skel, u.skelLetters, out, at + U_SKEL);
    out[at + U_START] = u.start;
    out[at + U_SIZE] = u.size;
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

/** Signatures of many names side by side in one buffer, each at its offset (in the order given). */
export interface PackedSignatures {
  pool: Int32Array;
  offsets: Int32Array;
}

/** Packs the signatures of many names side by side in one buffer (an index, at build time: final weights). */
export function packSignatures(forms: NameForm[]): PackedSignatures {
  let size = 0;
  for (const f of forms) size += signatureSize(f);
  const pool = new Int32Array(size);
  const offsets = new Int32Array(forms.length);
  let at = 0;
  forms.forEach((f, k) => {
    const n = signatureSize(f);
    const sig = pool.subarray(at, at + n);
    writeSignature(f, sig);
    f.signature = sig;
    offsets[k] = at;
    at += n;
  });
  return { pool, offsets };
}
