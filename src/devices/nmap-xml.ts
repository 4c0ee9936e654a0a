/**
 * Streaming reader for nmap -oX output through the shared XML reader (src/io/xml.ts): one host at a
 * time, flat memory on a /16 scan. DOCTYPE is refused; undeclared entities are a parse error. nmap
 * leaves a partial file when it is interrupted: every complete <host> is yielded, then a
 * TruncatedInputError says after how many.
 */
import { basename } from 'node:path';
import { SightlineError } from '../errors.ts';
import { readText, xmlStream, type XmlTag } from '../io/index.ts';
import type { DeviceInput } from './types.ts';
import { nmapHostToDevice, type NmapHost, type NmapPort } from './nmap-host.ts';

/** Input that ended early; `hosts` complete records were read before the cut. */
export class TruncatedInputError extends SightlineError {
  readonly hosts: number;
  constructor(file: string, hosts: number, line: number, detail: string) {
    super('BAD_INPUT', `truncated after ${hosts} hosts (${detail})`, { file, line });
    this.name = 'TruncatedInputError';
    this.hosts = hosts;
  }
}

export async function* readNmapXml(path: string, name = basename(path)): AsyncGenerator<DeviceInput> {
  const ready: DeviceInput[] = [];
  const state = { hosts: 0, sawRoot: false, rootClosed: false };
  const parser = xmlStream(
    name,
    nmapHandlers(name, ready, state, () => parser.line),
    (detail) => `malformed nmap XML after ${state.hosts} hosts: ${detail}`,
  );
  for await (const chunk of readText(path, name)) {
    parser.write(chunk);
    while (ready.length) yield ready.shift()!;
  }
  if (!state.sawRoot) throw new SightlineError('UNKNOWN_FORMAT', 'not an nmap XML file (no <nmaprun> element)', { file: name });
  if (!state.rootClosed) throw new TruncatedInputError(name, state.hosts, parser.line, 'the file ends before </nmaprun>; nmap was probably interrupted');
  parser.close();
  while (ready.length) yield ready.shift()!;
}

/** Builds hosts from nmap's elements; completed hosts that are not down go to `ready`. */
function nmapHandlers(name: string, ready: DeviceInput[], state: { hosts: number; sawRoot: boolean; rootClosed: boolean }, line: () => number) {
  let host: NmapHost | undefined;
  let port: NmapPort | undefined;
  let inScript: { id: string; output: string } | undefined;
  let cpeText: string | undefined;
  // Attributes read one by one (tag.attr): an object of all of them per element cost more than the rest of the reading.
  const open = (tag: XmlTag) => {
    const a = (name: string) => tag.attr(name);
    let value: string | undefined;
    switch (tag.name) {
      case 'nmaprun':
        state.sawRoot = true;
        break;
      case 'host':
        host = { addresses: [], hostnames: [], ports: [], hostscripts: [], osmatches: [], line: line() };
        break;
      case 'status':
        if (host) host.status = a('state');
        break;
      case 'address':
        if (host && (value = a('addr'))) host.addresses.push({ addr: value, addrtype: a('addrtype') ?? 'ipv4', vendor: a('vendor') });
        break;
      case 'hostname':
        if (host && (value = a('name'))) host.hostnames.push(value);
        break;
      case 'port':
        if (host) port = { protocol: a('protocol') ?? 'tcp', portid: a('portid') ?? '?', cpes: [], scripts: [] };
        break;
      case 'state':
        if (port) port.state = a('state');
        break;
      case 'service':
        if (port) port.service = tag.attrs;
        break;
      case 'cpe':
        cpeText = '';
        break;
      case 'script':
        if (host) inScript = { id: a('id') ?? '', output: a('output') ?? '' };
        break;
      case 'osmatch':
        if (host && (value = a('name'))) host.osmatches.push(value);
        break;
    }
  };
  const close = (tag: string) => {
    switch (tag) {
      case 'cpe':
        if (port && cpeText) port.cpes.push(cpeText.trim());
        cpeText = undefined;
        break;
      case 'script':
        if (inScript && host) (port ? port.scripts : host.hostscripts).push(inScript);
        inScript = undefined;
        break;
      case 'port':
        if (host && port) host.ports.push(port);
        port = undefined;
        break;
      case 'host':
        if (host && host.status !== 'down') ready.push(nmapHostToDevice(host, name));
        if (host) state.hosts++;
        host = undefined;
        break;
      case 'nmaprun':
        state.rootClosed = true;
        break;
    }
  };
  const text = (t: string) => {
    if (cpeText !== undefined) cpeText += t;
  };
  return { open, close, text };
}
