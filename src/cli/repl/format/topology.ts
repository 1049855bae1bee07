/**
 * Draws a query's topology from EXPLAIN's execution plan: one box per operator, sources at the
 * top, records flowing down through the operators into the sink, branches merging where a node
 * has several inputs (joins).
 */
import { displayWidth, padEnd, wrapText } from './text-width.js';

/** An operator as EXPLAIN prints it: ` > [ FILTER ] (X > 1) | Schema: X INTEGER`. */
export interface PlanBox {
  readonly kind: string;
  readonly details: readonly string[];
  readonly schema: string;
  readonly inputs: readonly PlanBox[];
}

const NODE_LINE = /^( *)> \[ ([A-Z_ ]+?) \] ?(.*)$/;

/** The plan tree in EXPLAIN's text, with the sink (when the text names one) as the root. */
export function parsePlan(text: string): PlanBox | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Execution plan');
  if (start < 0) return undefined;
  const nodes: { depth: number; kind: string; rest: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = NODE_LINE.exec(line);
    if (m) nodes.push({ depth: Math.floor(m[1]!.length / 2), kind: m[2]!, rest: m[3]! });
  }
  if (nodes.length === 0) return undefined;
  let index = 0;
  const build = (): PlanBox => {
    const node = nodes[index++]!;
    const inputs: PlanBox[] = [];
    while (index < nodes.length && nodes[index]!.depth > node.depth) inputs.push(build());
    const cut = node.rest.lastIndexOf('Schema: ');
    const before = cut >= 0 ? node.rest.slice(0, cut) : node.rest;
    const schema = cut >= 0 ? node.rest.slice(cut + 'Schema: '.length) : '';
    const details = before
      .split(' | ')
      .map((d) => d.trim().replace(/\|$/, '').trim())
      .filter((d) => d !== '');
    return { kind: node.kind, details, schema, inputs };
  };
  const root = build();
  const sink = /^Sink\s*: (\S+) \(topic: ([^)]+)\)/m.exec(text);
  return sink
    ? { kind: 'SINK', details: [`${sink[1]} (topic: ${sink[2]})`], schema: '', inputs: [root] }
    : root;
}

/** Column names of a schema such as `ID INTEGER KEY, N STRING`. */
function columnNames(schema: string): string {
  const names: string[] = [];
  let depth = 0;
  let field = '';
  for (const ch of `${schema},`) {
    if (ch === '<' || ch === '(') depth++;
    if (ch === '>' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      const name = field.trim().split(' ')[0];
      if (name) names.push(name);
      field = '';
    } else field += ch;
  }
  return names.join(', ');
}

interface Block {
  readonly lines: string[];
  readonly width: number;
  /** Column of the line leaving the block's bottom. */
  readonly anchor: number;
}

/** The text in a node's box, wrapped at `maxInner` columns. */
function content(node: PlanBox, maxInner: number): string[] {
  const columns = columnNames(node.schema);
  return [
    node.kind,
    ...node.details.flatMap((d) => wrapText(d, maxInner)),
    ...(columns ? wrapText(`→ ${columns}`, maxInner) : []),
  ];
}

/** The widest box content in the tree: every box gets this width, so the diagram lines up. */
function widestContent(node: PlanBox, maxInner: number): number {
  const own = Math.max(...content(node, maxInner).map(displayWidth));
  return Math.max(own, ...node.inputs.map((i) => widestContent(i, maxInner)));
}

function box(node: PlanBox, maxInner: number, inner: number): Block {
  const lines = [
    `┌${'─'.repeat(inner + 2)}┐`,
    ...content(node, maxInner).map((c) => `│ ${padEnd(c, inner)} │`),
    `└${'─'.repeat(inner + 2)}┘`,
  ];
  return { lines, width: inner + 4, anchor: Math.floor((inner + 4) / 2) };
}

/** Places text at a column of a line of spaces. */
function put(line: string, col: number, text: string): string {
  const chars = [...line];
  while (chars.length < col + text.length) chars.push(' ');
  [...text].forEach((ch, i) => (chars[col + i] = ch));
  return chars.join('');
}

function shift(block: Block, by: number, width: number): string[] {
  return block.lines.map((l) => padEnd(' '.repeat(by) + l, width));
}

function layout(node: PlanBox, maxInner: number, inner: number): Block {
  const self = box(node, maxInner, inner);
  if (node.inputs.length === 0) return self;
  const children = node.inputs.map((c) => layout(c, maxInner, inner));
  const gap = 3;
  const height = Math.max(...children.map((c) => c.lines.length));
  let x = 0;
  const anchors: number[] = [];
  const rows: string[] = Array.from({ length: height }, () => '');
  for (const child of children) {
    const padded = [
      ...Array.from({ length: height - child.lines.length }, () => ''),
      ...child.lines,
    ];
    padded.forEach((l, i) => (rows[i] = padEnd(rows[i]!, x) + padEnd(l, child.width)));
    anchors.push(x + child.anchor);
    x += child.width + gap;
  }
  const first = anchors[0]!;
  const last = anchors[anchors.length - 1]!;
  const axis = Math.floor((first + last) / 2);
  const connector: string[] = [];
  if (anchors.length > 1) {
    let down = '';
    for (const a of anchors) down = put(down, a, '│');
    let merge = put('', first, '└' + '─'.repeat(last - first - 1) + '┘');
    for (const a of anchors.slice(1, -1)) merge = put(merge, a, '┴');
    merge = put(merge, axis, anchors.includes(axis) ? '┼' : '┬');
    connector.push(down, merge);
  } else {
    connector.push(put('', axis, '│'));
  }
  connector.push(put('', axis, '▼'));
  // Align the parent's anchor with the axis, moving the children right if the box sticks out left.
  const boxLeft = axis - self.anchor;
  const offset = Math.max(0, -boxLeft);
  const width = Math.max(x - gap, boxLeft + self.width) + offset;
  const top = [...rows, ...connector].map((l) => padEnd(' '.repeat(offset) + l, width));
  return {
    lines: [...top, ...shift(self, boxLeft + offset, width)],
    width,
    anchor: axis + offset,
  };
}

/** The diagram's lines, or undefined when the text has no plan or it cannot fit `available`. */
export function drawTopology(text: string, available: number): string[] | undefined {
  const root = parsePlan(text);
  if (!root) return undefined;
  for (const maxInner of [44, 32, 24, 16]) {
    const block = layout(root, maxInner, widestContent(root, maxInner));
    if (block.width <= available) return block.lines.map((l) => l.trimEnd());
  }
  return undefined;
}
