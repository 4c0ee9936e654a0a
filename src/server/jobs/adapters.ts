/**
 * Adapters from the screening modules (vendors/holdings in src/screen, devices in src/devices,
 * documents in src/documents) to the server's kind-independent job result. Each reads the upload in a
 * limited reader process (isolate.ts, parsers.ts) and matches the records it returns against the world here.
 */
import { createHash } from 'node:crypto';
import { recordKey } from '../../review/index.ts';
import { buildCertificate, type Certificate, type CertificateRule } from '../../report/index.ts';
import { screenAgainst, listingRefs } from '../../screen/index.ts';
import { attribute, isFlagged, type DeviceRecord } from '../../devices/index.ts';
import { createScanner, type DocumentResult, type ExtractedDocument } from '../../documents/index.ts';
import { scannerEntities } from '../../documents/from-world.ts';
import type { Hit, JobContext, JobHandler, JobResult, ListingInfo, ResultRow } from './types.ts';
import { summarise, versionsOf } from './summary.ts';
import { hashOf, screenJobResult } from './screen-result.ts';
import { PARSE_LIMITS, runIsolated, type ParseLimits } from './isolate.ts';
import { EXTRACT_DOCUMENT, READ_DEVICES, READ_TABLE, type ReadDevices, type ReadTable } from './parsers.ts';
import { withUploadFile } from './upload-file.ts';

/** The certificate of a device or document job: the upload's name and sha256, the list versions screened. */
function jobCertificate(ctx: JobContext, title: string, format: string, rules: CertificateRule[]): Certificate {
  return buildCertificate({
    title,
    runId: ctx.jobId,
    asOf: ctx.options.asOf,
    input: { name: ctx.fileName, sha256: createHash('sha256').update(ctx.data).digest('hex'), bytes: ctx.data.length, format },
    versions: ctx.snapshot.versions,
    rules,
    thresholds: {},
  });
}

// As `sightline devices` and `sightline scan` state them on their certificates.
const DEVICE_RULES: CertificateRule[] = [
  { id: 'ndaa889', name: 'NDAA FY2019 §889 covered telecommunications / video surveillance equipment', status: 'applied', citation: 'Pub. L. 115-232 §889' },
  { id: 'fcc', name: 'FCC Covered List', status: 'applied', citation: '47 CFR 1.50002' },
  { id: 'el', name: 'BIS Entity List maker', status: 'applied' },
];
const DOCUMENT_RULES: CertificateRule[] = [
  { id: 'capabilities', name: 'Surveillance capability lexicon (data/documents/capabilities.yml)', status: 'applied' },
  { id: 'entities', name: 'Names and aliases of listed parties and pack entities', status: 'applied' },
];

/** Vendors and holdings through src/screen (rules, paths, look-through); the file is read in a limited child process. */
export const tableHandler =
  (limits: ParseLimits = PARSE_LIMITS): JobHandler =>
  async (ctx) => {
    ctx.progress({ done: 0, message: 'reading the file' });
    const read = await runIsolated<ReadTable>(READ_TABLE, [ctx.fileName, ctx.data], ctx.fileName, limits);
    return screenTable(ctx, read);
  };

async function screenTable(ctx: JobContext, read: ReadTable): Promise<JobResult> {
  const snap = ctx.snapshot;
  const table = {
    ...read,
    rows: (async function* () {
      yield* read.rows;
    })(),
  };
  const index = ctx.options.lookThrough;
  const withIndex = <T>(fn: (indexPath?: string) => Promise<T>) =>
    index?.data && ctx.kind === 'holdings' ? withUploadFile(index.name, Buffer.from(index.data, 'base64'), fn) : fn(undefined);
  const report = await withIndex((indexPath) =>
    withUploadFile(ctx.fileName, ctx.data, (path) =>
      screenAgainst(
        snap.world,
        snap.versions,
        path,
        {
          kind: ctx.kind === 'holdings' ? 'holdings' : 'vendors',
          asOf: ctx.options.asOf,
          hitThreshold: ctx.options.threshold,
          reviewThreshold: ctx.options.threshold !== undefined ? Math.min(ctx.options.threshold, 0.7) : undefined,
          rules: Array.isArray(ctx.options.rules) ? (ctx.options.rules as string[]) : undefined,
          onProgress: (rows) => ctx.progress({ done: rows, message: `screened ${rows} rows` }),
          runId: ctx.jobId,
          table,
          index: indexPath,
        },
        snap.index,
      ),
    ),
  );
  if (report.certificate.input) report.certificate.input.name = ctx.fileName;
  return screenJobResult(report, ctx.options.asOf);
}

