/**
 * XML through one streaming parser (saxes). Any DOCTYPE (and so any ENTITY declaration: billion
 * laughs, external entities) is refused as UNSAFE_INPUT; malformed or truncated XML is BAD_INPUT
 * naming the file and line. Three ways in: events (large files, one record at a time), subtrees
 * (one list entry at a time) and a small tree (single replies, Office parts).
 */
import { SaxesParser } from 'saxes';
import { SightlineError, badInput } from '../errors.ts';

export interface XmlNode {
  /** Local name, namespace prefix dropped. */
  name: string;
  /** Attributes by local name (namespace declarations dropped). */
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** Line of the start tag. */
  line: number;
}

const DTD = /<!DOCTYPE|<!ENTITY/i;
/** The same markers as bytes, in UTF-8 and UTF-16 (any case of DOCTYPE is an XML error anyway). */
const DTD_BYTES = ['<!DOCTYPE', '<!doctype', '<!ENTITY'].flatMap((m) => {
  const le = Buffer.from(m, 'utf16le');
  return [Buffer.from(m, 'utf8'), le, Buffer.from(le).swap16()];
});

function refused(file?: string, line?: number, record?: string): SightlineError {
  return new SightlineError('UNSAFE_INPUT', 'XML declaring a DOCTYPE or entities is refused', { file, line, record });
}

/** For XML held as text that is not (or not only) parsed, e.g. scraped with regular expressions. */
export function refuseDtd(text: string | Buffer, file?: string, record?: string): void {
  if (typeof text === 'string' ? DTD.test(text) : DTD_BYTES.some((b) => text.includes(b))) throw refused(file, undefined, record);
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

export interface XmlTag {
  /** Local name. */
  name: string;
  /** Attributes by local name (namespace declarations dropped), built on first read. */
  readonly attrs: Record<string, string>;
  /** One attribute by local name, as `attrs[name]` gives it, without building `attrs`. */
  attr(name: string): string | undefined;
}

type RawAttribute = { name: string; value: string };
const isNamespaceDeclaration = (qname: string): boolean => qname === 'xmlns' || qname.startsWith('xmlns:');

/**
 * A start tag over saxes's list of its attributes. Building an object per tag with keys read from the file was
 * most of the XML cost of an nmap scan (millions of attributes); readers that want a few look them up instead.
 */
class StartTag implements XmlTag {
  private built: Record<string, string> | undefined;
  constructor(
    readonly name: string,
    private readonly list: RawAttribute[],
  ) {}

  attr(name: string): string | undefined {
    // The last one wins, as in `attrs` (two prefixes may share a local name).
    for (let i = this.list.length - 1; i >= 0; i--) {
      const a = this.list[i]!;
      if (localName(a.name) === name && !isNamespaceDeclaration(a.name)) return a.value;
    }
    return undefined;
  }

  get attrs(): Record<string, string> {
    if (!this.built) {
      this.built = {};
      for (const a of this.list) if (!isNamespaceDeclaration(a.name)) this.built[localName(a.name)] = a.value;
    }
    return this.built;
  }
}

export interface XmlHandlers {
  open?(tag: XmlTag): void;
  text?(text: string): void;
  close?(name: string): void;
}

export interface XmlStream {
  write(chunk: string): void;
  /** Ends the document: unclosed elements are a BAD_INPUT error. */
  close(): void;
  readonly line: number;
  /** Elements open right now. */
  readonly depth: number;
}

/**
 * A push parser over `handlers`. `describe` rewords the parser's complaint (e.g. "after 12 hosts").
 * Errors thrown by the handlers pass through unchanged.
 */
export function xmlStream(file: string | undefined, handlers: XmlHandlers, describe = (detail: string) => `malformed XML: ${detail}`): XmlStream {
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  const malformed = (msg: string) => badInput(describe(msg.replace(/^[^:]*:\d+:\d+: /, '')), { file, line: parser.line });
  parser.on('doctype', () => {
    throw refused(file, parser.line);
  });
  parser.on('error', (err) => {
    throw malformed(err.message);
  });
  let attributes: RawAttribute[] = [];
  takeAttributes(parser, (list) => {
    attributes = list;
  });
  parser.on('opentag', (tag) => {
    depth++;
    handlers.open?.(new StartTag(localName(tag.name), attributes));
  });
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close?.(localName(tag.name));
  });
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof SightlineError) throw err;
      throw malformed((err as Error).message);
    }
  };
  return {
    write: (chunk) => guard(() => parser.write(chunk)),
    close: () => guard(() => parser.close()),
    get line() {
      return parser.line;
    },
    get depth() {
      return depth;
    },
  };
}

