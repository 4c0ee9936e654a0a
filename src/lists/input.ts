/**
 * Text input for the importers, through the shared input layer (src/io): a file as decoded text chunks
 * whatever its encoding, binary files refused naming the file, memory flat. List-specific: OFAC's
 * trailing 0x1A end-of-file byte is dropped, and JSON lines come with their line numbers.
 */
import { basename } from 'node:path';
import { decodeBytes, readHead as readHeadBytes, readText as readFileText } from '../io/encoding.ts';
import type { ListFile } from './format.ts';

export function listFile(path: string): ListFile {
  return { path, name: basename(path) };
}

/** Reads the first `bytes` of a file, decoded (for format detection). */
export async function readHead(path: string, bytes = 4096): Promise<string> {
  return decodeBytes(await readHeadBytes(path, bytes), basename(path)).text;
}

/** Streams a file as decoded text chunks. */
export async function* readText(file: ListFile, chunkSize = 256 * 1024): AsyncGenerator<string> {
  for await (const text of readFileText(file.path, file.name, chunkSize)) {
    const clean = stripEof(text);
    if (clean) yield clean;
  }
}

/** OFAC legacy files end with a DOS end-of-file byte (0x1A); it is never content. */
function stripEof(text: string): string {
  return text.includes('\x1a') ? text.replace(/\x1a/g, '') : text;
}

/** Streams a file line by line (1-based line numbers), for JSON lines. */
export async function* readLines(file: ListFile): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  for await (const chunk of readText(file)) {
    rest += chunk;
    let start = 0;
    let idx: number;
    while ((idx = rest.indexOf('\n', start)) >= 0) {
      line++;
      yield { line, text: rest.slice(start, idx).replace(/\r$/, '') };
      start = idx + 1;
    }
    rest = rest.slice(start);
  }
  if (rest.length) yield { line: line + 1, text: rest.replace(/\r$/, '') };
}
