/**
 * The evidence pack of one screening job: what an auditor asks for, in one ZIP. It holds the screening
 * certificate, the report (HTML and CSV), every list version screened against, the decisions and
 * four-eyes proposals with who, when and why, and a slice of the audit log with the proof that its
 * chain verifies. Exporting is itself audited: the `evidence.exported` entry records the sha256 of every
 * other file in the pack and is the slice's last entry (the head), so the chain vouches for the files too.
 * `sightline audit verify pack.zip` checks it all (evidence-verify.ts).
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { Store } from '../store/index.ts';
import type { Actor, AuditLog, DecisionRecord, Proposals, ProposalRecord, ReviewStore } from '../review/index.ts';
import { toCsv } from '../report/index.ts';
import { VERSION } from '../version.ts';
import { SightlineError } from '../errors.ts';
import { reviewedResult, type ReviewedResult } from './jobs/reviewed.ts';
import type { JobQueue } from './jobs/queue.ts';
import { renderJobReport } from './job-reports.ts';

export const PACK_FORMAT = 'sightline-evidence/1';
/** Names of the audit files: the proof covers every other file through the export entry. */
export const AUDIT_ENTRIES = 'audit/entries.jsonl';
export const AUDIT_PROOF = 'audit/proof.json';
export const EXPORT_ACTION = 'evidence.exported';

export interface EvidenceDeps {
  store: Store;
  jobs: Pick<JobQueue, 'get' | 'result'>;
  review: ReviewStore;
  proposals: Proposals;
}

export interface EvidencePack {
  zip: Buffer;
  files: string[];
  /** The export's audit entry: the head of the slice. */
  head: { id: number; hash: string };
}

/** Builds the pack of job `jobId` and appends its `evidence.exported` audit entry as `actor`. */
export async function buildEvidencePack(deps: EvidenceDeps, jobId: string, actor: Actor): Promise<EvidencePack> {
  const job = await deps.jobs.get(jobId);
  if (!job) throw new SightlineError('NOT_FOUND', `no screening job ${jobId}`);
  const stored = await deps.jobs.result(jobId);
  if (!stored)
    throw new SightlineError('USAGE', `job ${jobId} is ${job.status}${job.error ? ` (${job.error})` : ''}; it has no results to put in an evidence pack`);
  const { native, ...result } = stored;
  const reviewed = await reviewedResult(deps.jobs, deps.review, job, result, deps.proposals);
  const files = new Map<string, string | Buffer>();
  const certificate = native?.kind === 'screen' ? native.report.certificate : native?.certificate;
  files.set('certificate.json', JSON.stringify(certificate ?? { note: 'this job was stored without a certificate; see lists.json', job }, null, 2));
  for (const ext of ['html', 'csv'] as const) {
    const report = await renderJobReport(reviewed, native, ext);
    if (report) files.set(`report.${ext}`, report.body);
  }
  files.set('lists.json', JSON.stringify(await listVersions(deps.store, reviewed), null, 2));
  const { decisions, proposals } = await reviewTrail(deps, reviewed);
  files.set('decisions.json', JSON.stringify({ decisions, proposals }, null, 2));
  files.set('decisions.csv', decisionsCsv(decisions, proposals));

  const first = await deps.review.audit.firstAbout([jobId, ...hitSubjects(reviewed)]);
  return sealPack(deps.review.audit, actor, { files, subject: jobId, firstEntry: first, readme: (entry) => readme(jobId, entry) });
}

export interface PackContents {
  files: Map<string, string | Buffer>;
  /** The audit subject of the export entry (a job id, a monitor id). */
  subject: string;
  /** The oldest audit entry about what the pack covers; the slice runs from it to the export entry. */
  firstEntry: number | undefined;
  readme: (exportEntry: number) => string;
  detail?: Record<string, unknown>;
}

/**
 * Seals a pack: appends the `evidence.exported` entry recording the sha256 of every file, adds the audit
 * slice from `firstEntry` to that entry with its proof, and the README, and zips it all.
 */
