/**
 * Asset-inventory CSV/XLSX: columns detected from their headers (MAC, IP, hostname, manufacturer,
 * model, serial, firmware), overridable with `map` ({ mac: 'NIC address', model: 'Part no' }).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { SightlineError, badInput } from '../errors.ts';
import type { DeviceInput, EvidenceField, EvidenceItem } from './types.ts';
import { normaliseMac } from './mac.ts';

export type InventoryColumn = 'mac' | 'ip' | 'hostname' | 'manufacturer' | 'model' | 'serial' | 'firmware' | 'description';

const SYNONYMS: Record<InventoryColumn, string[]> = {
  mac: ['mac', 'macaddress', 'mac address', 'hwaddress', 'hardware address', 'physical address', 'ethernet', 'mac addr', 'lan mac'],
  ip: ['ip', 'ipaddress', 'ip address', 'ipv4', 'ipv4 address', 'address', 'host ip', 'mgmt ip', 'management ip'],
  hostname: ['hostname', 'host', 'host name', 'name', 'device name', 'devicename', 'dns name', 'fqdn', 'asset name', 'asset'],
  manufacturer: ['manufacturer', 'vendor', 'make', 'brand', 'mfr', 'mfg', 'oem', 'maker'],
  model: ['model', 'model number', 'model no', 'modelnumber', 'model name', 'product', 'part number', 'part no', 'sku', 'device model'],
  serial: ['serial', 'serial number', 'serialnumber', 'serial no', 's/n', 'sn'],
  firmware: ['firmware', 'firmware version', 'fw', 'fw version', 'software version', 'version'],
  description: ['description', 'notes', 'comment', 'comments', 'type', 'device type', 'category'],
};

const FIELD_OF: Record<InventoryColumn, EvidenceField | undefined> = {
  mac: 'mac',
  ip: undefined,
  hostname: 'hostname',
  manufacturer: 'manufacturer',
  model: 'model',
  serial: 'serial',
  firmware: 'firmware',
  description: 'text',
};

const norm = (h: string) => h.toLowerCase().replace(/[_\-.#:]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Header index per column: the `map` override first, then exact synonyms, then the first header containing one. */
export function detectColumns(headers: string[], map: Record<string, string> = {}, file?: string): Partial<Record<InventoryColumn, number>> {
  const h = headers.map((x) => norm(String(x ?? '')));
  const out: Partial<Record<InventoryColumn, number>> = {};
  const taken = new Set<number>();
  for (const [col, header] of Object.entries(map)) {
    if (!(col in SYNONYMS)) throw new SightlineError('USAGE', `unknown inventory column "${col}" in map (known: ${Object.keys(SYNONYMS).join(', ')})`, { file });
    const i = h.indexOf(norm(header));
    if (i < 0) throw badInput(`mapped column "${header}" not found in the header row`, { file, line: 1 });
    out[col as InventoryColumn] = i;
    taken.add(i);
  }
  for (const pass of ['exact', 'contains'] as const) {
    for (const col of Object.keys(SYNONYMS) as InventoryColumn[]) {
      if (out[col] !== undefined) continue;
      const i = h.findIndex((x, idx) => !taken.has(idx) && SYNONYMS[col].some((s) => (pass === 'exact' ? x === s : x.split(' ').includes(s.split(' ')[0]) && x.includes(s))));
      if (i >= 0) {
        out[col] = i;
        taken.add(i);
      }
    }
  }
  return out;
}

export function rowToDevice(row: unknown[], cols: Partial<Record<InventoryColumn, number>>, file: string, line: number): DeviceInput | undefined {
  const get = (c: InventoryColumn) => {
    const i = cols[c];
    const v = i === undefined ? undefined : row[i];
    return v === undefined || v === null ? undefined : String(v).trim() || undefined;
  };
  const ref = `line ${line}`;
  const items: EvidenceItem[] = [];
  for (const c of Object.keys(cols) as InventoryColumn[]) {
    const field = FIELD_OF[c];
    const v = get(c);
    if (field && v) items.push({ field, value: v, source: `${file} ${ref} ${c}` });
  }
  if (!items.length && !get('ip')) return undefined;
  const rawMac = get('mac');
  const mac = normaliseMac(rawMac);
  const notes = rawMac && !mac ? [`malformed MAC "${rawMac.slice(0, 40)}" ignored`] : undefined;
  return { ref, ip: get('ip'), mac: mac ?? undefined, hostname: get('hostname'), evidence: { items, notes } };
}

export async function* readInventoryCsv(path: string, map?: Record<string, string>, name = basename(path)): AsyncGenerator<DeviceInput> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, delimiter: sniffDelimiter(await head(path)) }));
  let cols: Partial<Record<InventoryColumn, number>> | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!cols) {
        cols = detectColumns(rec.record, map, name);
        if (cols.mac === undefined && cols.model === undefined && cols.manufacturer === undefined && cols.ip === undefined) {
          throw badInput(`no MAC, IP, manufacturer or model column recognised in the header (${rec.record.slice(0, 8).join(', ')}); use --map`, { file: name, line: 1 });
        }
        continue;
      }
      const d = rowToDevice(rec.record, cols, name, rec.info.lines);
      if (d) yield d;
    }
  } catch (e) {
    if (e instanceof SightlineError) throw e;
    const err = e as Error & { lines?: number };
    throw badInput(`malformed CSV: ${err.message}`, { file: name, line: err.lines });
  }
}

/** XLSX files are zip archives: refuse very large ones before unzipping (zip-bomb guard). */
const XLSX_MAX_BYTES = 50 * 1024 * 1024;

export async function* readInventoryXlsx(path: string, map?: Record<string, string>, name = basename(path)): AsyncGenerator<DeviceInput> {
  const size = (await stat(path)).size;
  if (size > XLSX_MAX_BYTES) throw new SightlineError('UNSAFE_INPUT', `XLSX larger than ${XLSX_MAX_BYTES / 1048576} MB refused`, { file: name });
  const { readSheet } = await import('read-excel-file/node');
  let rows: unknown[][];
  try {
    rows = (await readSheet(path)) as unknown[][];
  } catch (e) {
    throw badInput(`unreadable XLSX: ${(e as Error).message}`, { file: name });
  }
  if (!rows.length) return;
  const cols = detectColumns(rows[0].map((c) => String(c ?? '')), map, name);
  for (let i = 1; i < rows.length; i++) {
    const d = rowToDevice(rows[i], cols, name, i + 1);
    if (d) yield d;
  }
}

async function head(path: string): Promise<string> {
  const s = createReadStream(path, { start: 0, end: 4095, encoding: 'utf8' });
  let t = '';
  for await (const c of s) t += c;
  return t;
}

function sniffDelimiter(sample: string): string {
  const first = sample.split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '\t', '|'].map((d) => [d, first.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}
