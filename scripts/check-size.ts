// Size check for src/: files over MAX_FILE lines and functions over MAX_FUNCTION lines.
// A long function passes when the comment block directly above it (or above the statement
// that holds it) contains "long:" followed by the reason. Long files are reported and fail.
// Usage: tsx scripts/check-size.ts [root=src]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FILE = 400;
const MAX_FUNCTION = 80;
const REASON = /\blong:\s*\S/i;

interface LongFunction {
  file: string;
  line: number;
  name: string;
  length: number;
  reason: string | undefined;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out.sort();
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** A readable name: the declared name, or what an anonymous function is assigned or passed to. */
function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(sf);
  }
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(sf).replace(/\s+/g, '');
    return `<callback of ${callee.length > 60 ? `…${callee.slice(-60)}` : callee}>`;
  }
  return '<anonymous>';
}

/** The comment lines directly above `line` (0-based), nearest last; blank lines end the block. */
function commentAbove(lines: string[], line: number): string {
  const block: string[] = [];
  for (let i = line - 1; i >= 0; i--) {
    const text = lines[i].trim();
    if (text.startsWith('//') || text.startsWith('/*') || text.startsWith('*')) block.unshift(text);
    else break;
  }
  return block.join('\n');
}

/** The statement or class member that holds the function, so a comment above `export const f = (...) =>` counts. */
function holder(node: ts.Node): ts.Node {
  let current: ts.Node = node;
  while (current.parent && !ts.isSourceFile(current.parent) && !ts.isBlock(current.parent) && !ts.isClassLike(current.parent)) {
    if (ts.isStatement(current) || ts.isClassElement(current)) break;
    current = current.parent;
  }
  return current;
}

function reasonFor(node: ts.Node, sf: ts.SourceFile, lines: string[]): string | undefined {
  for (const anchor of [node, holder(node)]) {
    const line = sf.getLineAndCharacterOfPosition(anchor.getStart(sf)).line;
    const match = commentAbove(lines, line).match(/\blong:\s*(.*)/i);
    if (match && REASON.test(match[0])) return match[1].replace(/\*\/\s*$/, '').trim();
  }
  return undefined;
}

function longFunctions(path: string, text: string): LongFunction[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > MAX_FUNCTION) {
        const name = functionName(node, sf);
        found.push({ file: path, line: start + 1, name, length, reason: reasonFor(node, sf, lines) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function main(): number {
  const root = process.argv[2] ?? 'src';
  const longFiles: string[] = [];
  const functions: LongFunction[] = [];
  for (const path of sourceFiles(root)) {
    const text = readFileSync(path, 'utf8');
    const count = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (count > MAX_FILE) longFiles.push(`${relative('.', path)}: ${count} lines`);
    functions.push(...longFunctions(relative('.', path), text));
  }
  for (const file of longFiles) console.log(`file over ${MAX_FILE} lines  ${file}`);
  for (const f of functions) {
    const status = f.reason ? `ok (long: ${f.reason})` : 'NO REASON';
    console.log(`function over ${MAX_FUNCTION} lines  ${f.file}:${f.line}  ${f.name}  ${f.length} lines  ${status}`);
  }
  const unexplained = functions.filter((f) => !f.reason).length;
  console.log(
    `${longFiles.length} file(s) over ${MAX_FILE} lines, ${functions.length} function(s) over ${MAX_FUNCTION} lines, ${unexplained} without a "// long:" reason`,
  );
  return longFiles.length > 0 || unexplained > 0 ? 1 : 0;
}

process.exitCode = main();
