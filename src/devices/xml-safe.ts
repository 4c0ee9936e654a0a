/**
 * Small-XML parsing (ONVIF, ISAPI, single replies) through the shared XML reader (src/io/xml.ts):
 * no DOCTYPE, no entity expansion. Leaves are (tag, text) and (tag@attribute, value) pairs.
 */
import { SightlineError } from '../errors.ts';
import { parseXml, refuseDtd, type XmlNode } from '../io/xml.ts';

/** Refuses DOCTYPE/ENTITY declarations in XML that is also scraped with regular expressions. */
export function refuseUnsafeXml(text: string, file?: string): void {
  refuseDtd(text, file);
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
  refuseDtd(text, file);
  let root: XmlNode;
  try {
    root = parseXml(text, file);
  } catch (err) {
    if (err instanceof SightlineError && err.code === 'UNSAFE_INPUT') throw err;
    return undefined;
  }
  const out: XmlLeaf[] = [];
  walk(root, out);
  return out;
}

function walk(node: XmlNode, out: XmlLeaf[]): void {
  for (const [k, v] of Object.entries(node.attrs)) if (v.trim()) out.push({ tag: `${node.name}@${k}`, value: v.trim() });
  const own = node.text.trim();
  if (own) out.push({ tag: node.name, value: own });
  for (const c of node.children) walk(c, out);
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
