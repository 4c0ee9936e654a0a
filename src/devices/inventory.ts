/**
 * Asset-inventory CSV/XLSX: columns detected from their headers (MAC, IP, hostname, manufacturer,
 * model, serial, firmware), overridable with `map` ({ mac: 'NIC address', model: 'Part no' }).
 */
import { basename } from 'node:path';
import { SightlineError, badInput } from '../errors.ts';
import { csvRecords, detectColumns as detectIndices, readText, readXlsx } from '../io/index.ts';
import type { DeviceInput, EvidenceField, EvidenceItem } from './types.ts';
import { normaliseMac } from './mac.ts';

export type InventoryColumn = 'mac' | 'ip' | 'hostname' | 'manufacturer' | 'model' | 'serial' | 'firmware' | 'description';

const SYNONYMS: Record<InventoryColumn, string[]> = {
  mac: ['mac', 'macaddress', 'mac address', 'hwaddress', 'hardware address', 'physical address', 'ethernet', 'mac addr', 'lan mac', 'MAC地址', '物理地址'],
  ip: ['ip', 'ipaddress', 'ip address', 'ipv4', 'ipv4 address', 'address', 'host ip', 'mgmt ip', 'management ip', 'IP地址'],
  hostname: ['hostname', 'host', 'host name', 'name', 'device name', 'devicename', 'dns name', 'fqdn', 'asset name', 'asset', '主机名', '设备名称', '名称'],
  manufacturer: ['manufacturer', 'vendor', 'make', 'brand', 'mfr', 'mfg', 'oem', 'maker', '厂商', '制造商', '生产厂家', '品牌'],
  model: ['model', 'model number', 'model no', 'modelnumber', 'model name', 'product', 'part number', 'part no', 'sku', 'device model', '型号', '设备型号'],
  serial: ['serial', 'serial number', 'serialnumber', 'serial no', 's/n', 'sn', '序列号'],
  firmware: ['firmware', 'firmware version', 'fw', 'fw version', 'software version', 'version', '固件版本', '版本'],
  description: ['description', 'notes', 'comment', 'comments', 'type', 'device type', 'category', '描述', '备注', '设备类型'],
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

/** Header index per column: the `map` override first, then exact synonyms, then the first header containing one. */
export function detectColumns(headers: string[], map: Record<string, string> = {}, file?: string): Partial<Record<InventoryColumn, number>> {
  for (const col of Object.keys(map)) {
    if (!(col in SYNONYMS))
      throw new SightlineError('USAGE', `unknown inventory column "${col}" in map (known: ${Object.keys(SYNONYMS).join(', ')})`, { file });
  }
  return detectIndices(
    headers.map((x) => String(x ?? '')),
    SYNONYMS,
    map as Partial<Record<InventoryColumn, string>>,
    { contains: true, file },
  );
}

function requireDeviceColumns(cols: Partial<Record<InventoryColumn, number>>, header: unknown[], file: string): void {
  if (cols.mac === undefined && cols.model === undefined && cols.manufacturer === undefined && cols.ip === undefined) {
    throw badInput(`no MAC, IP, manufacturer or model column recognised in the header (${header.slice(0, 8).join(', ')}); use --map`, { file, line: 1 });
  }
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

/** CSV in any encoding and with any common delimiter, through the shared CSV reader. */
export async function* readInventoryCsv(path: string, map?: Record<string, string>, name = basename(path)): AsyncGenerator<DeviceInput> {
  let cols: Partial<Record<InventoryColumn, number>> | undefined;
  for await (const rec of csvRecords(readText(path, name), name, { relaxColumnCount: true })) {
    if (!cols) {
      cols = detectColumns(rec.fields, map, name);
      requireDeviceColumns(cols, rec.fields, name);
      continue;
    }
    const d = rowToDevice(rec.fields, cols, name, rec.line);
    if (d) yield d;
  }
}

/** The first sheet of a workbook, through the shared XLSX reader (ZIP guard, grid limits). */
export async function* readInventoryXlsx(path: string, map?: Record<string, string>, name = basename(path)): AsyncGenerator<DeviceInput> {
  const [sheet] = await readXlsx(path, name);
  const rows = sheet?.rows ?? [];
  if (!rows.length) return;
  const cols = detectColumns(
    rows[0]!.cells.map((c) => String(c ?? '')),
    map,
    name,
  );
  for (const r of rows.slice(1)) {
    const d = rowToDevice(r.cells, cols, name, r.row);
    if (d) yield d;
  }
}
