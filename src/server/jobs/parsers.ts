/**
 * The reading of an upload, run in the child process of isolate.ts: bytes in, plain records out
 * (table rows, devices with their evidence, a document's text parts). Matching against the world
 * stays in the server, which holds it; only these records cross the process boundary.
 */
import { SightlineError } from '../../errors.ts';
// The readers' own modules, not the capabilities' index: a reader process loads no matcher or world.
import { openTable, type TableFormat } from '../../screen/read-table.ts';
import type { InputRow } from '../../screen/types.ts';
import { readDevices } from '../../devices/read-devices.ts';
import { TruncatedInputError } from '../../devices/nmap-xml.ts';
import type { DeviceInput } from '../../devices/types.ts';
import { extractBuffer } from '../../documents/extract/extract.ts';
import { DEFAULT_LIMITS, type ExtractedDocument } from '../../documents/types.ts';
import { siblingModule, type IsolatedTask } from './isolate.ts';
import { withoutTempPath, withUploadFile } from './upload-file.ts';

export interface ReadTable {
  name: string;
  format: TableFormat;
  encoding?: string;
  headers: string[];
  rows: InputRow[];
}

export interface ReadDevices {
  devices: DeviceInput[];
  /** Set when the input ended early (an interrupted nmap run): the complete devices are kept. */
  warning?: string;
}

const bytes = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** A vendor or holdings table, every row read (as `sightline screen` reads it). */
export async function readTableUpload(fileName: string, data: Uint8Array): Promise<ReadTable> {
  return withUploadFile(fileName, data, async (path) => {
    const table = await openTable(path);
    const rows: InputRow[] = [];
    for await (const row of table.rows) rows.push(row);
    return { name: table.name, format: table.format, encoding: table.encoding, headers: table.headers, rows };
  });
}

/** A device inventory or network scan, every device with its evidence. */
export async function readDeviceUpload(fileName: string, data: Uint8Array): Promise<ReadDevices> {
  return withUploadFile(fileName, data, async (path) => {
    const devices: DeviceInput[] = [];
    try {
      for await (const d of readDevices([path])) devices.push(d);
    } catch (err) {
      // nmap writes partial files when interrupted: keep the complete hosts and say so (as the CLI does).
      if (err instanceof TruncatedInputError) return { devices, warning: `${fileName}: ${withoutTempPath(err.message, path, fileName)}` };
      throw new SightlineError(
        err instanceof SightlineError ? err.code : 'BAD_INPUT',
        withoutTempPath(err instanceof SightlineError ? err.message : `unreadable file: ${(err as Error).message}`, path, fileName),
      );
    }
    return { devices };
  });
}

/** A document's text parts (PDF, Office, HTML, e-mail, text, archives), as the scanner extracts them. */
export async function extractDocumentUpload(fileName: string, data: Uint8Array): Promise<ExtractedDocument> {
  if (data.byteLength > DEFAULT_LIMITS.maxFileBytes)
    throw new SightlineError('UNSAFE_INPUT', `file is over the ${DEFAULT_LIMITS.maxFileBytes / 1048576} MB limit`, { file: fileName });
  try {
    const doc = await extractBuffer(bytes(data), fileName, DEFAULT_LIMITS);
    return { ...doc, path: fileName };
  } catch (err) {
    // Errors raised inside an archive name the member; say which upload it is in (as the scanner does).
    const message = err instanceof SightlineError ? err.message : `unreadable file: ${(err as Error)?.message ?? String(err)}`;
    throw new SightlineError(err instanceof SightlineError ? err.code : 'BAD_INPUT', message.startsWith(fileName) ? message : `${fileName}: ${message}`);
  }
}

const PARSERS = siblingModule('parsers');
export const READ_TABLE: IsolatedTask = { module: PARSERS, fn: 'readTableUpload' };
export const READ_DEVICES: IsolatedTask = { module: PARSERS, fn: 'readDeviceUpload' };
export const EXTRACT_DOCUMENT: IsolatedTask = { module: PARSERS, fn: 'extractDocumentUpload' };
