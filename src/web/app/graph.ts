/// <reference lib="dom" />
/** Inline SVG drawings: the path from a screened row to a listed party, and an entity's neighbourhood. */
import { s } from './dom.ts';

export interface GraphNode {
  label: string;
  sub?: string;
  tone: 'input' | 'party' | 'listed';
  href?: string;
}

const W = 220;
const GAP = 150;
/** Font sizes are set in app.css (≥ 12 px); line heights and characters per line follow from them. */
const LABEL_LINE = 16;
const SUB_LINE = 15;
const EDGE_LINE = 14;
const LABEL_UNITS = 27;
const SUB_UNITS = 31;
const EDGE_UNITS = 22;

/** Visual width: wide (CJK) characters count double. */
function units(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
}

/** Every word of the text on lines of at most `max` units, broken at spaces (inside a word only when it is longer than a line): nothing is cut off. */
export function wrapLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = [...word].reduce((a, ch) => a + units(ch), 0);
    if (line && width + 1 + w <= max) {
      line += ` ${word}`;
      width += 1 + w;
      continue;
    }
    if (line) lines.push(line);
    [line, width] = ['', 0];
    for (const ch of word) {
      if (width + units(ch) > max) {
        lines.push(line);
        [line, width] = ['', 0];
      }
      line += ch;
      width += units(ch);
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Height of a node box holding its label and sub-line in full. */
function nodeHeight(n: GraphNode): number {
  return 12 + wrapLines(n.label, LABEL_UNITS).length * LABEL_LINE + (n.sub ? wrapLines(n.sub, SUB_UNITS).length * SUB_LINE : 0) + 8;
}

function node(n: GraphNode, x: number, y: number, height: number): SVGElement {
  const label = wrapLines(n.label, LABEL_UNITS);
  const sub = n.sub ? wrapLines(n.sub, SUB_UNITS) : [];
  const subTop = y + 12 + label.length * LABEL_LINE;
  const box = s(
    'g',
    { class: `node node-${n.tone}` },
    s('title', null, n.sub ? `${n.label} — ${n.sub}` : n.label),
    s('rect', { x, y, width: W, height, rx: 6 }),
    ...label.map((line, i) => s('text', { x: x + 10, y: y + 7 + (i + 1) * LABEL_LINE, class: 'node-label' }, line)),
    ...sub.map((line, i) => s('text', { x: x + 10, y: subTop + (i + 1) * SUB_LINE - 2, class: 'node-sub' }, line)),
  );
  if (!n.href) return box;
  return s('a', { href: n.href }, box);
}

/** An arrow with its label in full, on as many lines as it needs, stacked above the middle of the line. */
function arrow(x1: number, y1: number, x2: number, y2: number, label?: string): SVGElement {
  const lines = label ? wrapLines(label, EDGE_UNITS) : [];
  const top = (y1 + y2) / 2 - 8 - (lines.length - 1) * EDGE_LINE;
  return s(
    'g',
    { class: 'edge' },
    s('line', { x1, y1, x2, y2, 'marker-end': 'url(#arrow)' }),
    ...lines.map((line, i) => s('text', { x: (x1 + x2) / 2, y: top + i * EDGE_LINE, 'text-anchor': 'middle', class: 'edge-label' }, line)),
  );
}

/** Room above the boxes for edge labels of up to this many lines. */
function edgeRoom(labels: (string | undefined)[]): number {
  return Math.max(1, ...labels.map((l) => (l ? wrapLines(l, EDGE_UNITS).length : 1))) * EDGE_LINE;
}

function defs(): SVGElement {
  return s(
    'defs',
    null,
    s(
      'marker',
      { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
    ),
  );
}

/** Left to right: input row → matched party → owner/parent/maker … → listed party. `edges[i]` labels the link from node i to i+1. */
export function pathGraph(nodes: GraphNode[], edges: string[], title: string): SVGElement {
  const width = nodes.length * W + (nodes.length - 1) * GAP + 20;
  const H = Math.max(66, ...nodes.map(nodeHeight));
  const top = Math.max(20, edgeRoom(edges) + 16 - H / 2);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${top + H + 20}`, width, height: top + H + 20, role: 'img', 'aria-label': title, class: 'graph' },
    s('title', null, title),
    defs(),
  );
  nodes.forEach((n, i) => {
    const x = 10 + i * (W + GAP);
    svg.append(node(n, x, top, H));
    if (i < nodes.length - 1) svg.append(arrow(x + W, top + H / 2, x + W + GAP, top + H / 2, edges[i]));
  });
  return svg;
}

/** Upstream parties (owners, parents, makers) above, the entity in the middle, subsidiaries and brands below. */
export function neighbourhood(
  center: GraphNode,
  up: { node: GraphNode; label: string }[],
  down: { node: GraphNode; label: string }[],
  title: string,
): SVGElement {
  const cols = Math.max(1, up.length, down.length);
  const H = Math.max(66, ...[center, ...up.map((u) => u.node), ...down.map((d) => d.node)].map(nodeHeight));
  const width = Math.max(cols * (W + 30) + 20, W + 40);
  const rows = [up.length ? 1 : 0, 1, down.length ? 1 : 0];
  const height = rows.reduce((a, b) => a + b, 0) * (H + 70) + 10;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'graph' }, s('title', null, title), defs());
  const rowX = (n: number, i: number) => (width - n * (W + 30) + 30) / 2 + i * (W + 30);
  const y = 10;
  const cy = up.length ? y + H + 70 : y;
  const cx = rowX(1, 0);
  up.forEach((u, i) => {
    const x = rowX(up.length, i);
    svg.append(arrow(x + W / 2, y + H, cx + W / 2, cy, u.label), node(u.node, x, y, H));
  });
  svg.append(node(center, cx, cy, H));
  const dy = cy + H + 70;
  down.forEach((d, i) => {
    const x = rowX(down.length, i);
    svg.append(arrow(cx + W / 2, cy + H, x + W / 2, dy, d.label), node(d.node, x, dy, H));
  });
  return svg;
}
