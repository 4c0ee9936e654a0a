/**
 * Safe streaming XML for list files (saxes): refuses any DOCTYPE (and so any ENTITY declaration) with
 * UNSAFE_INPUT, reports malformed or truncated XML as BAD_INPUT naming the file and line, and hands out
 * only small subtrees (one list entry at a time) so memory stays flat on large files.
 */
import { SaxesParser } from 'saxes';
import { badInput, SightlineError } from '../../errors.ts';
import type { ListFile } from '../format.ts';
import { readText } from '../input.ts';

export interface XmlNode {
  /** Local name, namespace prefix dropped. */
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** Direct children with this local name. */
export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

export function kid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Text of a direct child (trimmed), or undefined when missing or empty. */
export function kidText(node: XmlNode | undefined, name: string): string | undefined {
  const t = kid(node, name)?.text.trim();
  return t || undefined;
}

/** All descendants with this local name (depth-first). */
export function findAll(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

const local = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * Streams the subtrees whose element name is in `roots` (at any depth, not nested in another root).
 * `onRoot` gets the document element's name first, so a reader can reject the wrong document type early.
 */
export async function* xmlSubtrees(file: ListFile, roots: Set<string>, onRoot?: (name: string) => void): AsyncGenerator<XmlNode> {
  const parser = new SaxesParser({ position: true });
  const ready: XmlNode[] = [];
  const stack: XmlNode[] = [];
  let depth = 0;
  let seenRoot = false;
  let failure: Error | undefined;
  const where = () => ({ file: file.name, line: parser.line });

  parser.on('doctype', () => {
    throw new SightlineError('UNSAFE_INPUT', 'XML with a DOCTYPE or ENTITY declaration is refused', where());
  });
  parser.on('error', (err) => {
    throw failure ?? badInput(`malformed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`, where());
  });
  parser.on('opentag', (tag) => {
    depth++;
    const name = local(tag.name);
    if (!seenRoot) {
      seenRoot = true;
      onRoot?.(name);
    }
    if (stack.length || roots.has(name)) {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = typeof v === 'string' ? v : v.value;
      const node: XmlNode = { name, attrs, text: '', children: [] };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    }
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    const node = stack.pop();
    if (node && stack.length === 0) ready.push(node);
  });

  try {
    for await (const chunk of readText(file)) {
      parser.write(chunk);
      while (ready.length) yield ready.shift()!;
    }
    parser.close();
    while (ready.length) yield ready.shift()!;
  } catch (err) {
    if (err instanceof SightlineError) throw err;
    throw badInput(`malformed XML: ${(err as Error).message}`, where());
  }
  if (!seenRoot) throw badInput('no XML document element', { file: file.name });
  if (depth !== 0) throw badInput('truncated XML (unclosed elements at end of file)', { file: file.name, line: parser.line });
}