/**
 * The real relation on each link of a device path: device → maker platform ("made by", or the brand link's
 * kind: "made by (oem)", "brand of subsidiary"), then maker → each list ("listed on").
 */
function pathRelation(a: DeviceRecord['attribution'], i: number): string {
  if (i > 0) return 'listed on';
  const how = /\(([a-z][a-z ]*?)(?: \d{4}[^,]*)?, confidence/.exec(a.path[1] ?? '')?.[1];
  if (!how) return 'made by';
  return how === 'oem' ? 'made by (OEM)' : `${how} of`;
}

/** One device as a result row: a hit when its maker is covered, a review when the evidence is weak. */
function deviceRow(d: DeviceRecord, row: number): ResultRow {
  const a = d.attribution;
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ip: d.ip, mac: d.mac, hostname: d.hostname, manufacturer: a.manufacturer, brand: a.brand, model: a.model }))
    if (v) input[k] = v;
  const label = [d.ip, d.hostname, [a.brand ?? a.manufacturer, a.model].filter(Boolean).join(' ')].filter(Boolean).join(' · ') || d.ref;
  const hits: Hit[] = [];
  if (isFlagged(a.verdict)) {
    const listings: ListingInfo[] = a.coverage.map((c) => ({ list: c.listCode, listName: c.list, since: c.since, citation: c.citation }));
    const explanation: Hit['explanation'] = {};
    a.signals.forEach((s, i) => {
      explanation[`${s.kind}${i ? ` #${i + 1}` : ''}`] = {
        score: 1,
        weight: s.weight,
        detail: `${s.value} (${s.source})${s.maker ? ` → ${s.maker}` : ''}${s.brand ? ` / ${s.brand}` : ''}`,
      };
    });
    const maker = a.coverage.find((c) => c.makerEntityId)?.makerEntityId;
    hits.push({
      entityId: maker ?? `maker:${(a.manufacturer ?? 'unknown').toLowerCase()}`,
      caption: a.manufacturer ?? a.brand ?? 'unknown maker',
      schema: 'Company',
      score: a.confidence,
      severity: a.verdict === 'covered' ? 'hit' : 'review',
      via: 'device attribution',
      lists: [...new Set(a.coverage.map((c) => c.listCode))].sort(),
      listings,
      paths:
        a.path.length > 1
          ? [
              {
                steps: a.path.map((entity, i) => ({ id: '', entity, relation: i < a.path.length - 1 ? pathRelation(a, i) : undefined })),
                text: a.path.join(' → '),
              },
            ]
          : [],
      explanation,
      listingHash: hashOf(listings),
      note: a.notes?.join(' ') || undefined,
    });
  }
  return { row, recordKey: recordKey({ ip: d.ip, mac: d.mac, hostname: d.hostname, model: a.model ?? undefined }), label, input, hits };
}

/** Device inventories and network scans through src/devices; the file is read in a limited child process. */
export const devicesHandler =
  (limits: ParseLimits = PARSE_LIMITS): JobHandler =>
  async (ctx) => {
    ctx.progress({ done: 0, message: 'reading the file' });
    const read = await runIsolated<ReadDevices>(READ_DEVICES, [ctx.fileName, ctx.data], ctx.fileName, limits);
    return attributeDevices(ctx, read);
  };

function attributeDevices(ctx: JobContext, read: ReadDevices): JobResult {
  const snap = ctx.snapshot;
  const rows: ResultRow[] = [];
  const records: DeviceRecord[] = [];
  const warnings = read.warning ? [read.warning] : [];
  for (const d of read.devices) {
    const attribution = attribute(d.evidence, snap.world, { asOf: ctx.options.asOf });
    const record: DeviceRecord = { input: ctx.fileName, ref: d.ref, ip: d.ip, mac: d.mac, hostname: d.hostname, attribution };
    records.push(record);
    rows.push(deviceRow(record, rows.length + 1));
    if (rows.length % 20 === 0) ctx.progress({ done: rows.length, message: `attributed ${rows.length} devices` });
  }
  const certificate = jobCertificate(ctx, 'Equipment screening certificate', 'auto-detected', DEVICE_RULES);
  return {
    kind: 'devices',
    rows,
    summary: summarise(rows),
    versions: versionsOf(snap),
    asOf: ctx.options.asOf,
    notes: warnings.length ? warnings : undefined,
    extra: { certificate },
    native: { kind: 'devices', records, warnings, certificate },
  };
}

