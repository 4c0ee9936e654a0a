/**
 * Verifies an evidence pack (evidence-pack.ts) on its own, without the database: the audit slice chains
 * from its anchor to its head entry by entry, the head is the pack's export entry, and every file of
 * the pack has the sha256 that entry recorded. The first entry or file that does not fit is named.
 */
import { createHash } from 'node:crypto';
import { readZip } from '../io/zip.ts';
import { badInput } from '../errors.ts';
import { verifySlice, type StoredAuditEntry } from '../review/index.ts';
import { AUDIT_ENTRIES, AUDIT_PROOF, EXPORT_ACTION } from './evidence-pack.ts';

export interface PackProof {
  anchor: string;
  from: number;
  to: number;
  head: string;
  exportEntry: number;
}

export type PackCheck =
  | { ok: true; entries: number; from: number; to: number; anchor: string; head: string; files: number }
  | { ok: false; problem: string; entryId?: number; file?: string };

export async function verifyEvidencePack(zip: Buffer, name: string): Promise<PackCheck> {
  const members = new Map((await readZip(zip, name)).map((m) => [m.name, m.data]));
  const text = (file: string) => {
    const data = members.get(file);
    if (!data) throw badInput(`not a Sightline evidence pack: ${file} is missing`, { file: name });
    return data.toString('utf8');
  };
  const proof = parseJson<PackProof>(text(AUDIT_PROOF), `${name}: ${AUDIT_PROOF}`);
  const entries = text(AUDIT_ENTRIES)
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => parseJson<StoredAuditEntry>(l, `${name}: ${AUDIT_ENTRIES}, line ${i + 1}`));
  if (!entries.length) return { ok: false, problem: 'the audit slice is empty' };
  const chain = verifySlice(entries, proof.anchor);
  if (!chain.ok) return { ok: false, entryId: chain.entryId, problem: `audit entry ${chain.entryId} does not verify: ${chain.why}` };
  const last = entries.at(-1)!;
  if (entries[0].id !== proof.from || last.id !== proof.to)
    return { ok: false, problem: `the slice runs ${entries[0].id}–${last.id}, the proof says ${proof.from}–${proof.to}` };
  if (chain.head !== proof.head) return { ok: false, entryId: last.id, problem: `the chain ends at ${chain.head}, the proof's head is ${proof.head}` };
  if (last.id !== proof.exportEntry || last.action !== EXPORT_ACTION)
    return { ok: false, entryId: last.id, problem: `the last entry (${last.id}) is not the pack's export entry (${proof.exportEntry})` };
  const recorded = (parseJson<{ files?: Record<string, string> }>(last.detail, `entry ${last.id}`).files ?? {}) as Record<string, string>;
  for (const [file, sha] of Object.entries(recorded)) {
    const data = members.get(file);
    if (!data) return { ok: false, file, problem: `${file} is missing from the pack (entry ${last.id} recorded it)` };
    if (createHash('sha256').update(data).digest('hex') !== sha)
      return { ok: false, file, problem: `${file} was changed: its sha256 is not the one entry ${last.id} recorded` };
  }
  return { ok: true, entries: entries.length, from: proof.from, to: proof.to, anchor: proof.anchor, head: proof.head, files: Object.keys(recorded).length };
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw badInput(`${where}: not valid JSON`);
  }
}
