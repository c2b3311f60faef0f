/**
 * Draws a diagram (diagrams/schema.ts) as terminal text for a given width: boxes in rows inside cluster
 * boxes, clusters side by side when they fit and stacked when not, rows that flow onto more lines when a
 * cluster is too wide. Links between neighbours are arrows between the boxes; the others are numbered
 * markers in both boxes with a legend below. A highlighted path is marked with a glyph (and colour when
 * allowed), so it reads without colour too. Unicode box drawing, or plain ASCII. Pure: data in, lines out.
 */
import type { Diagram, DiagramLink, DiagramNode } from '../diagrams/schema.js';

export interface DiagramOptions {
  width: number;
  ascii?: boolean;
  /** Box ids in order: a request's path to mark. */
  highlight?: readonly string[];
  colour?: boolean;
}

interface Glyphs {
  h: string;
  v: string;
  tl: string;
  tr: string;
  bl: string;
  br: string;
  mark: string;
  ellipsis: string;
  separator: string;
  arrows: Record<DiagramLink['kind'], { line: string; head: string; back: string }>;
  number(n: number): string;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const UNICODE: Glyphs = {
  h: '─', v: '│', tl: '┌', tr: '┐', bl: '└', br: '┘', mark: '◆', ellipsis: '…', separator: ' · ',
  arrows: { request: { line: '─', head: '▶', back: '◀' }, mtls: { line: '═', head: '▶', back: '◀' }, push: { line: '┄', head: '▶', back: '◀' }, trust: { line: '~', head: '▶', back: '◀' } },
  number: (n) => CIRCLED[n - 1] ?? `(${n})`,
};
const ASCII: Glyphs = {
  h: '-', v: '|', tl: '+', tr: '+', bl: '+', br: '+', mark: '*', ellipsis: '~', separator: ', ',
  arrows: { request: { line: '-', head: '>', back: '<' }, mtls: { line: '=', head: '>', back: '<' }, push: { line: '.', head: '>', back: '<' }, trust: { line: '~', head: '>', back: '<' } },
  number: (n) => `(${n})`,
};

const TAGS: Record<DiagramNode['kind'], string> = { pod: 'pod', service: 'svc', 'kube-proxy': 'kube-proxy', istiod: 'istiod', ca: 'CA', gateway: 'gateway', ingress: 'ingress', loadbalancer: 'LB', client: 'client', vm: 'VM', dns: 'DNS', note: '' };
const GAP = 2;
const ARROW_GAP = 5;
const BOLD_YELLOW = ['\u001b[1;33m', '\u001b[0m'];

const length = (text: string): number => [...text].length;

function cut(text: string, room: number, glyphs: Glyphs): string {
  const chars = [...text];
  return chars.length <= room ? text : `${chars.slice(0, Math.max(0, room - 1)).join('')}${glyphs.ellipsis}`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - length(text)));
}

/** A block of text lines, all of one width. */
interface Block {
  lines: string[];
  width: number;
}

function block(lines: string[]): Block {
  const width = Math.max(0, ...lines.map(length));
  return { lines: lines.map((line) => pad(line, width)), width };
}

interface Context {
  glyphs: Glyphs;
  highlighted: Set<string>;
  /** Per box: its numbered markers (out: it starts the link; in: it ends there). */
  markers: Map<string, string[]>;
  /** Adjacent links drawn as arrows: "from>to" keys. */
  inline: Set<string>;
  colour: boolean;
}

function nodeBox(node: DiagramNode, context: Context, maxWidth: number): Block {
  const { glyphs } = context;
  const lines = [node.label, ...(node.detail ? [node.detail] : []), ...(node.sidecar ? ['+ Envoy'] : []), ...(context.markers.has(node.id) ? [context.markers.get(node.id)?.join(' ') ?? ''] : [])];
  const marked = context.highlighted.has(node.id);
  const tag = `${marked ? glyphs.mark : ''}${TAGS[node.kind]}`;
  const inner = Math.min(Math.max(...lines.map(length), length(tag) + 1), Math.max(4, maxWidth - 4));
  const top = `${glyphs.tl}${glyphs.h}${pad(cut(tag, inner + 1, glyphs), inner + 1).replace(/ /g, glyphs.h)}${glyphs.tr}`;
  const body = lines.map((line) => `${glyphs.v} ${pad(cut(line, inner, glyphs), inner)} ${glyphs.v}`);
  const bottom = `${glyphs.bl}${glyphs.h.repeat(inner + 2)}${glyphs.br}`;
  return block([top, ...body, bottom]);
}

