/** Small-XML parsing (ONVIF, ISAPI, single replies) with fast-xml-parser: no DOCTYPE, no entity expansion. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SightlineError } from '../errors.ts';

const UNSAFE = /<!DOCTYPE|<!ENTITY/i;

export function refuseUnsafeXml(text: string, file?: string): void {
  if (UNSAFE.test(text)) throw new SightlineError('UNSAFE_INPUT', 'DOCTYPE/ENTITY declarations are refused in XML input', { file });
}

export interface XmlLeaf {
  /** Local name (namespace prefix removed). */
  tag: string;
  value: string;
}

/**
 * Parses XML into its leaves (tag + text) and attribute values. Returns undefined when the XML is not
 * well formed (truncated pastes): callers fall back to tolerant regex extraction.
 */
export function xmlLeaves(text: string, file?: string): XmlLeaf[] | undefined {
  refuseUnsafeXml(text, file);
  if (XMLValidator.validate(text) !== true) return undefined;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return undefined;
  }
  const out: XmlLeaf[] = [];
  walk(doc, '', out);
  return out;
}

function walk(node: unknown, tag: string, out: XmlLeaf[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, tag, out);
    return;
  }
  if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === '#text') walk(v, tag, out);
      else walk(v, k.startsWith('@') ? `${tag}@${k.slice(1)}` : k, out);
    }
    return;
  }
  const value = String(node).trim();
  if (value) out.push({ tag, value });
}

/** Tolerant extraction of `<tag>value</tag>` pairs from broken or truncated XML. */
export function xmlLeavesLoose(text: string): XmlLeaf[] {
  const out: XmlLeaf[] = [];
  for (const m of text.matchAll(/<(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*)?>([^<>]{1,500})<\/(?:[\w.-]+:)?\1\s*>/g)) {
    out.push({ tag: m[1], value: m[2].trim() });
  }
  for (const m of text.matchAll(/\sxmlns(?::[\w.-]+)?="([^"]{1,300})"/g)) out.push({ tag: '@xmlns', value: m[1] });
  return out;
}
