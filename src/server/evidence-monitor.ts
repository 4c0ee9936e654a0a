/**
 * The evidence pack of a monitor: its current state (certificate and report of its last screening, HTML
 * and CSV), its alert history (new, changed and resolved, each with the list versions or file that raised
 * it), every list version it was screened against, the decisions on its hits, and the audit slice from
 * the monitor's creation with the proof that its chain verifies. Sealed like a job's pack (sealPack), so
 * `sightline audit verify pack.zip` checks it the same way.
 */
import type { Store, VersionInfo } from '../store/index.ts';
import type { Actor, DecisionRecord, Proposals, ProposalRecord, ReviewStore } from '../review/index.ts';
import { monitorReport, withoutSecrets, type Alert, type Monitor, type MonitorHit, type MonitorService } from '../monitor/index.ts';
import { AUDIT_ENTRIES, AUDIT_PROOF, EXPORT_ACTION, PACK_FORMAT, decisionsCsv, sealPack, type EvidencePack } from './evidence-pack.ts';

export interface MonitorEvidenceDeps {
  store: Store;
  review: ReviewStore;
  proposals: Proposals;
  monitors: MonitorService;
}

/** No monitor has anywhere near this many alerts; the inbox query needs a limit. */
const ALL_ALERTS = 10_000_000;
/** "csl version 3" in an alert's cause. */
const VERSION_CAUSE = /([^\s,:]+) version (\d+)/g;

/** Builds the pack of monitor `idOrName` and appends its `evidence.exported` audit entry as `actor`. */
export async function buildMonitorEvidencePack(deps: MonitorEvidenceDeps, idOrName: string, actor: Actor): Promise<EvidencePack & { monitor: Monitor }> {
  const monitor = await deps.monitors.monitors.require(idOrName);
  const hits = await deps.monitors.monitors.hits(monitor.id);
  const alerts = await deps.monitors.alerts.list({ monitorId: monitor.id, limit: ALL_ALERTS });
  const current = await versionsOf(deps.store, Object.values(monitor.screenedVersions));
  const trail = await reviewTrail(deps, hits, alerts);
  const report = monitorReport({ monitor, hits, alerts, versions: current, decisions: currentDecisions(trail.decisions) });

  const files = new Map<string, string | Buffer>();
  files.set('certificate.json', JSON.stringify(report.certificate, null, 2));
  files.set('report.html', report.html);
  files.set('report.csv', report.csv);
  files.set('monitor.json', JSON.stringify({ monitor: withoutSecrets(monitor), hits }, null, 2));
  files.set('alerts.json', JSON.stringify(alerts, null, 2));
  files.set('alerts.csv', report.alertsCsv);
  files.set('lists.json', JSON.stringify(await listsUsed(deps, monitor, current, alerts), null, 2));
  files.set('decisions.json', JSON.stringify(trail, null, 2));
  files.set('decisions.csv', decisionsCsv(trail.decisions, trail.proposals));

  const subjects = [monitor.id, ...new Set([...hits, ...alerts.filter(isHitAlert)].map(pairOf))];
  const firstEntry = await deps.review.audit.firstAbout(subjects);
  const pack = await sealPack(deps.review.audit, actor, {
    files,
    subject: monitor.id,
    firstEntry,
    detail: { monitor: monitor.name },
    readme: (entry) => readme(monitor, entry),
  });
  return { ...pack, monitor };
}

const pairOf = (h: { recordKey?: string; entityId?: string }) => `${h.recordKey}:${h.entityId}`;
const isHitAlert = (a: Alert) => a.recordKey !== undefined && a.entityId !== undefined;

async function versionsOf(store: Store, ids: number[]): Promise<VersionInfo[]> {
  const found = await Promise.all([...new Set(ids)].map((id) => store.version(id)));
  return found.filter((v): v is VersionInfo => v !== undefined).sort((a, b) => a.id - b.id);
}

/**
 * Every list version the monitor was screened against: those of its last screening, those its
 * re-screens recorded in the audit log (before and after), and those its alerts name as their cause.
 */
async function listsUsed(deps: MonitorEvidenceDeps, m: Monitor, current: VersionInfo[], alerts: Alert[]) {
  const ids = new Set(current.map((v) => v.id));
  for (const e of await deps.review.audit.list({ subject: m.id }))
    if (e.action === 'monitor.rescreened')
      for (const side of [e.detail.from, e.detail.to] as Record<string, number>[]) for (const id of Object.values(side ?? {})) ids.add(Number(id));
  const named = new Set(alerts.flatMap((a) => [...a.cause.matchAll(VERSION_CAUSE)].map(([, source, n]) => `${source}#${n}`)));
  if (named.size) for (const v of await deps.store.versions()) if (named.has(`${v.source}#${v.number}`)) ids.add(v.id);
  const currentIds = new Set(current.map((v) => v.id));
  return (await versionsOf(deps.store, [...ids])).map((v) => ({
    source: v.source,
    version: v.number,
    id: v.id,
    sha256: v.sha256,
    importedAt: v.createdAt,
    format: v.format,
    files: v.fileNames,
    entities: v.entityCount,
    lists: v.counts.byList,
    current: currentIds.has(v.id),
  }));
}

/** Every decision (history included) and four-eyes proposal on the monitor's hits, current and in its alerts. */
async function reviewTrail(
  deps: MonitorEvidenceDeps,
  hits: MonitorHit[],
  alerts: Alert[],
): Promise<{ decisions: DecisionRecord[]; proposals: ProposalRecord[] }> {
  const flagged = [...hits, ...alerts.filter(isHitAlert)];
  const pairs = new Set(flagged.map(pairOf));
  const keys = [...new Set(flagged.map((h) => h.recordKey as string))];
  const decisions = (await deps.review.allOf(keys)).filter((d) => pairs.has(pairOf(d)));
  const proposals = (await deps.proposals.list({ all: true, recordKeys: keys })).filter((p) => pairs.has(pairOf(p))).reverse();
  return { decisions, proposals };
}

/** The latest decision per hit (decisions come oldest first). */
function currentDecisions(decisions: DecisionRecord[]): Map<string, DecisionRecord> {
  return new Map(decisions.map((d) => [pairOf(d), d]));
}

function readme(m: Monitor, exportEntry: number): string {
  return `Sightline evidence pack of monitor "${m.name}" (${m.id}, ${PACK_FORMAT})

certificate.json   the certificate of its last screening: input sha256, list versions, rules, thresholds
report.html/.csv   its current hits, each with its review status and decision, and its alert history
monitor.json       the monitor (options, recipients without secrets) and its current hits as stored
alerts.json/.csv   every alert it raised (new, changed, resolved), with the cause (list versions, file) and deliveries
lists.json         every list version it was screened against: source, version, sha256, import time
decisions.json/csv every decision on its hits (who, when, why, approver) and four-eyes proposals
${AUDIT_ENTRIES}  a contiguous slice of the hash-chained audit log from the monitor's first entry,
                   with each re-screen (monitor.rescreened: versions before and after, alert ids), ending with entry ${exportEntry}
${AUDIT_PROOF}   the slice's anchor (the hash before it) and head (its last hash)

Entry ${exportEntry} (action ${EXPORT_ACTION}) records the sha256 of every file above. Check the chain and
the files with:  sightline audit verify <this file>.zip   (exit 0: verified; 1: names the first bad entry or file)
Compare the head hash with the live log (GET /audit) to show the slice is part of it.
`;
}