/** Boxes side by side, joined by arrows where a link joins neighbours. */
function rowBlock(nodes: readonly DiagramNode[], boxes: readonly Block[], links: readonly DiagramLink[], context: Context): Block {
  const height = Math.max(...boxes.map((box) => box.lines.length));
  const lines = Array.from({ length: height }, () => '');
  boxes.forEach((box, index) => {
    for (let line = 0; line < height; line++) lines[line] += box.lines[line] ?? ' '.repeat(box.width);
    const next = nodes[index + 1];
    const node = nodes[index];
    if (!next || !node) return;
    const forward = links.find((link) => link.from === node.id && link.to === next.id);
    const backward = links.find((link) => link.from === next.id && link.to === node.id);
    const link = forward ?? backward;
    if (!link) {
      for (let line = 0; line < height; line++) lines[line] += ' '.repeat(GAP);
      return;
    }
    const style = context.glyphs.arrows[link.kind];
    // The gap widens to hold the link's label, written under the arrow.
    const gap = Math.max(ARROW_GAP, length(link.label ?? '') + 2);
    const shaft = style.line.repeat(gap - 3);
    const arrow = forward ? ` ${shaft}${style.head} ` : ` ${style.back}${shaft} `;
    const label = pad(` ${link.label ?? ''}`, gap);
    for (let line = 0; line < height; line++) lines[line] += line === 1 ? arrow : line === 2 && link.label ? label : ' '.repeat(gap);
  });
  return block(lines);
}

/** A row's boxes, flowing onto more lines when they do not fit in `room`. */
function flowRow(nodes: readonly DiagramNode[], links: readonly DiagramLink[], context: Context, room: number): Block[] {
  const boxes = nodes.map((node) => nodeBox(node, context, room));
  const rows: Block[] = [];
  let start = 0;
  while (start < nodes.length) {
    let end = start + 1;
    while (end < nodes.length && rowBlock(nodes.slice(start, end + 1), boxes.slice(start, end + 1), links, context).width <= room) end++;
    rows.push(rowBlock(nodes.slice(start, end), boxes.slice(start, end), links, context));
    start = end;
  }
  return rows;
}

function clusterBlock(cluster: Diagram['clusters'][number], links: readonly DiagramLink[], context: Context, maxWidth: number): Block {
  const { glyphs } = context;
  const room = maxWidth - 4;
  const rows = cluster.rows.flatMap((row) => flowRow(row, links, context, room));
  const title = [cluster.name, cluster.network, cluster.mesh].filter(Boolean).join(glyphs.separator);
  const note = cluster.note ? [cut(cluster.note, room, glyphs)] : [];
  const inner = Math.min(room, Math.max(...rows.map((row) => row.width), length(title) + 2, ...note.map(length)));
  const shown = cut(title, inner - 2, glyphs);
  const lines = [`${glyphs.tl}${glyphs.h} ${shown} ${glyphs.h.repeat(inner - 1 - length(shown))}${glyphs.tr}`];
  rows.forEach((row, index) => {
    if (index > 0) lines.push(`${glyphs.v} ${' '.repeat(inner)} ${glyphs.v}`);
    for (const line of row.lines) lines.push(`${glyphs.v} ${pad(line, inner)} ${glyphs.v}`);
  });
  for (const line of note) lines.push(`${glyphs.v} ${pad(line, inner)} ${glyphs.v}`);
  lines.push(`${glyphs.bl}${glyphs.h.repeat(inner + 2)}${glyphs.br}`);
  return block(lines);
}

function sideBySide(blocks: readonly Block[]): Block {
  const height = Math.max(...blocks.map((item) => item.lines.length));
  return block(Array.from({ length: height }, (_, line) => blocks.map((item) => item.lines[line] ?? ' '.repeat(item.width)).join(' '.repeat(GAP)).replace(/ +$/, '')));
}

