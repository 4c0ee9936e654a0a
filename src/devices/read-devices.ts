/**
 * readDevices(paths): every supported input, auto-detected from its name and first bytes (or forced
 * with `format`), as one async stream of devices with their evidence. nmap XML is streamed; the
 * other formats are small and read whole (capped).
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SightlineError } from '../errors.ts';
import { decodeBytes, readHead, SNIFF_BYTES } from '../io/encoding.ts';
import type { DeviceInput, InputFormat } from './types.ts';
import { readNmapXml } from './nmap-xml.ts';
import { readInventoryCsv, readInventoryXlsx } from './inventory.ts';
import { parseArp, parseDhcpdLeases, parseDnsmasqLeases } from './leases.ts';
import { parseHttpResponse, parseOnvif } from './single-doc.ts';

export interface ReadDevicesOptions {
  format?: InputFormat;
  /** Inventory column override: { mac: 'NIC', model: 'Part no' }. */
  map?: Record<string, string>;
}

/** Text formats other than nmap XML and CSV are read whole: refuse absurd sizes. */
const WHOLE_FILE_MAX = 64 * 1024 * 1024;

export async function* readDevices(paths: string[], opts: ReadDevicesOptions = {}): AsyncGenerator<DeviceInput> {
  for (const path of paths) {
    const name = basename(path);
    let info: Stats;
    try {
      info = await stat(path);
    } catch {
      throw new SightlineError('NOT_FOUND', 'file not found', { file: path });
    }
    if (!info.isFile()) throw new SightlineError('USAGE', 'not a regular file', { file: path });
    const format = opts.format ?? (await detectFormat(path));
    switch (format) {
      case 'nmap':
        yield* readNmapXml(path, name);
        break;
      case 'inventory':
        if (/\.xlsx$/i.test(path)) yield* readInventoryXlsx(path, opts.map, name);
        else yield* readInventoryCsv(path, opts.map, name);
        break;
      default: {
        if (info.size > WHOLE_FILE_MAX)
          throw new SightlineError('UNSAFE_INPUT', `file larger than ${WHOLE_FILE_MAX / 1048576} MB refused for format ${format}`, { file: name });
        const { text } = decodeBytes(await readFile(path), name);
        yield* parseWhole(format, text, name);
      }
    }
  }
}

export function parseWhole(format: InputFormat, text: string, name: string): DeviceInput[] {
  switch (format) {
    case 'dhcpd':
      return parseDhcpdLeases(text, name);
    case 'dnsmasq':
      return parseDnsmasqLeases(text, name);
    case 'arp':
      return parseArp(text, name);
    case 'onvif':
      return parseOnvif(text, name);
    case 'http':
      return parseHttpResponse(text, name);
    default:
      throw new SightlineError('USAGE', `format ${format} is not read as a whole file`, { file: name });
  }
}

export async function detectFormat(path: string): Promise<InputFormat> {
  const name = basename(path).toLowerCase();
  const ext = extname(name);
  if (ext === '.xlsx') return 'inventory';
  const head = await sniff(path);
  if (/^PK\x03\x04/.test(head)) return 'inventory';
  if (/<nmaprun\b/.test(head) || (ext === '.xml' && /<!DOCTYPE nmaprun/i.test(head))) return 'nmap';
  if (/Envelope|ProbeMatch|GetDeviceInformationResponse|onvif/i.test(head) && head.trimStart().startsWith('<')) return 'onvif';
  // Leading blanks as [ \t]*, not \s*: with /m, \s* runs on over every blank line that follows, from every line
  // start (a fuzz input of 19,000 blank lines hung here); the lease line is a line start of its own.
  if (/^[ \t]*lease\s+[0-9a-f.:]+\s*\{/im.test(head) || name.includes('dhcpd')) return 'dhcpd';
  if (/^\d{9,11}\s+(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\s+\S+\s+\S+/im.test(head)) return 'dnsmasq';
  if (/^\s*(?:HTTP\/\d|RTSP\/\d)/.test(head)) return 'http';
  if (/\bat\s+(?:[0-9a-f]{1,2}:){5}[0-9a-f]{1,2}\b|\blladdr\b|^[ \t]*Internet\s+\d|Interface:\s+\d+\.\d+\.\d+\.\d+/im.test(head)) return 'arp';
  if (ext === '.csv' || ext === '.tsv' || headerLike(head)) return 'inventory';
  throw new SightlineError(
    'UNKNOWN_FORMAT',
    'unrecognised device input (nmap XML, inventory CSV/XLSX, dhcpd/dnsmasq leases, ARP table, ONVIF XML or HTTP headers); use --format',
    { file: basename(path) },
  );
}

/** The first bytes as Latin-1: enough for the patterns above whatever the encoding, binary-safe. */
/** A first line naming an inventory column, with a delimiter after it (a search, not one backtracking regex). */
function headerLike(head: string): boolean {
  const first = head.slice(0, head.indexOf('\n') + 1 || head.length);
  const at = first.search(/mac|model|manufacturer|vendor|hostname/i);
  return at >= 0 && /[,;\t]/.test(first.slice(at));
}

async function sniff(path: string): Promise<string> {
  // 64 KB, not 8: a DOCTYPE hidden after a long comment must still route the file to the nmap reader.
  return (await readHead(path, SNIFF_BYTES)).toString('latin1');
}
