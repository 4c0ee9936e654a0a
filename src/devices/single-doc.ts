/** Files holding one device's reply: ONVIF GetDeviceInformation / WS-Discovery, raw HTTP response headers. */
import type { DeviceInput } from './types.ts';
import { onvifScopes, parseHttpHeaders, parseXmlDoc } from './text-evidence.ts';
import { refuseUnsafeXml } from './xml-safe.ts';
import { findMacs } from './mac.ts';

/** One device per WS-Discovery ProbeMatch, or one for a GetDeviceInformation reply. */
export function parseOnvif(text: string, file: string): DeviceInput[] {
  refuseUnsafeXml(text, file);
  const matches = [...text.matchAll(/<(?:[\w-]+:)?ProbeMatch\b[\s\S]*?<\/(?:[\w-]+:)?ProbeMatch>/g)];
  if (matches.length) {
    return matches.map((m, i) => {
      const block = m[0];
      const scopes = /<(?:[\w-]+:)?Scopes[^>]*>([^<]*)</.exec(block)?.[1] ?? '';
      const xaddr = /<(?:[\w-]+:)?XAddrs[^>]*>([^<]*)</.exec(block)?.[1] ?? '';
      const ip = /\/\/(\d{1,3}(?:\.\d{1,3}){3})/.exec(xaddr)?.[1];
      const items = [...onvifScopes(scopes, `${file} ProbeMatch ${i + 1}`), { field: 'text' as const, value: block, source: `${file} ProbeMatch ${i + 1}` }];
      const mac = items.find((x) => x.field === 'mac')?.value;
      return { ref: ip ?? `ProbeMatch ${i + 1}`, ip, mac, evidence: { items } };
    });
  }
  const doc = parseXmlDoc(text, file, file);
  const items = [...doc.items, { field: 'text' as const, value: text, source: file }];
  return [{ ref: file, mac: findMacs(text)[0], evidence: { items, notes: doc.complete ? undefined : ['the XML is not well formed (truncated?)'] } }];
}

export function parseHttpResponse(text: string, file: string): DeviceInput[] {
  const items = [...parseHttpHeaders(text, file), { field: 'http-body' as const, value: text, source: file }];
  return [{ ref: file, evidence: { items } }];
}
