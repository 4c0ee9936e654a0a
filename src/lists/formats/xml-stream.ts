/**
 * List files as streamed XML subtrees (one list entry at a time), through the shared XML reader
 * (src/io/xml.ts), which refuses DOCTYPE/entities and names the file and line of malformed XML.
 */
import { xmlSubtrees as subtrees, type XmlNode } from '../../io/xml.ts';
import type { ListFile } from '../format.ts';
import { readText } from '../input.ts';

export function xmlSubtrees(file: ListFile, roots: Set<string>, onRoot?: (name: string) => void): AsyncGenerator<XmlNode> {
  return subtrees(readText(file), file.name, roots, onRoot);
}