function neighbours(diagram: Diagram): Set<string> {
  const pairs = new Set<string>();
  const rows = [...(diagram.outside ? [diagram.outside] : []), ...diagram.clusters.flatMap((cluster) => cluster.rows)];
  for (const row of rows) for (let index = 0; index + 1 < row.length; index++) pairs.add(`${row[index]?.id ?? ''}>${row[index + 1]?.id ?? ''}`);
  return pairs;
}

/** Box drawing needs a UTF-8 locale; an unset locale is taken as one (most terminals today are). */
export function localeIsUtf8(env: Readonly<Record<string, string | undefined>>): boolean {
  return /utf-?8/i.test(env.LC_ALL || env.LC_CTYPE || env.LANG || 'UTF-8');
}

export function renderDiagram(diagram: Diagram, options: DiagramOptions): string[] {
  const glyphs = options.ascii ? ASCII : UNICODE;
  const width = Math.max(30, options.width);
  const links = diagram.links ?? [];
  const adjacent = neighbours(diagram);
  const inline = new Set(links.filter((link) => adjacent.has(`${link.from}>${link.to}`) || adjacent.has(`${link.to}>${link.from}`)).map((link) => `${link.from}>${link.to}`));
  const numbered = links.filter((link) => !inline.has(`${link.from}>${link.to}`));
  const markers = new Map<string, string[]>();
  numbered.forEach((link, index) => {
    const number = glyphs.number(index + 1);
    const style = glyphs.arrows[link.kind];
    markers.set(link.from, [...(markers.get(link.from) ?? []), `${number}${style.head}`]);
    markers.set(link.to, [...(markers.get(link.to) ?? []), `${style.head}${number}`]);
  });
  const context: Context = { glyphs, highlighted: new Set(options.highlight ?? []), markers, inline, colour: options.colour === true };

  const labelOf = new Map<string, string>();
  const clusterOf = new Map<string, string>();
  for (const node of diagram.outside ?? []) labelOf.set(node.id, node.label);
  for (const cluster of diagram.clusters) for (const row of cluster.rows) for (const node of row) {
    labelOf.set(node.id, node.label);
    clusterOf.set(node.id, cluster.name);
  }

  const out: string[] = [cut(diagram.title, width, glyphs), ''];
  if (diagram.outside && diagram.outside.length > 0) {
    for (const row of flowRow(diagram.outside, links, context, width)) out.push(...row.lines.map((line) => line.replace(/ +$/, '')));
    out.push('');
  }
  const clusters = diagram.clusters.map((cluster) => clusterBlock(cluster, links, context, width));
  const together = sideBySide(clusters);
  if (together.width <= width) out.push(...together.lines);
  else
    clusters.forEach((cluster, index) => {
      if (index > 0) out.push('');
      out.push(...cluster.lines.map((line) => line.replace(/ +$/, '')));
    });

  if (numbered.length > 0) {
    out.push('');
    const path = options.highlight ?? [];
    const onPath = (link: DiagramLink): boolean => path.some((id, index) => id === link.from && path[index + 1] === link.to);
    numbered.forEach((link, index) => {
      const style = glyphs.arrows[link.kind];
      const arrow = `${style.line.repeat(2)}${link.label ? `${link.label}${style.line.repeat(2)}` : ''}${style.head}`;
      const where = clusterOf.get(link.from) !== clusterOf.get(link.to) ? `  (${clusterOf.get(link.from) ?? 'outside'} → ${clusterOf.get(link.to) ?? 'outside'})` : '';
      const line = `${onPath(link) ? glyphs.mark : ' '}${glyphs.number(index + 1)} ${labelOf.get(link.from) ?? link.from} ${arrow} ${labelOf.get(link.to) ?? link.to}${where}`;
      out.push(cut(options.ascii ? line.replace('→', '->') : line, width, glyphs));
    });
  }
  const lines = out.map((line) => line.replace(/ +$/, ''));
  // Colour only marks what the glyph already marks, after layout, so widths never count escape codes.
  if (!options.colour || context.highlighted.size === 0) return lines;
  return lines.map((line) => line.split(glyphs.mark).join(`${BOLD_YELLOW[0]}${glyphs.mark}${BOLD_YELLOW[1]}`));
}