/** Documents (PDF, DOCX, XLSX, HTML, text, archives) through src/documents, extracted in a limited child process: one result row per place a listed firm or a capability is named. */
export const documentsHandler =
  (limits: ParseLimits = PARSE_LIMITS): JobHandler =>
  async (ctx) => {
    ctx.progress({ done: 0, message: 'reading the document' });
    const extracted = await runIsolated<ExtractedDocument>(EXTRACT_DOCUMENT, [ctx.fileName, ctx.data], ctx.fileName, limits);
    return scanDocument(ctx, extracted);
  };

function scanDocument(ctx: JobContext, extracted: ExtractedDocument): JobResult {
  const snap = ctx.snapshot;
  const scanner = createScanner({ entities: scannerEntities(snap.world, ctx.options.asOf) });
  const doc: DocumentResult = scanner.scanDocument(extracted);
  const rows: ResultRow[] = doc.hits.map((hit, i) => {
    const where = [
      hit.member,
      hit.page ? `page ${hit.page}` : '',
      hit.sheet ? `sheet ${hit.sheet}` : '',
      hit.cell ?? '',
      hit.paragraph ? `paragraph ${hit.paragraph}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    // The document view shows each finding as a document citation: page, quoted clause, category, gloss.
    const input: Record<string, string> = {
      file: ctx.fileName,
      where,
      text: hit.text,
      snippet: hit.snippet,
      type: hit.type,
      category: hit.category,
      gloss: hit.gloss,
    };
    if (hit.page) input.page = String(hit.page);
    if (hit.clause) input.clause = hit.clause;
    if (hit.notes?.length) input.notes = hit.notes.join('; ');
    // The scanner names lists in words; a party listed itself gets its listings (with codes) from the world.
    const own = hit.entity ? listingRefs(snap.world, hit.entity.id, ctx.options.asOf) : [];
    const listings: ListingInfo[] = own.length
      ? own
      : (hit.listings ?? []).map((l) => ({ list: l.list, listName: l.list, since: l.since, citation: l.citation }));
    return {
      row: i + 1,
      recordKey: recordKey({ file: ctx.fileName, where, term: hit.term }),
      label: `${where || ctx.fileName}: “${hit.text}”`,
      input,
      hits: [
        {
          entityId: hit.entity?.id ?? `capability:${hit.term}`,
          caption: hit.entity?.caption ?? `${hit.category}: ${hit.gloss}`,
          schema: hit.entity ? 'Company' : 'Capability',
          score: 1,
          severity: hit.severity === 'high' ? 'hit' : 'review',
          via: hit.type === 'entity' ? 'name in document' : 'capability term',
          lists: [...new Set(listings.map((l) => l.list))].sort(),
          listings,
          paths: [],
          explanation: {
            [hit.type === 'entity' ? 'listed firm named' : hit.category]: {
              score: 1,
              weight: 1,
              detail: `${hit.snippet}${hit.notes?.length ? ` (${hit.notes.join('; ')})` : ''}`,
            },
          },
          listingHash: hashOf(listings),
          note: hit.gloss || undefined,
        },
      ],
    };
  });
  ctx.progress({ done: rows.length, total: rows.length, message: `${rows.length} findings` });
  const certificate = jobCertificate(ctx, 'Document scan certificate', '1 document', DOCUMENT_RULES);
  return {
    kind: 'documents',
    rows,
    summary: summarise(rows),
    versions: versionsOf(snap),
    asOf: ctx.options.asOf,
    notes: doc.warnings,
    extra: { language: doc.language, pages: doc.pages, summary: doc.summary, certificate },
    native: { kind: 'documents', results: [doc], certificate },
  };
}