export async function sealPack(audit: AuditLog, actor: Actor, c: PackContents): Promise<EvidencePack> {
  const files = new Map(c.files);
  const hashes = Object.fromEntries([...files].map(([name, body]) => [name, sha256(body)]));
  const exported = await audit.append({
    actor: actor.name,
    role: actor.role,
    action: EXPORT_ACTION,
    subject: c.subject,
    detail: { format: PACK_FORMAT, ...c.detail, files: hashes },
  });
  const slice = await audit.storedSlice(Math.min(c.firstEntry ?? exported.id, exported.id), exported.id);
  files.set(AUDIT_ENTRIES, `${slice.map((e) => JSON.stringify(e)).join('\n')}\n`);
  files.set(
    AUDIT_PROOF,
    JSON.stringify(
      {
        format: PACK_FORMAT,
        hash: 'sha256 of the JSON array [prevHash, at, actor, role, action, subject, detail], detail as the JSON text stored',
        anchor: slice[0].prevHash,
        from: slice[0].id,
        to: exported.id,
        head: exported.hash,
        exportEntry: exported.id,
        tool: `Sightline ${VERSION}`,
      },
      null,
      2,
    ),
  );
  files.set('README.txt', c.readme(exported.id));
  return { zip: await zipOf(files, new Date(exported.at)), files: [...files.keys()], head: { id: exported.id, hash: exported.hash } };
}

/** The versions the job was screened against, with what the store knows of each (files, format, counts). */
async function listVersions(store: Store, r: ReviewedResult) {
  return Promise.all(
    r.versions.map(async (v) => {
      const full = await store.version(v.id);
      return {
        source: v.source,
        version: v.number ?? full?.number,
        id: v.id,
        sha256: v.sha256,
        importedAt: v.createdAt,
        format: full?.format,
        files: full?.fileNames,
        entities: full?.entityCount,
        lists: full?.counts.byList,
      };
    }),
  );
}

/** Every decision (history included) and four-eyes proposal on the job's hits. */
async function reviewTrail(deps: EvidenceDeps, r: ReviewedResult): Promise<{ decisions: DecisionRecord[]; proposals: ProposalRecord[] }> {
  const pairs = new Set(r.rows.flatMap((row) => row.hits.map((h) => `${row.recordKey}:${h.entityId}`)));
  const keys = [...new Set(r.rows.filter((row) => row.hits.length).map((row) => row.recordKey))];
  const decisions = (await deps.review.allOf(keys)).filter((d) => pairs.has(`${d.recordKey}:${d.entityId}`));
  const proposals = (await deps.proposals.list({ all: true, recordKeys: keys })).filter((p) => pairs.has(`${p.recordKey}:${p.entityId}`)).reverse();
  return { decisions, proposals };
}

/** Audit subjects of the job's hits (`recordKey:entityId`, as decisions record them). */
function hitSubjects(r: ReviewedResult): string[] {
  return [...new Set(r.rows.flatMap((row) => row.hits.map((h) => `${row.recordKey}:${h.entityId}`)))];
}

export function decisionsCsv(decisions: DecisionRecord[], proposals: ProposalRecord[]): string {
  const rows = [
    ...decisions.map((d) => [d.createdAt, 'decision', d.decision, d.label ?? '', d.recordKey, d.entityId, d.actor, d.reason, d.approvedBy ?? '', '', '']),
    ...proposals.map((p) => [
      p.createdAt,
      `proposal ${p.status}`,
      p.decision,
      p.label ?? '',
      p.recordKey,
      p.entityId,
      p.proposer,
      p.reason,
      p.resolution?.resolver ?? '',
      p.resolution?.reasonCode ?? '',
      p.resolution?.note ?? '',
    ]),
  ].sort((a, b) => a[0].localeCompare(b[0]));
  return toCsv(['at', 'kind', 'decision', 'hit', 'record_key', 'entity_id', 'by', 'reason', 'approved_or_resolved_by', 'reason_code', 'note'], rows);
}

function sha256(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function readme(jobId: string, exportEntry: number): string {
  return `Sightline evidence pack of screening job ${jobId} (${PACK_FORMAT})

certificate.json   the screening certificate: tool version, list versions, rules, thresholds, input sha256
report.html/.csv   the report, with each hit's review status and decision
lists.json         every list version screened against: source, version, sha256, import time
decisions.json/csv every decision on the job's hits (who, when, why, approver) and four-eyes proposals
audit/entries.jsonl  a contiguous slice of the hash-chained audit log, ending with entry ${exportEntry}
audit/proof.json   the slice's anchor (the hash before it) and head (its last hash)

Entry ${exportEntry} (action ${EXPORT_ACTION}) records the sha256 of every file above. Check the chain and
the files with:  sightline audit verify <this file>.zip   (exit 0: verified; 1: names the first bad entry or file)
Compare the head hash with the live log (GET /audit) to show the slice is part of it.
`;
}

/** The files as one ZIP (deflated; fixed order and time, so the bytes depend only on the content). */
async function zipOf(files: Map<string, string | Buffer>, date: Date): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, body] of files) zip.file(name, body, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