/** The parts of saxes 6 (namespaces off) that takeAttributes replaces: its list of a tag's attributes and its error. */
interface SaxesAttributeStep {
  attribList: RawAttribute[];
  processAttribs: () => void;
  fail(message: string): void;
}

/**
 * Hands each start tag's attribute list to `take` before `opentag`, in place of saxes copying it into a
 * prototype-less object (unused here, and slow to fill and enumerate). Duplicates are refused with saxes's message.
 */
function takeAttributes(parser: SaxesParser, take: (list: RawAttribute[]) => void): void {
  const step = parser as unknown as SaxesAttributeStep;
  step.processAttribs = () => {
    const list = step.attribList;
    const seen = list.length > 8 ? new Set<string>() : undefined;
    for (let i = 0; i < list.length; i++) {
      const name = list[i]!.name;
      if (seen ? seen.has(name) : earlierName(list, i, name)) step.fail(`duplicate attribute: ${name}.`);
      seen?.add(name);
    }
    step.attribList = [];
    take(list);
  };
}

function earlierName(list: RawAttribute[], before: number, name: string): boolean {
  for (let j = 0; j < before; j++) if (list[j]!.name === name) return true;
  return false;
}

/** Builds subtrees for elements whose name is in `roots` (or every element when `roots` is undefined). */
function treeBuilder(line: () => number, roots: Set<string> | undefined, onRoot?: (name: string) => void) {
  const stack: XmlNode[] = [];
  const ready: XmlNode[] = [];
  let seenRoot = false;
  const handlers: XmlHandlers = {
    open(tag) {
      if (!seenRoot) {
        seenRoot = true;
        onRoot?.(tag.name);
      }
      if (!stack.length && roots && !roots.has(tag.name)) return;
      const node: XmlNode = { name: tag.name, attrs: tag.attrs, text: '', children: [], line: line() };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    },
    text(t) {
      const top = stack.at(-1);
      if (top) top.text += t;
    },
    close() {
      const node = stack.pop();
      if (node && stack.length === 0) ready.push(node);
    },
  };
  return { handlers, ready, seenRoot: () => seenRoot };
}

/**
 * Streams the subtrees whose element name is in `roots` (at any depth, not nested in another root),
 * so memory stays flat on large files. `onRoot` gets the document element's name first, so a reader
 * can reject the wrong document type early.
 */
export async function* xmlSubtrees(text: AsyncIterable<string>, file: string, roots: Set<string>, onRoot?: (name: string) => void): AsyncGenerator<XmlNode> {
  let stream: XmlStream | undefined;
  const tree = treeBuilder(() => stream?.line ?? 0, roots, onRoot);
  stream = xmlStream(file, tree.handlers);
  for await (const chunk of text) {
    stream.write(chunk);
    while (tree.ready.length) yield tree.ready.shift()!;
  }
  if (!tree.seenRoot()) throw badInput('no XML document element', { file });
  if (stream.depth !== 0) throw badInput('truncated XML (unclosed elements at end of file)', { file, line: stream.line });
  stream.close();
  while (tree.ready.length) yield tree.ready.shift()!;
}

/** A small document as one tree (its document element). */
export function parseXml(text: string, file?: string): XmlNode {
  let stream: XmlStream | undefined;
  const tree = treeBuilder(() => stream?.line ?? 0, undefined);
  stream = xmlStream(file, tree.handlers);
  stream.write(text);
  stream.close();
  const root = tree.ready[0];
  if (!root) throw badInput('no XML document element', { file });
  return root;
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
