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
const H = 66;
const GAP = 130;

/** Shortens to a visual width: wide (CJK) characters count double, so Chinese names fit the box too. */
function clip(text: string, max: number): string {
  let units = 0;
  let out = '';
  for (const ch of text) {
    units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
    if (units > max - 1) return `${out}…`;
    out += ch;
  }
  return text;
}

/** Two lines at most, broken at a space when there is one, so similar long names stay distinguishable. */
function wrap(text: string, max: number): string[] {
  const first = clip(text, max);
  if (first === text) return [text];
  const cut = first.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  const head = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return [head, clip(text.slice(head.length).trim(), max)];
}

function node(n: GraphNode, x: number, y: number): SVGElement {
  const box = s(
    'g',
    { class: `node node-${n.tone}` },
    s('title', null, n.sub ? `${n.label} — ${n.sub}` : n.label),
    s('rect', { x, y, width: W, height: H, rx: 6 }),
    ...wrap(n.label, 27).map((line, i) => s('text', { x: x + 10, y: y + 19 + i * 16, class: 'node-label' }, line)),
    n.sub ? s('text', { x: x + 10, y: y + 56, class: 'node-sub' }, clip(n.sub, 31)) : null,
  );
  if (!n.href) return box;
  return s('a', { href: n.href }, box);
}

function arrow(x1: number, y1: number, x2: number, y2: number, label?: string): SVGElement {
  return s(
    'g',
    { class: 'edge' },
    s('line', { x1, y1, x2, y2, 'marker-end': 'url(#arrow)' }),
    // Two lines above and below the arrow, so "brand of subsidiary" or "listed on (since …)" is read whole.
    ...(label ? wrap(label, 21) : []).map((line, i) =>
      s('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 + (i ? 18 : -8), 'text-anchor': 'middle', class: 'edge-label' }, line),
    ),
  );
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
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${H + 40}`, width, height: H + 40, role: 'img', 'aria-label': title, class: 'graph' },
    s('title', null, title),
    defs(),
  );
  nodes.forEach((n, i) => {
    const x = 10 + i * (W + GAP);
    svg.append(node(n, x, 20));
    if (i < nodes.length - 1) svg.append(arrow(x + W, 20 + H / 2, x + W + GAP, 20 + H / 2, edges[i]));
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
    svg.append(arrow(x + W / 2, y + H, cx + W / 2, cy, u.label), node(u.node, x, y));
  });
  svg.append(node(center, cx, cy));
  const dy = cy + H + 70;
  down.forEach((d, i) => {
    const x = rowX(down.length, i);
    svg.append(arrow(cx + W / 2, cy + H, x + W / 2, dy, d.label), node(d.node, x, dy));
  });
  return svg;
}
