/**
 * The audit log's hash chain, apart from storage: each entry's hash is sha256 over the JSON array
 * [prevHash, at, actor, role, action, subject, detail], where `detail` is the JSON text as stored. A
 * slice of the log proves itself given the hash of the entry before it (the anchor): every entry must
 * chain to the one before and hash to its own `hash`; the last one's hash is the head.
 */
import { createHash } from 'node:crypto';

/** The previous hash of the first entry ever written. */
export const GENESIS = '0'.repeat(64);

/** An entry as stored and hashed: `detail` is the JSON text, not the parsed object. */
export interface StoredAuditEntry {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  detail: string;
  prevHash: string;
  hash: string;
}

export function entryHash(prev: string, e: { at: string; actor: string; role: string; action: string; subject: string; detail: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.actor, e.role, e.action, e.subject, e.detail]))
    .digest('hex');
}

export type ChainCheck = { ok: true; head: string; entries: number } | { ok: false; entryId: number; why: string };

/** Checks a contiguous slice against its anchor (the hash before it); the first entry that does not fit is named. */
export function verifySlice(entries: StoredAuditEntry[], anchor: string): ChainCheck {
  let prev = anchor;
  let lastId: number | undefined;
  for (const e of entries) {
    if (lastId !== undefined && e.id !== lastId + 1) return { ok: false, entryId: e.id, why: `entry ${lastId + 1} is missing before it` };
    if (e.prevHash !== prev) return { ok: false, entryId: e.id, why: 'its previous hash is not the hash of the entry before it' };
    if (entryHash(prev, e) !== e.hash) return { ok: false, entryId: e.id, why: 'its content does not match its hash' };
    prev = e.hash;
    lastId = e.id;
  }
  return { ok: true, head: prev, entries: entries.length };
}
