/**
 * Streaming reader for nmap -oX output (saxes): one host at a time, flat memory on a /16 scan.
 * DOCTYPE is refused; undeclared entities are a parse error. nmap leaves a partial file when it is
 * interrupted: every complete <host> is yielded, then a TruncatedInputError says after how many.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';
import { SightlineError } from '../errors.ts';
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
  const parser = new SaxesParser({ position: true });
  const ready: DeviceInput[] = [];
  let host: NmapHost | undefined;
  let port: NmapPort | undefined;
  let inScript: { id: string; output: string } | undefined;
  let sawRoot = false;
  let rootClosed = false;
  let cpeText: string | undefined;
  let hosts = 0;

  parser.on('doctype', () => {
    throw new SightlineError('UNSAFE_INPUT', 'DOCTYPE declarations are refused in XML input', { file: name, line: parser.line });
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'nmaprun':
        sawRoot = true;
        break;
      case 'host':
        host = { addresses: [], hostnames: [], ports: [], hostscripts: [], osmatches: [], line: parser.line };
        break;
      case 'status':
        if (host) host.status = a.state;
        break;
      case 'address':
        if (host && a.addr) host.addresses.push({ addr: a.addr, addrtype: a.addrtype ?? 'ipv4', vendor: a.vendor });
        break;
      case 'hostname':
        if (host && a.name) host.hostnames.push(a.name);
        break;
      case 'port':
        if (host) port = { protocol: a.protocol ?? 'tcp', portid: a.portid ?? '?', cpes: [], scripts: [] };
        break;
      case 'state':
        if (port) port.state = a.state;
        break;
      case 'service':
        if (port) port.service = { ...a };
        break;
      case 'cpe':
        cpeText = '';
        break;
      case 'script':
        if (host) inScript = { id: a.id ?? '', output: a.output ?? '' };
        break;
      case 'osmatch':
        if (host && a.name) host.osmatches.push(a.name);
        break;
    }
  });
  parser.on('text', (t) => {
    if (cpeText !== undefined) cpeText += t;
  });
  parser.on('closetag', (tag) => {
    switch (tag.name) {
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
        if (host) hosts++;
        host = undefined;
        break;
      case 'nmaprun':
        rootClosed = true;
        break;
    }
  });

  const fail = (e: unknown): never => {
    if (e instanceof SightlineError) throw e;
    throw new SightlineError('BAD_INPUT', `malformed nmap XML after ${hosts} hosts: ${(e as Error).message.replace(/^.*?:\d+:\d+: /, '')}`, { file: name, line: parser.line });
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      try {
        parser.write(chunk as string);
      } catch (e) {
        fail(e);
      }
      while (ready.length) yield ready.shift()!;
    }
  } finally {
    stream.destroy();
  }
  if (!sawRoot) throw new SightlineError('UNKNOWN_FORMAT', 'not an nmap XML file (no <nmaprun> element)', { file: name });
  if (!rootClosed) throw new TruncatedInputError(name, hosts, parser.line, 'the file ends before </nmaprun>; nmap was probably interrupted');
  try {
    parser.close();
  } catch (e) {
    fail(e);
  }
  while (ready.length) yield ready.shift()!;
}
